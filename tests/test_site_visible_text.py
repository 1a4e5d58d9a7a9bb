"""What the public reads on the site holds no English: the built site (every page, the 404 page
too) is read as a browser shows it, without scripts, styles, drawings and code, and any Latin word
in it fails unless it is the product's name, an address or a format name a Chinese reader knows.
A file name, an English title made from one or a theme's English default shows up here."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.site.target import build_site

pytestmark = pytest.mark.slow  # a whole site build

BUILD_DATE = "2026-12-01"
HIDDEN = {"script", "style", "svg", "code", "pre", "template"}
# what a reader may see in Latin letters: the product, formats known by these names, and JavaScript,
# the name a Chinese browser's own settings give the switch the self-check page asks to turn on
ALLOWED = {"fuhua", "Word", "WPS", "PDF", "JSON", "Markdown", "Excel", "JavaScript"}
GRADE = re.compile(r"[A-Z]")  # one capital letter: a grade or label the policy itself uses (A、B、C、D)
SHOWN_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label"}  # tooltips, image texts, labels read aloud
URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w.-]+|\b[\w.-]+\.(?:org|com|cn|net)(?:/\S*)?")  # web and mail addresses
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*")


class VisibleText(HTMLParser):
    """The text of a page as shown: element text outside HIDDEN elements, and the attributes a
    reader meets (tooltips, image texts, placeholders, labels)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
            return
        if self.hidden:
            return
        self.in_title = tag == "title"
        self.parts += [v for k, v in attrs if k in SHOWN_ATTRIBUTES and v]

    def handle_startendtag(self, tag, attrs):
        if not self.hidden and tag not in HIDDEN:
            self.parts += [v for k, v in attrs if k in SHOWN_ATTRIBUTES and v]

    def handle_endtag(self, tag):
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def latin_words(page: str) -> list[str]:
    """The Latin words of a page's visible text that are not allowed, in order."""
    parser = VisibleText()
    parser.feed(page)
    text = URL.sub(" ", html.unescape(" ".join(parser.parts)))
    return [w for w in LATIN.findall(text) if w not in ALLOWED and not GRADE.fullmatch(w)]


def test_the_check_finds_english():
    """The check can fail: a title, a header, a table cell and a tooltip in English are found; code,
    a script, an address and the allowed names are not."""
    page = ('<html><head><title>Notice 2025 - 站点</title><script>var x = "hidden";</script></head><body>'
            '<h1>404 - Not found</h1><p>本页网址：https://fuhua.example.org/a/b.html</p>'
            '<td>rules JSON</td><a title="Copy">复制</a><code>fuhua check</code><pre>x = 1</pre>'
            '<svg><text>Label</text></svg><p>fuhua 生成的 Word、PDF 文件，等级 A、B</p><p>邮箱 a.b@example.invalid</p><p>see A1</p></body></html>')
    assert latin_words(page) == ["Notice", "Not", "found", "rules", "Copy", "see", "A1"]


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(out, build_date=BUILD_DATE)
    return out


def test_no_page_shows_english(site_dir):
    found = {}
    for path in sorted(site_dir.rglob("*.html")):
        words = latin_words(path.read_text(encoding="utf-8"))
        if words:
            found[path.relative_to(site_dir).as_posix()] = sorted(set(words))
    assert found == {}, found
