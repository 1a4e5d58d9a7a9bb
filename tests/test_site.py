"""The documentation site, built once (mkdocs build --strict) and tested in a real headless Chromium
served over http on 127.0.0.1: every page loads cleanly and offline, Chinese search finds the right
provisions, the self-assessment page agrees with `fuhua check`, and markup in input is only text."""
from __future__ import annotations

import datetime as dt
import functools
import html
import http.server
import json
import re
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from generator.errors import InputError
from generator.site.target import build_site
from generator.site.validity import validity
from generator.yamlio import load_file

BUILD_DATE = "2026-11-23"  # 38 days before the Tianjin draft expires (2026-12-31)
PROFILES = sorted((Path(__file__).parent / "profiles").glob("*.yaml"))
XSS = "<img src=x onerror=alert(1)>"


# --- fixtures: one build, one server, one browser for the module ---------------------------------

@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(out, build_date=BUILD_DATE)
    return out


def serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(site_dir):
    server = serve(site_dir)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class Watched:
    """A page that records console errors, uncaught exceptions, dialogs and requests to other hosts
    (which it blocks: the site must work with no outside network)."""

    def __init__(self, browser, base_url: str, width: int = 1280) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.problems: list[str] = []
        host = urlparse(base_url).netloc
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"exception: {e}"))
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))

        def route(r):
            url = urlparse(r.request.url)
            if url.scheme in ("data", "blob") or url.netloc == host:
                return r.continue_()
            self.problems.append(f"outside request: {r.request.url}")
            return r.abort()
        self.page.route("**/*", route)

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def watched(browser, base_url):
    w = Watched(browser, base_url)
    yield w
    w.close()


def html_pages(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


# --- the built files -----------------------------------------------------------------------------

def test_the_site_has_every_page(site_dir):
    pages = html_pages(site_dir)
    for page in ("index.html", "texts/tianjin-measures.html", "texts/national-accelerator-guideline.html",
                 "types/makerspace.html", "types/incubator.html", "types/accelerator.html", "selfcheck.html",
                 "compare.html", "crossref.html", "downloads.html", "rules/tianjin-measures.html",
                 "downloads/forms/application-accelerator.html"):
        assert page in pages
    docx = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.docx"))
    for kind in ("forms/application-makerspace", "checklists/checklist-incubator", "notices/notice-2025",
                 "reports/accelerator-comparison", "reports/assessment-2024", "reports/accelerator-report-annual"):
        assert f"downloads/{kind}.docx" in docx
    assert not (site_dir / "search" / "search_index.json").read_text(encoding="utf-8").count("flowchart")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key) and tag in ("a", "link", "script", "img"):
                self.hrefs.append(a[key])


def test_every_internal_link_and_anchor_resolves(site_dir):
    parsed = {}
    for rel in html_pages(site_dir):
        p = _Links()
        p.feed((site_dir / rel).read_text(encoding="utf-8"))
        parsed[rel] = p
    broken = []
    for rel, p in parsed.items():
        for href in p.hrefs:
            url = urlparse(href)
            if url.scheme or url.netloc:
                broken.append(f"{rel}: outside link {href}")
                continue
            target = unquote(urljoin(rel, url.path)).lstrip("/") if url.path else rel  # 404.html links from the root
            if not (site_dir / target).is_file():
                broken.append(f"{rel}: {href} (no file {target})")
            elif url.fragment and "=" not in url.fragment and target.endswith(".html") \
                    and unquote(url.fragment) not in parsed[target].ids:  # "#type=x" is a parameter
                broken.append(f"{rel}: {href} (no anchor)")
    assert not broken, "\n".join(broken[:20])


def test_every_provision_has_its_own_anchor_and_visible_citation(site_dir, policy):
    for v in policy.current_versions():
        page = (site_dir / "texts" / f"{v.doc_id}.html").read_text(encoding="utf-8")
        for node in v.walk():
            assert f'id="{node.id}"' in page, (v.doc_id, node.id)
    page = (site_dir / "texts" / "tianjin-measures.html").read_text(encoding="utf-8")
    block = re.search(r'<div class="fuhua-prov fuhua-prov--point" id="art_7__point_3">(.*?)</div>', page, re.S).group(1)
    assert "资金（基金）规模不低于1000万元" in block
    assert '<a href="#art_7__point_3">第七条第三项</a>' in block
    assert 'href="national-accelerator-guideline.html#part_3__item_3"' in block  # its counterpart
    assert 'href="../rules/tianjin-measures.html#conditions-acc_fund_size"' in block  # a rule resting on it
    # 第一条 cites the national guideline (meta.yaml based_on), which is in policy/: linked
    assert re.search(r'id="art_1".*?引用：<a href="national-accelerator-guideline.html">', page, re.S)


def test_status_and_validity_on_the_build_date(site_dir):
    page = (site_dir / "texts" / "tianjin-measures.html").read_text(encoding="utf-8")
    banner = re.search(r'<div class="fuhua-status[^"]*">(.*?)</div>', page, re.S).group(1)
    # 2026-11-23 -> 2026-12-31: 7 more days in November, 31 in December
    assert "征求意见稿" in banner and "有效期至2026年12月31日（剩余38天）" in banner
    national = (site_dir / "texts" / "national-accelerator-guideline.html").read_text(encoding="utf-8")
    assert "现行有效" in national and "未规定有效期" in national
    index = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="texts/national-accelerator-guideline.html"' in index and "（剩余38天）" in index


def test_type_pages_show_conditions_procedure_and_chain(site_dir):
    page = (site_dir / "types" / "incubator.html").read_text(encoding="utf-8")
    assert "可自主支配的孵化场地面积不低于2500平方米" in page
    assert 'href="../texts/tianjin-measures.html#art_6__point_2"' in page
    assert page.count('class="mermaid"') == 2  # the chain and the procedure
    assert "不高于100万元" in page or "≤ 100万元" in page  # the reward for 优秀
    assert "弄虚作假" in page  # sanctions


# --- in the browser ------------------------------------------------------------------------------

def test_every_page_loads_offline_without_errors(site_dir, base_url, watched):
    for rel in html_pages(site_dir):
        watched.page.goto(base_url + rel, wait_until="load")
        if 'class="mermaid"' in (site_dir / rel).read_text(encoding="utf-8"):
            watched.page.wait_for_selector("div.mermaid", timeout=10000)
    assert not watched.problems, "\n".join(watched.problems)


def test_mermaid_diagrams_render_from_the_vendored_copy(base_url, watched):
    watched.page.goto(base_url + "types/accelerator.html")
    # Material draws each diagram into a closed shadow root of a div that replaces the <pre>
    watched.page.wait_for_function("[...document.querySelectorAll('div.mermaid')]"
                                   ".filter(e => e.getBoundingClientRect().height > 50).length === 2", timeout=15000)
    assert watched.page.locator("pre.mermaid").count() == 0
    assert watched.page.evaluate("typeof window.mermaid") == "object"
    assert not watched.problems, watched.problems


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    w = Watched(browser, base_url)
    w.page.goto(base_url + "index.html")
    yield w
    w.close()


def search(page, query: str) -> list[str]:
    """The hrefs (path#anchor) of every result the site's search box shows for a query."""
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material reads the query on key events; Chinese typed text sends none
    # result links carry the highlighted query (?h=...): wait for this query's results
    page.wait_for_function("q => [...document.querySelectorAll('.md-search-result__item a')]"
                           ".some(a => a.href.includes('h=' + encodeURIComponent(q)))", arg=query, timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")
    return [urlparse(h).path.lstrip("/") + (f"#{urlparse(h).fragment}" if urlparse(h).fragment else "") for h in hrefs]


TJ = "texts/tianjin-measures.html"


@pytest.mark.parametrize("query, expected, unwanted", [
    ("加速器", [f"{TJ}#art_7", f"{TJ}#art_12", "texts/national-accelerator-guideline.html#part_1__item_1"], []),
    ("孵化场地", [f"{TJ}#art_6", f"{TJ}#art_8"], [f"{TJ}#art_5", f"{TJ}#art_10"]),
    ("毕业企业", [f"{TJ}#art_6", f"{TJ}#art_9", "texts/national-accelerator-guideline.html#part_1__item_1"], [f"{TJ}#art_5"]),
    ("公示", [f"{TJ}#art_10", f"{TJ}#art_11", f"{TJ}#art_12"], [f"{TJ}#art_6", f"{TJ}#art_7"]),
    ("在孵企业", [f"{TJ}#art_6", f"{TJ}#art_8"], [f"{TJ}#art_5"]),
])
def test_chinese_search_finds_the_provisions(search_page, query, expected, unwanted):
    found = search(search_page.page, query)
    for href in expected:
        assert href in found, (query, href, found)
    for href in unwanted:  # a provision without the word: the query was not cut to a shorter word
        assert href not in found, (query, href, found)
    assert not search_page.problems, search_page.problems


# --- the self-assessment page agrees with `fuhua check` --------------------------------------------

def fill_profile(page, profile: dict) -> None:
    """Put a profile into the form's fields and let the page react once (as after typing). A fact
    the form does not ask for belongs to another document's conditions; `fuhua check` ignores it too."""
    page.evaluate("""profile => {
        const form = document.querySelector('.fuhua-sc-form');
        for (const [field, value] of Object.entries(profile)) {
            const values = Array.isArray(value) ? value : [value];
            values.forEach((x, i) => {
                const el = form.elements[Array.isArray(value) ? field + '[' + i + ']' : field];
                if (el) el.value = String(x);
            });
        }
        form.dispatchEvent(new Event('input', {bubbles: true}));
    }""", profile)


def shown_result(page) -> dict:
    return page.evaluate("""() => ({
        verdict: document.querySelector('.fuhua-sc-verdict').dataset.verdict,
        conditions: [...document.querySelectorAll('tr[data-condition]')].map(tr => ({
            id: tr.dataset.condition, status: tr.dataset.status,
            actual: tr.querySelector('.fuhua-sc-actual').textContent,
            gap: tr.querySelector('.fuhua-sc-gap') ? tr.querySelector('.fuhua-sc-gap').textContent : null,
            citation: tr.querySelector('.fuhua-sc-cite a').textContent}))})""")


def ui_cases() -> list[tuple[Path, str]]:
    """(profile file, jurisdiction) for every test profile the form can hold (no firm lists)."""
    cases = []
    for path in PROFILES:
        case = load_file(path)[0]
        if "firms" in case["profile"]:
            continue
        for j in (["tianjin", "national"] if case["type"] == "accelerator" else ["tianjin"]):
            cases.append((path, j))
    return cases


def test_enough_profiles_are_compared():
    assert len(ui_cases()) >= 10


def test_selfcheck_gives_the_verdicts_and_gaps_of_fuhua_check(base_url, watched, cli, tmp_path):
    compared = 0
    for path, jurisdiction in ui_cases():
        case = load_file(path)[0]
        profile_file = tmp_path / f"{path.stem}.json"
        profile_file.write_text(json.dumps(case["profile"], ensure_ascii=False), encoding="utf-8")
        code, stdout, stderr = cli("check", "--profile", profile_file, "--type", case["type"],
                                   "--jurisdiction", jurisdiction, "--format", "json")
        assert code == 0, stderr
        expected = json.loads(stdout)
        # a new query string each time: a fresh page (the same URL again would only move to the anchor)
        watched.page.goto(f"{base_url}selfcheck.html?case={compared}#type={case['type']}")
        watched.page.check(f'input[name="jurisdiction"][value="{jurisdiction}"]')
        fill_profile(watched.page, case["profile"])
        shown = shown_result(watched.page)
        assert shown["verdict"] == expected["verdict"], (path.name, jurisdiction)
        assert [c["id"] for c in shown["conditions"]] == [c["id"] for c in expected["conditions"]]
        for got, want in zip(shown["conditions"], expected["conditions"]):
            assert (got["status"], got["gap"], got["citation"]) == (want["status"], want["gap"], want["citation"]), (path.name, want["id"])
            assert got["actual"] == (want["actual"] or "—"), (path.name, want["id"])
        compared += 1
    assert compared >= 10
    assert not watched.problems, watched.problems


def test_selfcheck_shows_typed_markup_as_text_and_downloads_a_checklist(base_url, watched):
    watched.page.goto(base_url + "selfcheck.html#type=makerspace")
    watched.page.fill("#fuhua-sc-applicant", XSS)
    watched.page.fill('[name="site_area"]', "-5")
    assert "不能为负数" in watched.page.inner_text('[data-fact="site_area"]')
    watched.page.fill('[name="site_area"]', XSS)  # not a number: flagged, never evaluated or inserted
    assert "请填写数字" in watched.page.inner_text('[data-fact="site_area"]')
    watched.page.fill('[name="site_area"]', "499")
    assert XSS in watched.page.inner_text(".fuhua-sc-verdict")
    assert watched.page.locator('#fuhua-selfcheck img, main img[src="x"]').count() == 0
    row = watched.page.locator('tr[data-condition="ms_site_area"]')
    assert row.get_attribute("data-status") == "not_met" and "还差1平方米" in row.inner_text()
    with watched.page.expect_download() as info:
        watched.page.click(".fuhua-sc-download")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert "\\<img src=x onerror=alert(1)\\>" in text and "【不符合】" in text
    assert not watched.problems, watched.problems


def test_phone_width_has_no_horizontal_scroll(base_url, browser):
    w = Watched(browser, base_url, width=390)
    try:
        for rel in ("index.html", "texts/tianjin-measures.html", "types/accelerator.html", "selfcheck.html"):
            w.page.goto(base_url + rel)
            assert w.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), rel
        assert not w.problems, w.problems
    finally:
        w.close()


# --- markup in policy/ and a revision, through a scratch copy of the policy ------------------------

def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def revised_site(policy_copy, tmp_path) -> Path:
    """A site built from a policy where 第四条 carries markup and the incubator's site area is 3000."""
    tj = policy_copy / "tianjin-measures" / "draft-2024"
    edit(tj / "text.yaml", "并协助开展建设评估相关工作。", f"并协助开展建设评估相关工作。{XSS}")
    edit(tj / "text.yaml", "孵化场地面积不低于2500平方米", "孵化场地面积不低于3000平方米")
    edit(tj / "rules.yaml", "孵化场地面积不低于2500平方米", "孵化场地面积不低于3000平方米")
    edit(tj / "rules.yaml", "value: 2500", "value: 3000")
    out = tmp_path / "site"
    build_site(out, policy_dir=policy_copy, build_date=BUILD_DATE)
    return out


def test_markup_in_policy_text_is_shown_as_text(revised_site, browser):
    page = (revised_site / "texts" / "tianjin-measures.html").read_text(encoding="utf-8")
    assert "<img" not in page and XSS in html.unescape(page)  # escaped in the HTML, the text itself once read
    server = serve(revised_site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    w = Watched(browser, base)
    try:
        w.page.goto(base + "texts/tianjin-measures.html#art_4")
        assert XSS in w.page.inner_text("#art_4__para_1")
        assert w.page.locator('img[src="x"]').count() == 0
        found = search(w.page, "onerror")  # the search results show the indexed text too
        assert f"{TJ}#art_4" in found
        assert XSS in w.page.inner_text(".md-search-result")
        assert w.page.locator('img[src="x"]').count() == 0
        assert not w.problems, w.problems  # no alert dialog, no error
    finally:
        w.close()
        server.shutdown()


def test_a_revised_threshold_reaches_every_page(revised_site):
    guide = (revised_site / "types" / "incubator.html").read_text(encoding="utf-8")
    text = (revised_site / "texts" / "tianjin-measures.html").read_text(encoding="utf-8")
    rules_js = (revised_site / "assets" / "fuhua-rules.js").read_text(encoding="utf-8")
    form = (revised_site / "downloads" / "forms" / "application-incubator.html").read_text(encoding="utf-8")
    for page in (guide, text, form):
        assert "不低于3000平方米" in page and "不低于2500平方米" not in page
    rules = json.loads(rules_js.removeprefix("window.FUHUA_RULES = ").rstrip().removesuffix(";"))
    cond = next(c for c in rules["jurisdictions"]["tianjin"]["types"]["incubator"]["conditions"] if c["id"] == "inc_site_area")
    assert cond["value"] == 3000 and "3000平方米" in cond["requirement"]


def test_a_broken_policy_fails_the_build_with_its_file_named(policy_copy, tmp_path):
    edit(policy_copy / "tianjin-measures" / "draft-2024" / "rules.yaml", "provision: art_21__para_2,", "provision: art_21__para_9,")
    with pytest.raises(InputError) as exc:
        build_site(tmp_path / "site", policy_dir=policy_copy, build_date=BUILD_DATE)
    assert "rules.yaml" in str(exc.value) and "art_21__para_9" in str(exc.value)
    assert not (tmp_path / "site" / "index.html").exists()


# --- fuhua build ----------------------------------------------------------------------------------

def test_fuhua_build_writes_the_same_site(cli, tmp_path, site_dir, monkeypatch):
    monkeypatch.setenv("FUHUA_BUILD_DATE", BUILD_DATE)
    code, stdout, stderr = cli("build", "--out", tmp_path, "--only", "site", "-q")
    assert code == 0, stderr
    built = {p.relative_to(tmp_path / "site").as_posix(): p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    direct = {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in site_dir.rglob("*") if p.is_file()}
    assert sorted(built) == sorted(direct)
    assert [rel for rel in built if built[rel] != direct[rel]] == []  # deterministic, byte for byte


# --- validity on a given day ----------------------------------------------------------------------

@pytest.mark.parametrize("day, state, text", [
    ("2024-12-31", "not_yet", "尚未施行，自2025年1月1日起施行；有效期至2026年12月31日（剩余730天）"),
    ("2025-01-01", "in_force", "有效期至2026年12月31日（剩余729天）"),
    ("2026-12-31", "in_force", "有效期至2026年12月31日（剩余0天）"),
    ("2027-01-01", "expired", "已失效（有效期至2026年12月31日）"),
])
def test_validity_on_a_day(day, state, text):
    meta = {"status": "现行有效", "dates": {"effective": "2025-01-01", "expires": "2026-12-31"}}
    v = validity(meta, dt.date.fromisoformat(day))
    assert (v.state, v.term_text()) == (state, text)
    assert v.css_class == {"expired": "expired", "not_yet": "draft"}.get(state, "in_force")


def test_a_draft_without_dates_and_an_expired_draft():
    assert validity({"status": "现行有效", "dates": {}}, dt.date(2030, 1, 1)).term_text() == "未规定有效期"
    draft = validity({"status": "征求意见稿", "dates": {"expires": "2026-12-31"}}, dt.date(2027, 1, 1))
    assert draft.expired and draft.css_class == "expired"
    assert validity({"status": "征求意见稿", "dates": {"expires": "2026-12-31"}}, dt.date(2026, 1, 1)).css_class == "draft"
