"""Blocks -> .docx bytes: WordprocessingML written directly, zipped with the reference's parts.

Everything that is style lives in templates/reference-<layout>.docx (styles, fonts, page set-up,
footers with page numbers); this module only writes word/document.xml and docProps/core.xml. It
never emits a character XML 1.0 forbids: control characters are dropped here as the last line of
defence (input readers refuse them earlier with a message).
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache

from generator.render.blocks import Heading, PageBreak, Paragraph, Run, Table

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
CORE_DATE = "2024-01-01T00:00:00Z"
HEADING_STYLES = {0: "Title", 1: "Heading1", 2: "Heading2", 3: "Heading3"}
ALIGN_CLASSES = {"center": "center", "right": "right", "left": "left", "justify": "both"}
FLAG_STYLE = (("ins", "Inserted"), ("del", "Deleted"), ("u", "Underline"), ("b", "Strong"))
FLAG_DIRECT = {"ins": '<w:u w:val="single"/>', "del": "<w:strike/>", "u": '<w:u w:val="single"/>', "b": "<w:b/><w:bCs/>"}
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_XML_ESCAPE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": " ", "\r": ""}
_XML_SPECIAL = re.compile("[" + "".join(_XML_ESCAPE) + "]")


def xml_text(text: str) -> str:
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    if _XML_SPECIAL.search(text):  # most text has none: skip the per-character replacement
        text = _XML_SPECIAL.sub(lambda m: _XML_ESCAPE[m.group()], text)
    return text


@dataclass(frozen=True)
class Reference:
    parts: dict  # name -> bytes, every part but document.xml and core.xml
    sect_pr: str
    text_width: int  # twips between the margins
    archive: bytes  # those parts zipped once ([Content_Types].xml first); write() appends the rest


@lru_cache(maxsize=None)
def load_reference(path: str) -> Reference:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    document = parts.pop("word/document.xml").decode("utf-8")
    parts.pop("docProps/core.xml", None)
    m = re.search(r"<w:sectPr\b.*?</w:sectPr>", document, re.S)
    if not m:
        raise ValueError(f"{path}: word/document.xml has no w:sectPr")
    sect = m.group(0)
    width = int(re.search(r'<w:pgSz [^>]*w:w="(\d+)"', sect).group(1))
    margins = re.search(r"<w:pgMar ([^>]*)/>", sect).group(1)
    left = int(re.search(r'w:left="(\d+)"', margins).group(1))
    right = int(re.search(r'w:right="(\d+)"', margins).group(1))
    return Reference(parts, sect, width - left - right, _zip(parts))


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
    return info


def _zip(parts: dict, base: bytes = b"") -> bytes:
    """parts zipped in a stable order, appended to the archive `base` (compressed once, reused)."""
    out = io.BytesIO(base)
    with zipfile.ZipFile(out, "a" if base else "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
            z.writestr(_entry(name), parts[name])
    return out.getvalue()


def _runs(runs: list[Run]) -> str:
    out = []
    for run in runs:
        props = ""
        if run.flags:
            style = next(s for f, s in FLAG_STYLE if f in run.flags)
            direct = "".join(FLAG_DIRECT[f] for f, s in FLAG_STYLE if f in run.flags and s != style)
            props = f'<w:rPr><w:rStyle w:val="{style}"/>{direct}</w:rPr>'
        if run.text == "\n":
            out.append(f"<w:r>{props}<w:br/></w:r>")
        else:
            out.append(f'<w:r>{props}<w:t xml:space="preserve">{xml_text(run.text)}</w:t></w:r>')
    return "".join(out)


@lru_cache(maxsize=256)
def _ppr(style: str | None, classes: tuple[str, ...], page_break: bool = False, align: str | None = None) -> str:
    parts = []
    if style:
        parts.append(f'<w:pStyle w:val="{xml_text(style)}"/>')
    if page_break:
        parts.append("<w:pageBreakBefore/>")
    if "keep" in classes:
        parts.append("<w:keepNext/>")
    if "noindent" in classes:
        parts.append('<w:ind w:firstLineChars="0" w:firstLine="0"/>')
    for cls in classes:
        align = ALIGN_CLASSES.get(cls, align)
    if align:
        parts.append(f'<w:jc w:val="{align}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def _paragraph(block, page_break: bool) -> str:
    default = HEADING_STYLES[block.level] if isinstance(block, Heading) else None
    return f"<w:p>{_ppr(block.style or default, tuple(block.classes), page_break)}{_runs(block.runs)}</w:p>"


_CELL_BOTTOM = '<w:tcBorders><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tcBorders>'


def _table(t: Table, text_width: int) -> str:
    total = sum(t.widths)
    cols = [text_width * w // total for w in t.widths]
    plain = "plain" in t.classes or "fields" in t.classes
    fields = "fields" in t.classes
    grid = "".join(f'<w:gridCol w:w="{c}"/>' for c in cols)
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{xml_text(t.style or ("PlainTable" if plain else "TableGrid"))}"/>'
           f'<w:tblW w:w="{sum(cols)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
           f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
           f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"]
    # .noheader: the header row exists only for Markdown's sake and is left out of the .docx
    rows = ([] if "noheader" in t.classes else [(t.header, True)]) + [(r, False) for r in t.rows]
    openings = {h: _cell_openings(t, cols, h) for h in (True, False)}
    for cells, is_header in rows:
        keep = "" if "split" in t.classes and not is_header else "<w:cantSplit/>"  # .split: long rows may break across pages
        height = '<w:trHeight w:val="680"/>' if fields else ""
        out.append(f"<w:tr><w:trPr>{keep}{height}" + ("<w:tblHeader/>" if is_header else "") + "</w:trPr>")
        for opening, cell in zip(openings[is_header], cells):
            out.append(f"{opening}{_runs(cell.runs)}</w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _cell_openings(t: Table, cols: list[int], is_header: bool) -> list[str]:
    """Per column, the XML that opens a cell and its paragraph (the same for every body row)."""
    fields = "fields" in t.classes
    style = "TableHeading" if is_header else "Field" if fields else "TableText"
    valign = "top" if "top" in t.classes and not is_header else "center"  # .top: cells start at the top
    out = []
    for i, width in enumerate(cols):
        border = _CELL_BOTTOM if fields and i > 0 else ""
        align = None if is_header else t.aligns[i]
        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{border}<w:vAlign w:val="{valign}"/></w:tcPr>'
                   f"<w:p>{_ppr(style, (), align=align)}")
    return out


def document_xml(blocks: list, ref: Reference) -> str:
    body = []
    pending_break = False
    for block in blocks:
        if isinstance(block, PageBreak):
            pending_break = True
        elif isinstance(block, Table):
            if pending_break:
                body.append('<w:p><w:pPr><w:spacing w:line="20" w:lineRule="exact"/></w:pPr><w:r><w:br w:type="page"/></w:r></w:p>')
                pending_break = False
            body.append(_table(block, ref.text_width))
        else:
            body.append(_paragraph(block, pending_break))
            pending_break = False
    if not body or body[-1].startswith("<w:tbl>"):
        body.append("<w:p/>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W_NS}><w:body>'
            f'{"".join(body)}{ref.sect_pr}</w:body></w:document>')


def core_xml(title: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{xml_text(title)}</dc:title><dc:creator>fuhua</dc:creator><dc:language>zh-CN</dc:language>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{CORE_DATE}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{CORE_DATE}</dcterms:modified></cp:coreProperties>')


def write(blocks: list, reference_path: str) -> bytes:
    ref = load_reference(str(reference_path))
    title = next((b.plain for b in blocks if isinstance(b, Heading) and b.level == 0), "")
    return _zip({"docProps/core.xml": core_xml(title).encode("utf-8"),
                 "word/document.xml": document_xml(blocks, ref).encode("utf-8")}, ref.archive)
