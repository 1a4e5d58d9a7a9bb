"""PDF: the text lines of each page (pdfplumber), less page furniture, with wrapped lines joined.

Removed and recorded: page numbers ("— 3 —", "- 3 -", "第3页", "3/8", a bare number; in the edge bands
or as the last line of a page) and running headers and footers. A line in the top or bottom band
of a page is a header or footer when:
- the same words, numbers aside, stand there on at least two pages; or, on a one-page PDF too,
- it is set clearly smaller than the body text (Word's header and footer styles); or
- it lies in the page margin: closer to the edge than MARGIN_SHARE of the side margin. Word's,
  LibreOffice's, the narrow and the GB/T 9704 page set-ups begin the text block 0.8-1.3 side
  margins from the top, and put a header 0.4-0.5 side margins from it; or
- a horizontal rule separates it from the body (the bottom border of a 页眉 style); or
- its words repeat a body line or the lines of the title block (a header naming the document);
  these last three never take the first page's top line when it is the only line before the first
  第X条 / 一、 / 第X章 (then it is the title, on a page set up with a small top margin), nor a bottom
  line that ends a sentence, opens a provision or spans most of the text block.
A line continues the previous one when that one reaches the right margin (or stops short by no
more than what this one begins with that cannot be split, such as N%；) and this one is not
indented: a printed paragraph's first line is indented, and its last line stops short; or when
both are centred in one size and the previous one had no room left (a long title that wrapped).
"""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

import pdfplumber

from generator.importer.readers import Reading
from generator.importer.structure import is_structural

PAGE_NUMBER = re.compile(r"^(?:[—–\-－]\s*\d+\s*[—–\-－]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,3})$")
EDGE = 0.09  # share of the page height counted as header or footer area
MARGIN_SHARE = 0.6  # a line nearer the edge than this share of the side margin is in the page margin
NUMBER_BAND = 0.15  # a page number may stand this far from the bottom edge
RULE_SPAN = 0.5  # a rule spans at least this share of the text width


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def read_pdf(raw: bytes) -> Reading:
    pages = []
    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        for page in pdf.pages:
            lines = [l for l in page.extract_text_lines(layout=False, strip=True) if l["text"].strip()]
            pages.append(Page(float(page.height), float(page.width), lines, _rules(page)))
    records: list[dict] = []
    edge_shapes = Counter()
    for page in pages:
        for shape in {_shape(l["text"]) for l in page.lines if page.at_edge(l)}:
            edge_shapes[shape] += 1
    all_lines = [l for page in pages for l in page.lines]
    sizes = [c["size"] for l in all_lines for c in l.get("chars", ())]
    body_size = median(sizes) if sizes else 0
    side = min((min(l["x0"], page.width - l["x1"]) for page in pages for l in page.lines), default=0)
    body: list[list[dict]] = []
    removed = Counter()
    for page in pages:
        kept = []
        for l in page.lines:
            text = l["text"].strip()
            if page.numbered_at(l) and PAGE_NUMBER.match(text.replace(" ", "")):
                removed["page_number"] += 1
            elif page.at_edge(l) and ((len(pages) > 1 and edge_shapes[_shape(text)] >= 2) or _smaller(l, body_size)
                                      or (not (page is pages[0] and page.is_title(l)) and not page.is_body(l)
                                          and (page.in_margin(l, side) or page.ruled_off(l) or _repeats(l, page, all_lines)))):
                removed["page_header" if page.at_top(l) else "page_footer"] += 1
            else:
                kept.append(l)
        body.append(kept)
    for kind in ("page_number", "page_header", "page_footer"):
        if removed[kind]:
            records.append({"kind": kind, "count": removed[kind]})
    text, wraps = _paragraphs(body)
    if wraps:
        records.append({"kind": "line_wrap", "count": wraps})
    return Reading(text, tuple(records))


@dataclass(frozen=True)
class Page:
    height: float
    width: float
    lines: list
    rules: tuple  # (y, x0, x1) of each horizontal rule drawn on the page

    def at_top(self, line: dict) -> bool:
        return line["top"] < EDGE * self.height

    def at_edge(self, line: dict) -> bool:
        return self.at_top(line) or line["bottom"] > (1 - EDGE) * self.height

    def is_title(self, line: dict) -> bool:
        """A first page's top line with no other line between it and the first 第X条 / 一、 / 第X章:
        the only title the text has, kept whatever its place (a page set up with a small top margin)."""
        if not self.at_top(line):
            return False
        after = self.lines[self.lines.index(line) + 1:]
        first = next((i for i, l in enumerate(after) if is_structural(l["text"].strip())), len(after))
        return first == 0

    def is_body(self, line: dict) -> bool:
        """A bottom line that reads as the text's own: a sentence's end, a 第X条 / 一、, or a line as wide
        as most of the text block (a footer is short and not a sentence)."""
        if self.at_top(line):
            return False
        text = line["text"].strip()
        left, right = min(l["x0"] for l in self.lines), max(l["x1"] for l in self.lines)
        return text.endswith(("。", "；", "：", "！", "？")) or is_structural(text) or line["x1"] - line["x0"] > 0.8 * (right - left)

    def numbered_at(self, line: dict) -> bool:
        """Where a page number may stand: the edge bands, or the page's last line in the wider band
        that GB/T 9704's page number takes (7 mm below a text block 35 mm from the bottom)."""
        return self.at_edge(line) or (line is self.lines[-1] and line["bottom"] > (1 - NUMBER_BAND) * self.height)

    def in_margin(self, line: dict, side: float) -> bool:
        gap = line["top"] if self.at_top(line) else self.height - line["bottom"]
        return side > 0 and gap < MARGIN_SHARE * side

    def ruled_off(self, line: dict) -> bool:
        """A rule lies between this edge line and the nearest body line, as wide as half the text."""
        if self.at_top(line):
            below = [l["top"] for l in self.lines if l["top"] >= line["bottom"]]
            low, high = line["bottom"] - 1, min(below, default=self.height)
        else:
            above = [l["bottom"] for l in self.lines if l["bottom"] <= line["top"]]
            low, high = max(above, default=0), line["top"] + 1
        left = min(l["x0"] for l in self.lines)
        width = max(l["x1"] for l in self.lines) - left
        return any(low <= y <= high and x1 - x0 >= RULE_SPAN * width for y, x0, x1 in self.rules)


def _rules(page) -> tuple:
    flat = [o for o in (*page.lines, *page.rects) if abs(o["bottom"] - o["top"]) < 2]
    return tuple(((o["top"] + o["bottom"]) / 2, o["x0"], o["x1"]) for o in flat)


def _repeats(line: dict, page: Page, lines: list[dict]) -> bool:
    """Its words are those of a body line, or of two or three consecutive ones (a title block): a
    header repeats a line after it, a footer one before it."""
    shape, at = _shape(line["text"]), next(i for i, l in enumerate(lines) if l is line)
    others = [_shape(l["text"]) for l in (lines[at + 1:] if page.at_top(line) else lines[:at])]
    return any(shape == "".join(others[i:i + n]) for n in (1, 2, 3) for i in range(len(others)))


def _smaller(line: dict, body_size: float) -> bool:
    """Set clearly smaller than the body, as Word's header and footer styles are."""
    chars = line.get("chars") or ()
    return bool(chars) and body_size > 0 and median(c["size"] for c in chars) < 0.8 * body_size


def _paragraphs(pages: list[list[dict]]) -> tuple[str, int]:
    lines = [l for page in pages for l in page]
    if not lines:
        return "", 0
    starts = Counter(round(l["x0"]) for l in lines)
    left = min((x for x, n in starts.items() if n >= 2), default=min(starts))  # the text block's edge, not the indent
    right = max(l["x1"] for l in lines)
    size = median((l["x1"] - l["x0"]) / max(len(l["text"]), 1) for l in lines)
    out: list[str] = []
    wraps = 0
    previous = None
    for l in lines:
        text = l["text"].strip()
        continues = previous is not None and not is_structural(text) and (
            (previous["x1"] + max(3 * size, _first_run(l)) >= right and abs(l["x0"] - left) < 0.8 * size
             and abs(previous["x0"] - left) < 2.5 * size)
            or _centred_wrap(previous, l, left, right))
        if continues:
            out[-1] += text
            wraps += 1
        else:
            out.append(text)
        previous = l
    return "\n".join(out), wraps


def _first_run(line: dict) -> float:
    """The width of what the line begins with that cannot be split across lines: a number or a Latin
    word with the marks that may not open a line (N%；): had it fitted, the previous line would hold it."""
    chars = line.get("chars") or ()
    run = 0
    while run < len(chars) and re.match(r"[0-9A-Za-z.,%％，。；：、）》”’！？]", chars[run]["text"]):
        run += 1
    return chars[run - 1]["x1"] - chars[0]["x0"] if run else 0.0


def _centred_wrap(previous: dict, line: dict, left: float, right: float) -> bool:
    """A centred line (a title) that wrapped: both lines centred on the text block in one type size,
    and the next line's first character would not have fitted on the previous one."""
    chars_a, chars_b = previous.get("chars") or (), line.get("chars") or ()
    if not chars_a or not chars_b:
        return False
    size = median(c["size"] for c in chars_a)
    if abs(median(c["size"] for c in chars_b) - size) > 0.05 * size:
        return False
    middle = (left + right) / 2
    centred = all(abs((l["x0"] + l["x1"]) / 2 - middle) < size for l in (previous, line))
    first = chars_b[0]["x1"] - chars_b[0]["x0"]
    return centred and (previous["x1"] - previous["x0"]) + first > right - left
