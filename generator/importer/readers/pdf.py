"""PDF: the text lines of each page (pdfplumber), less page furniture, with wrapped lines joined.

Removed and recorded: page numbers ("— 3 —", "- 3 -", "第3页", "3/8", a bare number) and running
headers and footers: the same words, numbers aside, at the top or bottom of at least two pages, or,
on a one-page PDF too, a line at the top or bottom set smaller than the body text.
A line continues the previous one when that one reaches the right margin and this one is not
indented: a printed paragraph's first line is indented, and its last line stops short.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from statistics import median

import pdfplumber

from generator.importer.readers import Reading
from generator.importer.structure import is_structural

PAGE_NUMBER = re.compile(r"^(?:[—–\-－]\s*\d+\s*[—–\-－]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,3})$")
EDGE = 0.09  # share of the page height counted as header or footer area


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def read_pdf(raw: bytes) -> Reading:
    pages = []
    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        for page in pdf.pages:
            lines = [l for l in page.extract_text_lines(layout=False, strip=True) if l["text"].strip()]
            pages.append((float(page.height), lines))
    records: list[dict] = []
    edge_shapes = Counter()
    for height, lines in pages:
        for shape in {_shape(l["text"]) for l in lines if l["top"] < EDGE * height or l["bottom"] > (1 - EDGE) * height}:
            edge_shapes[shape] += 1
    sizes = [c["size"] for _, lines in pages for l in lines for c in l.get("chars", ())]
    body_size = median(sizes) if sizes else 0
    body: list[list[dict]] = []
    removed = Counter()
    for height, lines in pages:
        kept = []
        for l in lines:
            at_edge = l["top"] < EDGE * height or l["bottom"] > (1 - EDGE) * height
            text = l["text"].strip()
            if at_edge and PAGE_NUMBER.match(text.replace(" ", "")):
                removed["page_number"] += 1
            elif at_edge and ((len(pages) > 1 and edge_shapes[_shape(text)] >= 2) or _smaller(l, body_size)):
                removed["page_header" if l["top"] < EDGE * height else "page_footer"] += 1
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


def _smaller(line: dict, body_size: float) -> bool:
    """Set clearly smaller than the body, as Word's header and footer styles are."""
    chars = line.get("chars") or ()
    return bool(chars) and body_size > 0 and median(c["size"] for c in chars) < 0.8 * body_size


def _paragraphs(pages: list[list[dict]]) -> tuple[str, int]:
    lines = [l for page in pages for l in page]
    if not lines:
        return "", 0
    left = Counter(round(l["x0"]) for l in lines).most_common(1)[0][0]
    right = max(l["x1"] for l in lines)
    size = median((l["x1"] - l["x0"]) / max(len(l["text"]), 1) for l in lines)
    out: list[str] = []
    wraps = 0
    previous = None
    for l in lines:
        text = l["text"].strip()
        continues = (previous is not None and previous["x1"] >= right - 3 * size and not is_structural(text)
                     and abs(l["x0"] - left) < 0.8 * size and abs(previous["x0"] - left) < 2.5 * size)
        if continues:
            out[-1] += text
            wraps += 1
        else:
            out.append(text)
        previous = l
    return "\n".join(out), wraps
