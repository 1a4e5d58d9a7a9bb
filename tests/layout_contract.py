"""The layout contract of templates/README.md, read back from what users see: each generated .docx
converted to PDF by LibreOffice, its pages read with pdfplumber (words with positions and fonts,
ruled tables), plus the structure of the .docx itself (sections, tables, content controls).

Every check returns a list of problems ("<file> p.<n>: <what>"), empty when the document keeps the
contract, so a test can report all of them at once.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4  # PDF points per millimetre
TOLERANCE = 2.5 * MM  # LibreOffice outdents a table by its cell margin
MARGINS = {  # top, bottom, left, right in mm: templates/README.md "Layout"
    "official": (37, 35, 28, 26),
    "form": (25, 25, 28, 26),
}
PAGE_NUMBER = re.compile(r"^[—–-]\s*\d+\s*[—–-]$")
SIGNATURE = re.compile(r"签字|签章|盖章|（章）|年\s*月\s*日|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
SAMPLE_MARK = "示例"
HANGING = "，、。；：？！”’）》」』"


@dataclass
class Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    in_table: bool


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]  # body lines (inside the text area's height), top to bottom
    outside: list[Line]  # lines above or below the text area (header, footer)
    tables: list[list[str]]  # per ruled table: its rows' text
    landscape: bool


def read_pdf(path: Path, layout: str) -> list[Page]:
    import pdfplumber  # a test dependency, imported where used

    top, bottom, _, _ = (m * MM for m in MARGINS[layout])
    pages = []
    with pdfplumber.open(path) as pdf:
        for i, p in enumerate(pdf.pages, start=1):
            tables = p.find_tables()
            boxes = [t.bbox for t in tables]
            words = p.extract_words(extra_attrs=["size"], keep_blank_chars=False, use_text_flow=True)
            lines = _lines(words, boxes)
            body = [ln for ln in lines if top - TOLERANCE <= ln.top and ln.bottom <= p.height - bottom + TOLERANCE]
            outside = [ln for ln in lines if ln not in body]
            rows = [["".join(c or "" for c in row) for row in t.extract()] for t in tables]
            pages.append(Page(i, p.width, p.height, body, outside, rows, p.width > p.height))
    return pages


def _lines(words: list[dict], boxes: list[tuple]) -> list[Line]:
    """Words grouped into lines by their top (within 2 pt), left to right."""
    out: list[Line] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        inside = any(b[0] - 1 <= w["x0"] and w["x1"] <= b[2] + 1 and b[1] - 1 <= w["top"] and w["bottom"] <= b[3] + 1 for b in boxes)
        last = out[-1] if out else None
        if last and abs(last.top - w["top"]) < 2 and last.in_table == inside:
            last.text += w["text"]
            last.x1, last.bottom = max(last.x1, w["x1"]), max(last.bottom, w["bottom"])
        else:
            out.append(Line(w["text"], w["top"], w["bottom"], w["x0"], w["x1"], w["size"], inside))
    return out


def _body(page: Page) -> list[Line]:
    return [ln for ln in page.lines if not PAGE_NUMBER.match(ln.text)]


def text_outside_area(name: str, pages: list[Page], layout: str) -> list[str]:
    """No text outside the 版心 but the page number below it and the 示例 mark above it.
    LibreOffice hangs a closing punctuation mark into the right margin even where the .docx forbids
    it (w:overflowPunct off, which Word and WPS honour); that one mark is allowed here."""
    _, _, left, right = (m * MM for m in MARGINS[layout])
    problems = []
    for page in pages:
        for ln in page.lines:
            limit = page.width - right + TOLERANCE + (ln.size if ln.text[-1:] in HANGING else 0)
            if ln.x0 < left - TOLERANCE or ln.x1 > limit:
                problems.append(f"{name} p.{page.number}: text beyond the side margins: {ln.text[:30]!r}")
        for ln in page.outside:
            if not PAGE_NUMBER.match(ln.text) and not ln.text.startswith(SAMPLE_MARK):
                problems.append(f"{name} p.{page.number}: text above or below the text area: {ln.text[:30]!r}")
    return problems


def sample_mark(name: str, pages: list[Page], sample: bool) -> list[str]:
    """A sample (made from examples/) carries the 示例 mark above the text area of every page; any
    other document carries 示例 nowhere."""
    problems = []
    for page in pages:
        marked = any(ln.text.startswith(SAMPLE_MARK) and ln.bottom <= page.lines[0].top for ln in page.outside) if page.lines \
            else any(ln.text.startswith(SAMPLE_MARK) for ln in page.outside)
        if sample and not marked:
            problems.append(f"{name} p.{page.number}: no {SAMPLE_MARK} mark at the top of the page")
        if not sample and any(SAMPLE_MARK in ln.text for ln in (*page.lines, *page.outside)):
            problems.append(f"{name} p.{page.number}: {SAMPLE_MARK} in a document not made from examples/")
    return problems


def lonely_signature(name: str, pages: list[Page]) -> list[str]:
    """No page holds only a signature block: lines of 签字, 盖章 or a date, and the signer's name
    (set right of the page's middle)."""
    problems = []
    for page in pages[1:]:
        body = _body(page)
        signature = [ln for ln in body if SIGNATURE.search(ln.text) or ln.x0 > page.width * 0.45]
        if body and not page.tables and signature == body and any(SIGNATURE.search(ln.text) for ln in body):
            problems.append(f"{name} p.{page.number}: the page holds only a signature block: {' / '.join(ln.text for ln in body)}")
    return problems


def lonely_row(name: str, pages: list[Page]) -> list[str]:
    """No page holds only one table row (besides a repeated header row); nor does a page open with
    a table continued from the page before (its header row repeated) that shows a single row of
    its own: a long list's last row alone over the note below the table."""
    problems = []
    seen_rows: set[str] = set()
    before: set[str] = set()  # the rows of the page before
    for page in pages:
        body = _body(page)
        rows = [r for t in page.tables for r in t]
        fresh = [r for i, r in enumerate(rows) if not (i == 0 and r in seen_rows)]
        if body and all(ln.in_table for ln in body) and len(fresh) == 1 and page.number > 1:
            problems.append(f"{name} p.{page.number}: the page holds a single table row: {fresh[0][:40]!r}")
        elif body and body[0].in_table and page.tables and len(page.tables[0]) == 2 and page.tables[0][0] in before:
            problems.append(f"{name} p.{page.number}: a table continues with a single row: {page.tables[0][1][:40]!r}")
        seen_rows.update(rows)
        before = set(rows)
    return problems


def stranded_heading(name: str, pages: list[Page], heading_size: float) -> list[str]:
    """A heading stays with what follows it: no page ends with a heading-sized line."""
    problems = []
    for page in pages[:-1]:
        body = [ln for ln in _body(page) if not ln.in_table]
        below_tables = [ln for ln in body if all(ln.top > other.top for other in page.lines if other.in_table)]
        if below_tables and below_tables[-1].size >= heading_size and below_tables[-1] is body[-1]:
            problems.append(f"{name} p.{page.number}: the page ends with a heading: {body[-1].text!r}")
    return problems


def page_numbers(name: str, pages: list[Page], cover: bool) -> list[str]:
    """The cover carries no page number; every other page does."""
    problems = []
    for page in pages:
        numbered = any(PAGE_NUMBER.match(ln.text) for ln in page.outside + page.lines)
        if cover and page.number == 1 and numbered:
            problems.append(f"{name} p.1: the cover carries a page number")
        elif not (cover and page.number == 1) and not numbered:
            problems.append(f"{name} p.{page.number}: no page number")
    return problems


# --- the .docx itself ---------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_sections(path: Path) -> list[dict]:
    """The body's sections in order: orientation, whether it has page numbers, its tables' column counts."""
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    body = root.find(f"{W}body")
    sections, tables, adjacent = [], [], 0
    previous = None
    for child in body:
        if child.tag == f"{W}tbl":
            tables.append(len(child.find(f"{W}tblGrid")))
            adjacent += previous == f"{W}tbl"
        sect = child.find(f"{W}pPr/{W}sectPr") if child.tag == f"{W}p" else child if child.tag == f"{W}sectPr" else None
        if sect is not None:
            size = sect.find(f"{W}pgSz")
            sections.append({"landscape": size.get(f"{W}orient") == "landscape",
                             "numbered": sect.find(f"{W}footerReference") is not None, "tables": tables})
            tables = []
        previous = child.tag
    sections[-1]["adjacent_tables"] = adjacent
    return sections


def wide_tables_landscape(name: str, path: Path, min_columns: int = 7) -> list[str]:
    """Tables of seven or more columns go on landscape pages; tables never touch (Word would merge them)."""
    problems = []
    sections = docx_sections(path)
    for i, s in enumerate(sections):
        for cols in s["tables"]:
            if cols >= min_columns and not s["landscape"]:
                problems.append(f"{name}: a table of {cols} columns on a portrait page (section {i + 1})")
    if sections[-1].get("adjacent_tables"):
        problems.append(f"{name}: two tables with nothing between them (Word and LibreOffice join them into one)")
    return problems


def wrapped_signature(name: str, pages: list[Page]) -> list[str]:
    """A signature or date line never wraps: no line starts with the tail of a date (月 日, 日)."""
    return [f"{name} p.{page.number}: a signature or date line wrapped: {ln.text!r}"
            for page in pages for ln in _body(page) if not ln.in_table and re.match(r"^(月\s*)?日$|^月\s*日", ln.text)]


def layout_of(path: Path) -> str:
    """official (GB/T 9704: a line grid) or form, read from the .docx's section properties."""
    with zipfile.ZipFile(path) as z:
        return "official" if b'w:docGrid w:type="lines"' in z.read("word/document.xml") else "form"
