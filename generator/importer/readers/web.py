"""HTML: a government web page's text, one block per line, without its navigation.

Scripts, styles, forms and the page's navigation, header, footer and side bars (by element or by
a class or id such as nav, menu, breadcrumb, footer), blocks of page tools (来源 and 字号 bars,
打印本页 / 关闭窗口) and boxes of links headed 相关解读 or the like are dropped and counted; what remains is read
block by block (p, div, li, h1–h6, table rows, br), so a 索引号 table stays for the importer to
set apart.
"""
from __future__ import annotations

import re

from lxml import html

from generator.importer.readers import Reading

DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button", "select", "template")
BOILERPLATE = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|location|footer|"
                         r"header|top|topbar|sidebar|share|toolbar|search|copyright|links?|friendlink|skip|print|font-size)(?:$|[\s_-])", re.I)
# a block of page tools only: 来源/发布时间/浏览次数 fields, the 字号 大 中 小 switch, 打印本页, 关闭窗口…
TOOLS = re.compile(r"^(?:(?:来源|信息来源|发布时间|发布日期|浏览次数|点击数|阅读次数|字号|字体)[：:]\s*(?:[^\s：:]*?(?=\s|$|字号|字体|发布|浏览|点击))?\s*"
                   r"|【?(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏本页|收藏|分享到|大|中|小|默认)】?\s*)+$")
TOOL_MARK = re.compile(r"字号|字体|打印|关闭|返回顶部|收藏|分享到|浏览次数|点击数|阅读次数")  # not a 发布日期 field alone
# the heading of a box of links to other pages (相关解读, 相关链接…), dropped with its box
RELATED = re.compile(r"^(?:相关(?:解读|链接|文件|阅读|新闻|政策|附件)|政策解读|图片解读|延伸阅读)$")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "dt", "dd", "blockquote", "pre", "table", "ul", "ol"}


def read_html(raw: bytes) -> Reading:
    root = html.document_fromstring(raw)
    dropped = 0
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        marks = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role"))))
        if el.tag in DROP_TAGS or (marks and BOILERPLATE.search(marks)) or el.get("role") == "navigation" or _furniture(el):
            el.drop_tree()
            dropped += 1
    body = root.find("body")
    lines: list[str] = []
    _walk(body if body is not None else root, lines, [""])
    text = "\n".join(l.strip() for l in lines if l.strip())
    return Reading(text, ({"kind": "navigation", "count": dropped},) if dropped else ())


def _furniture(el) -> bool:
    """A block of page tools (TOOLS), or a box of links headed 相关解读 and the like."""
    if el.tag not in BLOCKS:
        return False
    text = re.sub(r"\s+", " ", el.text_content()).strip()
    if text and len(text) <= 80 and TOOLS.match(text) and TOOL_MARK.search(text):
        return True
    heading = next((c for c in el if isinstance(c.tag, str)), None)
    if heading is None or heading.tag not in HEADINGS or not RELATED.match(heading.text_content().strip()):
        return False
    links = sum(len(a.text_content().strip()) for a in el.iter("a"))
    rest = len(re.sub(r"\s+", "", el.text_content())) - len(re.sub(r"\s+", "", heading.text_content()))
    return rest <= links  # nothing but the heading and its links


def _walk(el, lines: list[str], current: list[str]) -> None:
    """Append el's text to current[0]; a block or <br> ends the line."""
    block = el.tag in BLOCKS
    if block:
        _flush(lines, current)
    if el.tag == "br":
        _flush(lines, current)
    elif el.tag in ("td", "th"):
        current[0] += " "
    if el.text and el.tag not in ("br",):
        current[0] += el.text
    for child in el:
        if isinstance(child.tag, str):
            _walk(child, lines, current)
        if child.tail:
            current[0] += child.tail
    if block:
        _flush(lines, current)


def _flush(lines: list[str], current: list[str]) -> None:
    text = re.sub(r"[ \t\r\n\u00a0]+", " ", current[0]).strip()
    if text:
        lines.append(text)
    current[0] = ""
