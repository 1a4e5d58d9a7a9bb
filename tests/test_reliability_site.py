"""Site safety: markup written into policy/ (a document title, a provision, a fact's label, a
material's name) and into the examples (institution names in a notice and an assessment) is
escaped on every page of the site, including the self-assessment page that builds its form from
the rules in the browser; no page runs it, and no page asks another host for anything.

tests/test_site.py covers markup in one provision and typed into the self-assessment form; this
builds a whole site from hostile input and checks every page."""
from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import PROJECT_ROOT
from generator.site.target import build_site
from tests.fuzzing import write_hostile_policy
from tests.test_site import BUILD_DATE, Watched, serve

pytestmark = pytest.mark.slow  # Chromium and site builds

MARKUP = "<script>alert('x')</script><img src=x onerror=alert(1)><a href=javascript:alert(2)>a</a>&amp;|*_`{: .c }"
NOTICE = f"""publish_date: "2025-09-26"
working_days: 5
contact: {{unit: {json.dumps("科技局" + MARKUP, ensure_ascii=False)}, phone: 022-00000000}}
institutions:
  - {{name: {json.dumps("甲" + MARKUP, ensure_ascii=False)}, type: incubator, district: 和平区, operator: "<b>乙</b>"}}
"""
ASSESSMENT = f"""cycle: 2024
institutions:
  - {{name: {json.dumps("丙" + MARKUP, ensure_ascii=False)}, type: incubator, operator: "<i>丁</i>", municipal: {{2024: 优秀}}}}
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    policy, examples = tmp / "policy", tmp / "examples"
    shutil.copytree(PROJECT_ROOT / "policy", policy)
    shutil.copytree(PROJECT_ROOT / "examples", examples)
    write_hostile_policy(policy, MARKUP)
    (examples / "notices" / "hostile.yaml").write_text(NOTICE, encoding="utf-8")
    (examples / "assessments" / "hostile.yaml").write_text(ASSESSMENT, encoding="utf-8")
    out = tmp / "site"
    build_site(out, policy_dir=policy, examples_dir=examples, build_date=BUILD_DATE)
    return out


class _Elements(HTMLParser):
    """Every start tag with its attributes, the text of every inline script, and every address a
    tag loads (not <a href>, which is only followed when clicked)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.loads: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        self._in_script = tag == "script"
        key = {"script": "src", "img": "src", "iframe": "src", "link": "href", "source": "src", "video": "src", "audio": "src"}.get(tag)
        if tag == "link" and a.get("rel") == "canonical":  # the published address (site_url): named, never loaded
            key = None
        if key and a.get(key):
            self.loads.append(a[key])

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_markup_from_policy_and_input_is_text_on_every_page(hostile_site):
    shown: dict[str, int] = {}
    for page in pages(hostile_site):
        source = page.read_text(encoding="utf-8")
        parsed = _Elements()
        parsed.feed(source)
        rel = page.relative_to(hostile_site).as_posix()
        for tag, attrs in parsed.tags:
            assert not (tag == "img" and attrs.get("src") == "x"), rel
            assert not any(k.startswith("on") and "alert(" in v for k, v in attrs.items()), (rel, tag, attrs)
            assert not any(v.strip().lower().startswith("javascript:") for v in attrs.values()), (rel, tag, attrs)
        assert not any("alert(" in script for script in parsed.scripts), rel
        shown[rel] = html.unescape(re.sub(r"<[^>]+>", "", source)).count(MARKUP)
    # the markup is there, as text, wherever its policy record or input is shown
    for rel in ("index.html", "texts/tianjin-measures.html", "types/makerspace.html", "types/incubator.html",
                "rules/tianjin-measures.html", "compare.html", "downloads/notices/hostile.html", "downloads/reports/hostile.html",
                "downloads/forms/application-makerspace.html", "downloads/checklists/checklist-incubator.html"):
        assert shown.get(rel), (rel, shown.get(rel))
    notice = (hostile_site / "downloads" / "notices" / "hostile.html").read_text(encoding="utf-8")
    assert "<b>乙</b>" not in notice and "&lt;b&gt;乙&lt;/b&gt;" in notice


def test_no_page_loads_anything_from_another_host(hostile_site):
    outside = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
    for page in pages(hostile_site):
        parsed = _Elements()
        parsed.feed(page.read_text(encoding="utf-8"))
        assert not [u for u in parsed.loads if outside.match(u) and not u.startswith("data:")], page
    for css in hostile_site.rglob("*.css"):
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8"))
        assert not [u for u in urls if outside.match(u)], css


def test_no_page_runs_the_markup_in_a_browser(hostile_site, browser):
    server = serve(hostile_site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    w = Watched(browser, base)
    try:
        showing = [p for p in pages(hostile_site) if "alert(" in html.unescape(p.read_text(encoding="utf-8"))]
        assert len(showing) >= 10
        for page in showing:
            w.page.goto(base + page.relative_to(hostile_site).as_posix(), wait_until="load")
            assert w.page.locator('img[src="x"], script:has-text("alert(")').count() == 0, page
        # the self-assessment page builds its form and results from rules.json in the browser
        w.page.goto(base + "selfcheck.html?hostile#type=makerspace")
        assert MARKUP in w.page.inner_text('[data-fact="site_area"]')
        w.page.fill('[name="site_area"]', "499")
        row = w.page.locator('tr[data-condition="ms_site_area"]')
        assert row.get_attribute("data-status") == "not_met" and MARKUP in row.inner_text()
        assert MARKUP in w.page.inner_text("#fuhua-selfcheck")  # the material's name in the list to prepare
        assert w.page.locator('img[src="x"]').count() == 0
        with w.page.expect_download() as info:
            w.page.click(".fuhua-sc-download")
        checklist = Path(info.value.path()).read_text(encoding="utf-8")
        assert "\\<img src=x onerror=alert(1)\\>" in checklist and not re.search(r"(?<!\\)<", checklist)  # Markdown-escaped
        assert not w.problems, w.problems  # no alert dialog, no error, no request to another host
    finally:
        w.close()
        server.shutdown()
