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

pytestmark = pytest.mark.slow  # Chromium and a whole site build

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
        if tag == "link" and a.get("rel") == "canonical":  # the published address (site_url), not a request
            return
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


def banner_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", re.search(r'<div class="fuhua-status[^"]*"[^>]*>(.*?)</div>', page, re.S).group(1)))


def test_a_draft_is_shown_as_not_in_force(site_dir):
    """A 征求意见稿 is not law: its dates are proposed (拟), it repeals nothing, and it says so."""
    page = (site_dir / "texts" / "tianjin-measures.html").read_text(encoding="utf-8")
    banner = banner_of(page)
    # 2026-11-23 -> 2026-12-31: 7 more days in November, 31 in December
    assert "征求意见稿" in banner and "尚未施行" in banner and "原文拟自2025年1月1日起施行" in banner
    assert "拟有效期至2026年12月31日（距该日还有38天）" in banner and "按2026年11月23日计算" in banner
    assert "不废止任何文件" in banner and "施行日期已过" in banner
    table = html.unescape(re.sub(r"<[^>]+>", "|", page.split('<div class="fuhua-header"')[0]))
    for label in ("拟施行日期", "拟有效期至", "拟废止", "征求意见"):
        assert f"|{label}|" in table.replace("||", "|"), label
    assert "|施行日期|" not in table.replace("||", "|") and "|废止|" not in table.replace("||", "|")
    assert "原文标注（征求意见稿）" in table
    national = (site_dir / "texts" / "national-accelerator-guideline.html").read_text(encoding="utf-8")
    assert "现行有效" in banner_of(national) and "未规定有效期" in banner_of(national) and "尚未施行" not in banner_of(national)
    index = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="texts/national-accelerator-guideline.html"' in index and "（距该日还有38天）" in index
    assert "按2026年11月23日计算" in index  # the countdown says which day it counts from


def test_pages_that_apply_the_texts_show_their_status(site_dir):
    for rel in ("types/incubator.html", "types/makerspace.html", "types/accelerator.html", "downloads.html", "compare.html",
                "downloads/forms/application-incubator.html", "downloads/checklists/checklist-makerspace.html"):
        page = (site_dir / rel).read_text(encoding="utf-8")
        assert "征求意见稿" in banner_of(page) and "尚未施行" in banner_of(page), rel


def test_every_page_says_who_publishes_and_that_the_official_text_prevails(site_dir):
    for rel in html_pages(site_dir):
        if rel == "404.html":
            continue
        page = (site_dir / rel).read_text(encoding="utf-8")
        assert "不是官方发布渠道" in page and "以发文机关正式公布的文本为准" in page, rel
        assert "本站生成日期：2026年11月23日" in page, rel
        assert '<html lang="zh-CN"' in page, rel
        assert re.search(r'<meta name="description" content="[^"]{10,}">', page), rel
    descriptions = {re.search(r'<meta name="description" content="([^"]*)">', (site_dir / rel).read_text(encoding="utf-8")).group(1)
                    for rel in ("index.html", "selfcheck.html", "types/incubator.html", "texts/tianjin-measures.html", "drafting.html")}
    assert len(descriptions) == 5  # each page its own


def test_sitemap_lists_the_pages_on_the_build_date(site_dir):
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    for rel in ("index.html", "texts/tianjin-measures.html", "selfcheck.html", "texts/tianjin-measures/draft-2024/index.html"):
        assert f"/{rel}</loc>" in sitemap, rel
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {BUILD_DATE}


def test_provisions_with_drafting_problems_link_to_them(site_dir):
    page = (site_dir / "texts" / "tianjin-measures.html").read_text(encoding="utf-8")
    block = re.search(r'<div class="fuhua-prov fuhua-prov--paragraph" id="art_33__para_1">(.*?)</div>', page, re.S).group(1)
    assert '<a href="../drafting.html#tianjin-measures--art_33__para_1">本条存在起草问题</a>' in block
    clean = re.search(r'<div class="fuhua-prov fuhua-prov--paragraph" id="art_3__para_1">(.*?)</div>', page, re.S).group(1)
    assert "本条存在起草问题" not in clean
    drafting = (site_dir / "drafting.html").read_text(encoding="utf-8")
    found = re.search(r'id="tianjin-measures--art_33__para_1">(.*?)</div>', drafting, re.S).group(1)
    assert "施行日期相互矛盾" in found and "第三十三条" in found


def test_no_internal_rule_id_is_shown(site_dir, policy):
    ids = {c.id for v in policy.current_versions() for t in v.institution_types for c in v.conditions(t)}
    for rel in ("texts/tianjin-measures.html", "rules/tianjin-measures.html", "types/accelerator.html"):
        shown = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r'(id|href)="[^"]*"', "", (site_dir / rel).read_text(encoding="utf-8"))))
        assert not [i for i in ids if re.search(rf"\b{i}\b", shown)], rel


def test_no_page_invents_a_title(site_dir, policy):
    """Every 《…》 on every page is a title the texts or meta.yaml give (a draft's with its status
    inside the marks), never a short title document.yaml does not record as official."""
    from tests.test_public_wording import known_titles, unknown_titles
    titles = known_titles(policy)
    unofficial = [d.short_title["text"] for d in policy.documents.values() if d.short_title and not d.official_short_title]
    problems = []
    for rel in html_pages(site_dir):
        page = re.sub(r"<(script|style)\b.*?</\1>", "", (site_dir / rel).read_text(encoding="utf-8"), flags=re.S)
        shown = html.unescape(re.sub(r"<[^>]+>", "", page))
        problems += unknown_titles(rel, shown, titles) + [f"{rel}: {t}" for t in unofficial if t in shown]
    assert problems == []


def test_each_version_has_its_own_page_and_the_texts_download_as_word(site_dir):
    dated = (site_dir / "texts" / "tianjin-measures" / "draft-2024" / "index.html").read_text(encoding="utf-8")
    assert 'id="art_7__point_3"' in dated and "征求意见稿" in banner_of(dated)
    undated = (site_dir / "texts" / "tianjin-measures.html").read_text(encoding="utf-8")
    assert 'href="tianjin-measures/draft-2024/index.html"' in undated and "拟自2025年1月1日起施行" in undated
    from docx import Document
    doc = Document(str(site_dir / "downloads" / "texts" / "tianjin-measures-draft-2024.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "第七条" in text and "资金（基金）规模不低于1000万元" in text and "征求意见稿，尚未施行" in text
    assert "texts/tianjin-measures-draft-2024.docx" in (site_dir / "downloads.html").read_text(encoding="utf-8")


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
    """The provisions (path#anchor) the site's search box shows for a query, in the order shown; a
    page-level result (the group heading of its sections) is left out."""
    box = page.locator("input.md-search__input")
    box.fill("")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')", timeout=15000)
    box.fill(query)  # an input event only: the site passes it on to the search (no key events needed)
    # wait until the results have come and stayed the same for two polls
    page.wait_for_function("""() => {
        const now = [...document.querySelectorAll('.md-search-result__item a')].map(a => a.href).join(' ');
        const same = now !== '' && now === window.__fuhuaLastResults;
        window.__fuhuaLastResults = now;
        return same; }""", polling=250, timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")
    return [urlparse(h).path.lstrip("/") + f"#{unquote(urlparse(h).fragment)}" for h in hrefs if urlparse(h).fragment]


TJ = "texts/tianjin-measures.html"
NAT = "texts/national-accelerator-guideline.html"

# Queries an ordinary reader would type, each with the provisions of which one must come in the top 3.
# Some need the drafters' synonym list (site/synonyms.yaml): 研发经费 -> 研发投入, 导师 -> 创业导师,
# 场地面积 -> 孵化场地面积, 入驻企业 -> 在孵企业.
READER_QUERIES = [
    ("众创空间 场地面积", [f"{TJ}#art_5__point_2"]),
    ("创业工位", [f"{TJ}#art_5__point_2"]),
    ("孵化器 场地面积", [f"{TJ}#art_6__point_2"]),
    ("在孵企业", [f"{TJ}#art_8__para_1", f"{TJ}#art_6__point_5"]),
    ("毕业企业", [f"{TJ}#art_9__para_1", f"{TJ}#art_6__point_6"]),
    ("研发经费", [f"{TJ}#art_7__point_4", f"{NAT}#part_3__item_4"]),
    ("导师", [f"{TJ}#art_29__para_1"]),
    ("种子资金", [f"{TJ}#art_6__point_3"]),
    ("加速器 基金规模", [f"{TJ}#art_7__point_3"]),
    ("弄虚作假", [f"{TJ}#art_13__para_1"]),
    ("众创空间 考核 奖励", [f"{TJ}#art_14__para_2"]),
    ("孵化器 优秀 奖励", [f"{TJ}#art_14__para_3"]),
    ("加速器 奖励", [f"{TJ}#art_14__para_4"]),
    ("重复支持", [f"{TJ}#art_16__para_1"]),
    ("有效期", [f"{TJ}#art_33__para_1"]),
    ("施行日期", [f"{TJ}#art_33__para_1", f"{TJ}#art_32__para_1"]),
    ("公示", [f"{TJ}#art_10__point_3", f"{TJ}#art_11__point_3", f"{TJ}#art_12__point_2"]),
    ("名称变更", [f"{TJ}#art_22__para_1"]),
    ("统计报表", [f"{TJ}#art_21__para_1"]),
    ("高新技术企业", [f"{TJ}#art_9__point_1"]),
    ("天使投资", [f"{TJ}#art_9__point_2", f"{TJ}#art_5__point_5"]),
    ("营业收入", [f"{TJ}#art_9__point_3", f"{TJ}#art_7__point_4"]),
    ("上市", [f"{TJ}#art_9__point_4"]),
    ("增值服务收入", [f"{TJ}#art_6__point_7", f"{TJ}#art_7__point_2"]),
    ("实地核查", [f"{TJ}#art_10__point_2", f"{TJ}#art_11__point_2"]),
    ("专业孵化服务人员", [f"{TJ}#art_6__point_4"]),
    ("每千平方米", [f"{TJ}#art_6__point_5"]),
    ("京津冀", [f"{TJ}#art_30__para_1"]),
    ("专精特新", [f"{TJ}#art_9__point_1", f"{NAT}#part_4__item_3"]),
    ("链条延伸型", [f"{NAT}#part_2__item_1"]),
    ("收入结构", [f"{TJ}#art_6__point_7", f"{NAT}#part_3__item_5"]),
    ("优惠政策", [f"{TJ}#art_19__para_1"]),
    ("安全事故", [f"{TJ}#art_23__para_1"]),
    ("报送考核评价材料", [f"{TJ}#art_18__para_1"]),
    ("入驻企业", [f"{TJ}#art_8__para_1", f"{TJ}#art_5__point_3"]),
    ("补贴", [f"{TJ}#art_20__para_1", f"{TJ}#art_14__para_2", f"{TJ}#art_14__para_3", f"{TJ}#art_14__para_4"]),
    ("运营未满", [f"{TJ}#art_20__para_1"]),
    ("取消资格", [f"{TJ}#art_20__para_1", f"{TJ}#art_13__para_1", f"{TJ}#art_18__para_1"]),
]


def test_enough_reader_queries():
    assert len(READER_QUERIES) >= 25


@pytest.mark.parametrize("query, wanted", READER_QUERIES)
def test_search_puts_the_provision_in_the_top_three(search_page, query, wanted):
    found = search(search_page.page, query)
    assert set(found[:3]) & set(wanted), (query, wanted, found[:6])
    assert not search_page.problems, search_page.problems


@pytest.mark.parametrize("query, unwanted", [
    ("孵化场地", [f"{TJ}#art_5__point_1", f"{TJ}#art_10__point_1"]),  # the query is not cut to 孵化*
    ("在孵企业", [f"{TJ}#art_5__point_1"]),
])
def test_search_does_not_cut_chinese_words(search_page, query, unwanted):
    found = search(search_page.page, query)
    assert found and not set(found) & set(unwanted), (query, found)


def test_search_entries_are_provisions_titled_with_their_citation(site_dir):
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {d["location"]: d for d in index["docs"]}
    entry = by_location[f"{TJ}#art_7__point_3"]
    assert entry["title"].replace("\u200b", "") == "第七条第三项"
    assert len(entry["text"].replace("\u200b", "")) < 120  # the provision's own words: a short snippet
    assert not [loc for loc in by_location if loc.startswith(("rules/", "downloads", "texts/tianjin-measures/"))]
    assert not [loc for loc in by_location if loc.startswith("types/") and "#" in loc]


def test_search_runs_on_ime_composition_end(search_page):
    page = search_page.page
    page.locator("input.md-search__input").fill("")
    page.evaluate("""() => {
        const box = document.querySelector('input.md-search__input');
        box.focus();
        box.dispatchEvent(new CompositionEvent('compositionstart', {bubbles: true}));
        box.value = '京津冀';
        box.dispatchEvent(new InputEvent('input', {bubbles: true, isComposing: true}));
        box.dispatchEvent(new CompositionEvent('compositionend', {bubbles: true, data: '京津冀'}));
    }""")
    page.wait_for_function("() => [...document.querySelectorAll('.md-search-result__item a')]"
                           ".some(a => a.getAttribute('href').includes('#art_30__para_1'))", timeout=15000)


def test_synonyms_are_a_list_drafters_edit():
    from generator.site.searchindex import synonyms
    words = synonyms(Path(__file__).parent.parent / "site")
    assert words["研发经费"] == ["研发投入"] and "创业导师" in words["导师"]


# --- the self-assessment page agrees with `fuhua check` --------------------------------------------

def fill_profile(page, profile: dict) -> None:
    """Put a profile into the form's fields and let the page react once (as after typing). A fact
    the form does not ask for belongs to another document's conditions; `fuhua check` ignores it too.
    A firm list is pasted as a spreadsheet would give it: a header row of labels, 是/否 for yes/no."""
    firms = profile.get("firms")
    page.evaluate("""profile => {
        const form = document.querySelector('.fuhua-sc-form');
        for (const [field, value] of Object.entries(profile)) {
            if (field === 'firms') continue;
            const values = Array.isArray(value) ? value : [value];
            values.forEach((x, i) => {
                const el = form.elements[Array.isArray(value) ? field + '[' + i + ']' : field];
                if (el) el.value = String(x);
            });
        }
        form.dispatchEvent(new Event('input', {bubbles: true}));
    }""", profile)
    if firms:
        labels = page.evaluate("() => Object.fromEntries(Object.entries(window.FUHUA_RULES.facts).map(([k, f]) => [k, f.label]))")
        columns = sorted({k for f in firms for k in f if k != "name"})
        cell = lambda v: "" if v is None else ("是" if v is True else "否" if v is False else str(v))
        rows = ["\t".join(["企业名称"] + [labels[c] for c in columns])]
        rows += ["\t".join([f.get("name", "")] + [cell(f.get(c)) for c in columns]) for f in firms]
        page.fill("#fuhua-sc-paste", "\n".join(rows))
        page.click(".fuhua-sc-read-paste")


def shown_result(page) -> dict:
    return page.evaluate("""() => ({
        verdict: document.querySelector('.fuhua-sc-verdict').dataset.verdict,
        conditions: [...document.querySelectorAll('tr[data-condition]')].map(tr => ({
            id: tr.dataset.condition, status: tr.dataset.status,
            actual: tr.querySelector('.fuhua-sc-actual').textContent,
            gap: tr.querySelector('.fuhua-sc-gap') ? tr.querySelector('.fuhua-sc-gap').textContent : null,
            citation: tr.querySelector('.fuhua-sc-cite a').textContent}))})""")


def ui_cases() -> list[tuple[Path, str]]:
    """(profile file, jurisdiction) for every test profile, firm lists included."""
    cases = []
    for path in PROFILES:
        case = load_file(path)[0]
        for j in (["tianjin", "national"] if case["type"] == "accelerator" else ["tianjin"]):
            cases.append((path, j))
    return cases


def test_enough_profiles_are_compared():
    assert len(ui_cases()) >= 10
    assert sum("firms" in load_file(path)[0]["profile"] for path, _ in ui_cases()) >= 3


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


def test_selfcheck_downloads_the_form_pre_filled_as_fuhua_fill_does(base_url, watched, tmp_path):
    """The pre-filled form made in the browser (formfill.js over the site's copy of the form) has
    the fields `fuhua fill` gives the same facts."""
    from generator.eligibility.evaluate import evaluate
    from generator.eligibility.rules import export_rules
    from generator.generators import fill
    from generator.policy import load_policy
    from generator.render.fields import read_fields
    watched.page.goto(base_url + "selfcheck.html#type=makerspace")
    watched.page.fill("#fuhua-sc-applicant", "示例众创空间有限公司")
    watched.page.fill('[name="site_area"]', "650")
    watched.page.fill('[name="workstations"]', "40")
    with watched.page.expect_download() as info:
        watched.page.click(".fuhua-sc-fill")
    got = dict(read_fields(Path(info.value.path()).read_bytes()))
    rules = export_rules(load_policy())
    profile = {"applicant": "示例众创空间有限公司", "site_area": 650, "workstations": 40}
    assert got["applicant"] == "示例众创空间有限公司" and got["fact:site_area"] == "650"
    result = evaluate(rules, "makerspace", "tianjin", profile)
    assert got["status:ms_site_area"] == fill.value_of("status:ms_site_area", profile, result, rules, "tianjin") == "符合"
    assert got["status:ms_workstations"] == "符合" and got["status:ms_operation_years"] == "信息不足"
    assert not watched.problems, watched.problems


PHONE_PAGES = ("index.html", "texts/tianjin-measures.html", "types/accelerator.html", "selfcheck.html", "compare.html",
               "crossref.html", "rules/tianjin-measures.html", "downloads.html", "drafting.html",
               "downloads/reports/accelerator-comparison.html")


def row_of(page, fact: str) -> str:
    return page.inner_text(f'[data-fact="{fact}"]')


def test_selfcheck_reads_figures_as_people_type_them(base_url, watched):
    page = watched.page
    page.goto(base_url + "selfcheck.html#type=makerspace")
    page.fill('[name="site_area"]', "２，６００平方米")  # full-width digits and comma, the unit typed after
    assert "读作：2600平方米" in row_of(page, "site_area")
    assert page.get_attribute('tr[data-condition="ms_site_area"]', "data-status") == "met"
    page.fill('[name="workstations"]', "1,200")
    assert "读作：1200个" in row_of(page, "workstations")
    page.fill('[name="site_area"]', "2600")
    assert "读作" not in row_of(page, "site_area")  # a plain figure needs no note
    # a wrong unit, a figure too large, a control character: flagged beside the field; the others stay
    page.fill('[name="site_area"]', "1.2亿元")
    assert "单位应为平方米" in row_of(page, "site_area")
    assert page.get_attribute(".fuhua-sc-verdict", "data-verdict") == "invalid"
    assert page.get_attribute('tr[data-condition="ms_site_area"]', "data-status") == "invalid"
    assert page.get_attribute('tr[data-condition="ms_workstations"]', "data-status") == "met"  # still shown
    page.fill('[name="site_area"]', "1000000000000000")  # 10^15: `fuhua check` refuses it too
    assert "数值过大" in row_of(page, "site_area")
    page.fill('[name="site_area"]', "2600")
    page.fill("#fuhua-sc-applicant", "某某众创空间\x07")
    assert "控制字符" in page.inner_text(".fuhua-sc-applicant")
    assert page.get_attribute(".fuhua-sc-verdict", "data-verdict") == "invalid"
    page.fill("#fuhua-sc-applicant", "某某众创空间")
    assert page.get_attribute(".fuhua-sc-verdict", "data-verdict") != "invalid"
    assert not watched.problems, watched.problems


def test_selfcheck_years_are_calendar_years(base_url, watched):
    page = watched.page
    page.goto(base_url + "selfcheck.html#type=accelerator")
    labels = page.eval_on_selector_all('[data-fact="rd_spend_by_year"] input', "els => els.map(e => e.getAttribute('aria-label'))")
    assert [label.split()[-1] for label in labels] == ["2023年", "2024年", "2025年"]  # the build date is 2026-11-23
    assert "第1年" not in page.inner_text('[data-fact="rd_spend_by_year"]')
    page.fill("#fuhua-sc-year", "2027")
    labels = page.eval_on_selector_all('[data-fact="rd_spend_by_year"] input', "els => els.map(e => e.getAttribute('aria-label'))")
    assert labels[-1].endswith("2026年")


def test_selfcheck_counts_firms_by_the_definitions_and_refuses_a_contradicting_count(base_url, watched):
    page = watched.page
    page.goto(base_url + "selfcheck.html#type=incubator")
    case = load_file(Path(__file__).parent / "profiles" / "inc_incubated_from_firm_list.yaml")[0]
    fill_profile(page, case["profile"])
    assert page.locator(".fuhua-sc-firms tr[data-firm]").count() == 3
    assert "按第八条" in page.inner_text(".fuhua-sc-derived") or "第八条" in page.inner_text(".fuhua-sc-derived")
    row = page.locator('tr[data-condition="inc_incubated_firms"]')
    assert row.get_attribute("data-status") == "not_met" and "还差24家" in row.inner_text()
    page.fill('[name="incubated_firms"]', "3")  # the list gives 1: the command line refuses this profile
    assert "企业名单" in row_of(page, "incubated_firms")
    assert page.get_attribute(".fuhua-sc-verdict", "data-verdict") == "invalid"
    page.click(".fuhua-sc-add")
    assert page.locator(".fuhua-sc-firms tr[data-firm]").count() == 4
    assert not watched.problems, watched.problems


def test_selfcheck_side_by_side_gives_each_documents_verdict(base_url, watched, cli, tmp_path):
    page = watched.page
    case = load_file(Path(__file__).parent / "profiles" / "acc_tianjin_pass_national_fail.yaml")[0]
    page.goto(base_url + "selfcheck.html#type=accelerator")
    page.check('input[name="jurisdiction"][value="compare"]')
    fill_profile(page, case["profile"])
    shown = page.evaluate("() => Object.fromEntries([...document.querySelectorAll('.fuhua-sc-result')]"
                          ".map(s => [s.dataset.jurisdiction, s.querySelector('.fuhua-sc-verdict').dataset.verdict]))")
    profile_file = tmp_path / "p.json"
    profile_file.write_text(json.dumps(case["profile"], ensure_ascii=False), encoding="utf-8")
    for j in ("tianjin", "national"):
        code, stdout, stderr = cli("check", "--profile", profile_file, "--type", "accelerator", "--jurisdiction", j, "--format", "json")
        assert code == 0, stderr
        assert shown[j] == json.loads(stdout)["verdict"], j
    assert shown["tianjin"] != shown["national"]


def test_selfcheck_downloads_the_checklist_as_word_and_prints(base_url, watched):
    from docx import Document
    page = watched.page
    page.goto(base_url + "selfcheck.html#type=incubator")
    fill_profile(page, {"site_area": 2400})
    with page.expect_download() as info:
        page.click(".fuhua-sc-download-docx")
    assert info.value.suggested_filename.endswith(".docx")
    doc = Document(info.value.path())
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "申报材料清单" in text and "还差100平方米" in text and "（征求意见稿）》第六条（尚未施行）" in text
    assert doc.paragraphs[0].style.name == "Title"
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.click(".fuhua-sc-print")
    assert page.evaluate("window.__printed") == 1
    # the verdict names the draft's status
    assert "尚未施行" in page.inner_text(".fuhua-sc-docstatus")
    # the application form, pre-filled in the page by the forms' own filler (formfill.js)
    page.fill("#fuhua-sc-applicant", "某某孵化器有限公司")
    with page.expect_download() as info:
        page.click(".fuhua-sc-form-download")
    import zipfile
    with zipfile.ZipFile(info.value.path()) as z:  # the filled content controls (python-docx does not read them)
        filled = re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode("utf-8"))
    assert "某某孵化器有限公司" in filled and "2400" in filled


def test_selfcheck_result_is_announced_once_per_change(base_url, watched):
    page = watched.page
    page.goto(base_url + "selfcheck.html#type=makerspace")
    page.wait_for_timeout(300)
    page.evaluate("""() => { window.__announced = [];
        new MutationObserver(() => window.__announced.push(document.getElementById('fuhua-sc-announce').textContent))
            .observe(document.getElementById('fuhua-sc-announce'), {childList: true, characterData: true, subtree: true}); }""")
    page.type('[name="site_area"]', "499", delay=60)  # three keystrokes; the verdict changes to 不符合
    page.wait_for_timeout(1200)
    announced = page.evaluate("window.__announced")
    assert len(announced) == 1 and "不符合" in announced[0], announced
    assert page.get_attribute("#fuhua-sc-announce", "role") == "status"
    assert page.locator(".fuhua-sc-output[aria-live]").count() == 0  # the table itself is not read out on each key


def test_phone_width_has_no_horizontal_scroll_and_tables_become_cards(base_url, browser):
    w = Watched(browser, base_url, width=390)
    try:
        for rel in PHONE_PAGES:
            w.page.goto(base_url + rel, wait_until="load")
            w.page.wait_for_function("() => document.querySelector('input.md-search__input[data-fuhua-search]')")
            assert w.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), rel
            # no cell of a table reaches past the screen's right edge
            cut = w.page.evaluate("""() => [...document.querySelectorAll('.md-typeset td, .md-typeset th')]
                .filter(c => c.getClientRects().length && c.getBoundingClientRect().right > window.innerWidth + 1).length""")
            assert cut == 0, rel
        w.page.goto(base_url + "compare.html", wait_until="load")
        w.page.wait_for_selector("table[data-fuhua-cards] td[data-label]")
        label = w.page.evaluate("""() => getComputedStyle(document.querySelector('table[data-fuhua-cards] td[data-label]'), '::before').content""")
        assert "序号" in label
        assert not w.problems, w.problems
    finally:
        w.close()


def test_a_deep_link_on_a_phone_still_shows_the_status(base_url, browser):
    w = Watched(browser, base_url, width=390)
    try:
        w.page.goto(base_url + "texts/tianjin-measures.html#art_20__para_1", wait_until="load")
        w.page.wait_for_timeout(300)
        bar = w.page.locator(".fuhua-sticky")
        box = bar.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 900
        assert "征求意见稿" in bar.inner_text() and "尚未施行" in bar.inner_text()
        target = w.page.locator("#art_20__para_1").bounding_box()
        assert target["y"] >= box["y"] + box["height"] - 2, (target, box)  # the article is not under the bar
        assert 0 <= target["y"] < 900
    finally:
        w.close()


def test_print_view_shows_the_address_and_the_build_date(base_url, browser):
    w = Watched(browser, base_url)
    try:
        w.page.goto(base_url + "types/incubator.html", wait_until="load")
        w.page.emulate_media(media="print")
        shown = w.page.inner_text(".fuhua-print-footer")
        assert "本页网址：https://fuhua.example.org/types/incubator.html" in shown and "生成日期：2026年11月23日" in shown
        assert w.page.locator(".fuhua-status").first.is_visible()
        w.page.emulate_media(media="screen")
        assert not w.page.locator(".fuhua-print-footer").is_visible()
    finally:
        w.close()


# --- accessibility: axe-core (vendored in tests/fixtures/vendor/axe-core) on every page -----------

AXE = Path(__file__).parent / "fixtures" / "vendor" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, where: str) -> list[str]:
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return [f"{where}: {v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['nodes'][0]['target']} {v['help']}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def page_problems(browser, site: Path, pages: list[str], widths=(1280, 390)) -> list[str]:
    """Pages of a site built elsewhere (a variant policy), served and opened at each width: serious
    or critical axe violations, console errors, outside requests, and sideways scrolling."""
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    bad: list[str] = []
    try:
        for width in widths:
            w = Watched(browser, base, width=width)
            try:
                for rel in pages:
                    w.page.goto(base + rel, wait_until="load")
                    bad += axe_violations(w.page, f"{rel} @{width}")
                    scroll = w.page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
                    if scroll > 0:
                        bad.append(f"{rel} @{width}: scrolls sideways by {scroll}px")
                bad += w.problems
            finally:
                w.close()
    finally:
        server.shutdown()
    return bad


@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_accessibility_violation_on_any_page(site_dir, base_url, browser, width):
    w = Watched(browser, base_url, width=width)
    bad: list[str] = []
    try:
        for rel in html_pages(site_dir):
            w.page.goto(base_url + rel, wait_until="load")
            w.page.wait_for_function("() => document.querySelector('input.md-search__input[data-fuhua-search]')")
            if 'class="mermaid"' in (site_dir / rel).read_text(encoding="utf-8"):
                w.page.wait_for_selector("div.mermaid", timeout=10000)
            bad += axe_violations(w.page, f"{rel} @{width}")
        # the self-check with a result on screen, and the search dialog open
        w.page.goto(base_url + "selfcheck.html#type=incubator", wait_until="load")
        fill_profile(w.page, {"site_area": 2400, "incubated_firms": 30})
        bad += axe_violations(w.page, f"selfcheck.html with a result @{width}")
        w.page.goto(base_url + "index.html", wait_until="load")
        search(w.page, "孵化场地")
        bad += axe_violations(w.page, f"search dialog @{width}")
    finally:
        w.close()
    assert not bad, "\n".join(bad[:30])


def test_keyboard_focus_is_visible(base_url, browser):
    w = Watched(browser, base_url)
    try:
        w.page.goto(base_url + "selfcheck.html#type=incubator", wait_until="load")
        w.page.focus('[name="site_area"]')
        w.page.keyboard.press("Tab")
        w.page.keyboard.press("Shift+Tab")  # focus by keyboard: :focus-visible
        style = w.page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }")
        assert style[0] != "none" and float(style[1].rstrip("px")) >= 2, style
        assert w.page.get_attribute(".md-search", "aria-label")
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
        assert f"{TJ}#art_4__para_1" in found
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
