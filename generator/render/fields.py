"""The fillable fields of a generated .docx (content controls, w:sdt, tagged): read them back, or
fill them in place.

    read_fields(docx_bytes) -> [(tag, text), ...]       in document order
    fill_fields(docx_bytes, value_of, rows) -> docx_bytes
        value_of(tag, current_text) -> str | bool | number | None;
        rows: {family: n} grows a table to n rows first (extend_rows)

A table's rows of fields: every field of row r has r as the second-to-last part of its tag
(row:<family>:<r>:<column>, sched:<n>:<year>:<r>:<column>), the first cell holds the row number
r + 1. extend_rows copies the family's last row with the next r and number until there are n, so a
list longer than the blank table loses no entry. As the renderer does, only the second-to-last row
keeps with the next (w:keepNext in its cells): no page holds the table's last row alone.

A field whose value is None is left as it is. True/False tick the first/second box (□ → ■) of a
field that offers boxes (□是　□否), else read 是/否; numbers are written in their shortest form.
generator/eligibility/formfill.js does exactly the same in the browser (the same expressions, step
for step); tests/test_fill.py runs both and compares the documents' text.
"""
from __future__ import annotations

import html
import io
import re
import zipfile

from generator.render.docx import _entry, xml_text

SDT = re.compile(r"<w:sdt><w:sdtPr>(.*?)</w:sdtPr><w:sdtContent>(.*?)</w:sdtContent></w:sdt>")
TAG = re.compile(r'<w:tag w:val="([^"]*)"/>')
TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:br/>")
RPR = re.compile(r"^<w:r>(<w:rPr>.*?</w:rPr>)?")
DOCUMENT = "word/document.xml"
TICK = "■"  # a ticked box; ☑ has no glyph in the CJK faces, so LibreOffice showed a blank


def _text(content: str) -> str:
    return "".join("\n" if m.group(0) == "<w:br/>" else html.unescape(m.group(1)) for m in TEXT.finditer(content))


def read_fields(docx: bytes) -> list[tuple[str, str]]:
    xml = zipfile.ZipFile(io.BytesIO(docx)).read(DOCUMENT).decode("utf-8")
    return [(html.unescape(TAG.search(m.group(1)).group(1)), _text(m.group(2))) for m in SDT.finditer(xml) if TAG.search(m.group(1))]


def show(value, current: str) -> str:
    """A value as the field's new text."""
    if isinstance(value, bool):
        if "□" in current:
            parts = current.split("□")
            k = 1 if value else 2  # the box before part k is ticked
            return "".join((TICK if i == k else "□") + p if i else p for i, p in enumerate(parts))
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


ROW = re.compile(r"<w:tr>(?:(?!</w:tr>).)*</w:tr>", re.S)
TAG_VALUE = re.compile(r'(<w:tag w:val=")([^"]*)("/>)')
KEEP_CELL = re.compile(r'(<w:p><w:pPr><w:pStyle w:val="[^"]*"/>)(?!<w:keepNext/>)')


def extend_rows(xml: str, family: str, count: int) -> str:
    """The table whose rows carry fields tagged row:<family>:<r>:… grown to `count` rows."""
    marker = f'w:val="row:{family}:'
    rows = [m for m in ROW.finditer(xml) if marker in m.group(0)]
    if not rows or len(rows) >= count:
        return xml
    last = rows[-1]
    r0 = len(rows) - 1

    def renumber(tag: re.Match, r: int) -> str:
        parts = tag.group(2).split(":")
        if len(parts) >= 3 and parts[-2] == str(r0):
            parts[-2] = str(r)
        return tag.group(1) + ":".join(parts) + tag.group(3)

    number = f'<w:t xml:space="preserve">{r0 + 1}</w:t>'
    added = [TAG_VALUE.sub(lambda t: renumber(t, r), last.group(0)).replace(number, f'<w:t xml:space="preserve">{r + 1}</w:t>', 1)
             for r in range(len(rows), count)]
    tail = [last.group(0), *added]
    tail[-2] = KEEP_CELL.sub(r"\1<w:keepNext/>", tail[-2])
    start = rows[-2].start() if len(rows) > 1 else last.start()
    head = xml[start:last.start()].replace("<w:keepNext/>", "")  # the old second-to-last row keeps no more
    return xml[:start] + head + "".join(tail) + xml[last.end():]


def fill_fields(docx: bytes, value_of, rows: dict[str, int] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(docx))
    xml = src.read(DOCUMENT).decode("utf-8")
    for family, count in sorted((rows or {}).items()):
        xml = extend_rows(xml, family, count)

    def replace(m: re.Match) -> str:
        tag = TAG.search(m.group(1))
        if not tag:
            return m.group(0)
        current = _text(m.group(2))
        value = value_of(html.unescape(tag.group(1)), current)
        if value is None:
            return m.group(0)
        rpr = RPR.match(m.group(2)).group(1) or ""
        runs = f"<w:r>{rpr}<w:br/></w:r>".join(f'<w:r>{rpr}<w:t xml:space="preserve">{xml_text(line)}</w:t></w:r>'
                                              for line in show(value, current).split("\n"))
        return f"<w:sdt><w:sdtPr>{m.group(1)}</w:sdtPr><w:sdtContent>{runs}</w:sdtContent></w:sdt>"

    filled = SDT.sub(replace, xml).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():  # the same parts in the same order, fixed times: byte-identical refills
            z.writestr(_entry(name), filled if name == DOCUMENT else src.read(name))
    return out.getvalue()
