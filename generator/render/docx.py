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

from generator.render import pagination, typeset
from generator.render.blocks import Heading, Image, PageBreak, PageHeader, Paragraph, Run, Table

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
    landscape_width: int = 0  # twips between the margins of a landscape page
    table_font: int = 240  # twips per CJK character in the TableText style (for .fit column widths)
    body_font: int = 320  # twips per CJK character in the Normal style (for indent-right=N)
    grid: pagination.Grid | None = None  # the line grid (official layout), for the last-page remedy

    def width(self, orient: str) -> int:
        return self.landscape_width if orient == "landscape" else self.text_width

    def section(self, orient: str, numbered: bool = True, restart: bool = False) -> str:
        """The reference's section properties, turned landscape, without page numbers (a cover),
        or with page numbering restarting at 1 (the first page after a cover)."""
        sect = self.sect_pr
        if orient == "landscape":
            sect = re.sub(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"[^>]*/>', r'<w:pgSz w:w="\2" w:h="\1" w:orient="landscape"/>', sect)
        if not numbered:
            sect = re.sub(r"<w:footerReference [^>]*/>", "", sect)
        if restart:
            sect = sect.replace("<w:cols", '<w:pgNumType w:start="1"/><w:cols', 1)
        return sect


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
    height = int(re.search(r'<w:pgSz [^>]*w:h="(\d+)"', sect).group(1))
    left = int(re.search(r'w:left="(\d+)"', margins).group(1))
    right = int(re.search(r'w:right="(\d+)"', margins).group(1))
    styles = parts.get("word/styles.xml", b"").decode("utf-8")
    m = re.search(r'w:styleId="TableText".*?<w:sz w:val="(\d+)"', styles, re.S)
    font = int(m.group(1)) * 10 if m else 240  # half-points -> twips
    m = re.search(r'w:styleId="Normal".*?<w:sz w:val="(\d+)"', styles, re.S)
    body = int(m.group(1)) * 10 if m else 320
    return Reference(parts, sect, width - left - right, _zip(parts), height - left - right, font, body,
                     pagination.grid_of(sect, styles, width - left - right))


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
    """Runs as WordprocessingML; consecutive runs of one field become one content control."""
    out, i = [], 0
    while i < len(runs):
        if runs[i].field is None:
            j = i + 1
            while j < len(runs) and runs[j].field is None:
                j += 1
            out.append(_plain_runs(runs[i:j]))
        else:
            j = i + 1
            while j < len(runs) and runs[j].field == runs[i].field:
                j += 1
            out.append(_sdt(runs[i].field, _plain_runs(runs[i:j])))
        i = j
    return "".join(out)


def _sdt(field: tuple, content: str) -> str:
    """A content control (w:sdt) that Word and WPS let a user fill and a program find by tag. It is a
    rich-text control (no w:text): LibreOffice drops the line breaks (w:br) inside a plain-text one,
    so a multi-line value or a blank opinion box ran on into one line."""
    tag, alias = field
    alias_xml = f'<w:alias w:val="{xml_text(alias)}"/>' if alias else ""
    return (f'<w:sdt><w:sdtPr>{alias_xml}<w:tag w:val="{xml_text(tag)}"/></w:sdtPr>'
            f"<w:sdtContent>{content}</w:sdtContent></w:sdt>")


def _plain_runs(runs: list[Run]) -> str:
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
def _ppr(style: str | None, classes: tuple[str, ...], page_break: bool = False, align: str | None = None, em: int = 320) -> str:
    parts = []
    if style:
        parts.append(f'<w:pStyle w:val="{xml_text(style)}"/>')
    if page_break:
        parts.append("<w:pageBreakBefore/>")
    if "keep" in classes:
        parts.append("<w:keepNext/>")
    right = next((float(c.partition("=")[2]) for c in classes if c.startswith("indent-right=")), None)
    if "noindent" in classes or right is not None:
        first = '' if right is not None and "noindent" not in classes else ' w:firstLineChars="0" w:firstLine="0"'
        chars = f' w:rightChars="{round(right * 100)}" w:right="{round(right * em)}"' if right is not None else ""
        parts.append(f"<w:ind{first}{chars}/>")
    for cls in classes:
        align = ALIGN_CLASSES.get(cls, align)
    if align:
        parts.append(f'<w:jc w:val="{align}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def _paragraph(block, page_break: bool, em: int = 320) -> str:
    default = HEADING_STYLES[block.level] if isinstance(block, Heading) else None
    return f"<w:p>{_ppr(block.style or default, tuple(block.classes), page_break, em=em)}{_runs(block.runs)}</w:p>"


_CELL_BOTTOM = '<w:tcBorders><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tcBorders>'


FIT_MAX_EM = 8  # .fit: a column whose longest line is at most this wide never wraps


def column_widths(t: Table, text_width: int, em: int) -> list[int]:
    """Column widths in twips: by the dash counts; with .fit, short columns get exactly the width
    of their longest line (so 滨海新区 never wraps) and the rest share what is left by dash count."""
    total = sum(t.widths)
    cols = [text_width * w // total for w in t.widths]
    if "fit" not in t.classes:
        return cols
    pad = 2 * 108 + em // 2  # the cells' side margins plus slack
    need = []
    for i in range(len(cols)):
        lines = [line for row in [t.header, *t.rows] for line in row[i].plain.split("\n")]
        need.append(max((typeset.width(x) for x in lines), default=0))
    fixed = {i: int(n * em) + pad for i, n in enumerate(need) if n <= FIT_MAX_EM}
    rest = [i for i in range(len(cols)) if i not in fixed]
    if sum(fixed.values()) >= text_width:
        return cols
    if not rest:  # every column is short: each gets its width, and what is left is shared by dash count
        left = text_width - sum(fixed.values())
        return [fixed[i] + left * t.widths[i] // total for i in range(len(cols))]
    left = text_width - sum(fixed.values())
    weight = sum(t.widths[i] for i in rest)
    return [fixed[i] if i in fixed else left * t.widths[i] // weight for i in range(len(cols))]


KEEP_MAX = 400  # characters in a cell of the last two rows, beyond which they are not kept together
MERGE_UP = "^^"  # a body cell holding only this merges with the cell above it
_TCW_END = 'w:type="dxa"/>'


def _table(t: Table, text_width: int, em: int = 240) -> str:
    cols = column_widths(t, text_width, em)
    plain = "plain" in t.classes or "fields" in t.classes
    fields = "fields" in t.classes
    grid = "".join(f'<w:gridCol w:w="{c}"/>' for c in cols)
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{xml_text(t.style or ("PlainTable" if plain else "TableGrid"))}"/>'
           f'<w:tblW w:w="{sum(cols)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
           f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
           f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"]
    # .noheader: the header row exists only for Markdown's sake and is left out of the .docx
    rows = ([] if "noheader" in t.classes else [(t.header, True)]) + [(r, False) for r in t.rows]
    openings = {(h, k): _cell_openings(t, cols, h, k) for h in (True, False) for k in (True, False)}
    for ri, (cells, is_header) in enumerate(rows):
        # keeps with the last row, so no page holds a table's last row alone; not when a cell is long
        # (two rows taller than a page kept together send LibreOffice's layout into a loop)
        tail = not is_header and ri == len(rows) - 2 and all(len(c.plain) <= KEEP_MAX for r, _ in rows[-2:] for c in r)
        keep = "" if "split" in t.classes and not is_header else "<w:cantSplit/>"  # .split: long rows may break across pages
        height = '<w:trHeight w:val="680"/>' if fields else ""
        out.append(f"<w:tr><w:trPr>{keep}{height}" + ("<w:tblHeader/>" if is_header else "") + "</w:trPr>")
        below = rows[ri + 1][0] if ri + 1 < len(rows) and not is_header else None
        for ci, (opening, cell) in enumerate(zip(openings[is_header, tail], cells)):
            if is_header:
                merge = ""
            elif cell.plain == MERGE_UP:  # ^^: this cell continues the one above (vertical merge)
                out.append(opening.replace(_TCW_END, _TCW_END + "<w:vMerge/>", 1) + "</w:p></w:tc>")
                continue
            else:
                merge = '<w:vMerge w:val="restart"/>' if below is not None and below[ci].plain == MERGE_UP else ""
            out.append(f"{opening.replace(_TCW_END, _TCW_END + merge, 1) if merge else opening}{_runs(cell.runs)}</w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _cell_openings(t: Table, cols: list[int], is_header: bool, keep: bool = False) -> list[str]:
    """Per column, the XML that opens a cell and its paragraph (the same for every body row; `keep`:
    its paragraph keeps with the next, so the row stays on the page of the row below it)."""
    fields = "fields" in t.classes
    style = "TableHeading" if is_header else "Field" if fields else "TableText"
    valign = "top" if "top" in t.classes and not is_header else "center"  # .top: cells start at the top
    out = []
    for i, width in enumerate(cols):
        border = _CELL_BOTTOM if fields and i > 0 else ""
        align = None if is_header else t.aligns[i]
        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{border}<w:vAlign w:val="{valign}"/></w:tcPr>'
                   f"<w:p>{_ppr(style, ('keep',) if keep else (), align=align)}")
    return out


_TINY = '<w:spacing w:line="20" w:lineRule="exact"/>'


def _end_section(body: list[str], sect: str) -> None:
    """Close a section: its properties go into the last paragraph (or a tiny one after a table)."""
    if body and body[-1].startswith("<w:p>") and body[-1].count("<w:p>") == 1:
        last = body[-1]
        if last.startswith("<w:p><w:pPr>"):
            body[-1] = last.replace("</w:pPr>", f"{sect}</w:pPr>", 1)
        else:
            body[-1] = f"<w:p><w:pPr>{sect}</w:pPr>" + last[len("<w:p>"):]
    else:
        body.append(f"<w:p><w:pPr>{_TINY}{sect}</w:pPr></w:p>")


def document_xml(blocks: list, ref: Reference, media: dict | None = None) -> str:
    """Blocks -> document.xml. <!-- landscape -->/<!-- portrait --> start a section of that
    orientation; <!-- cover --> ends the unnumbered cover section (numbering restarts at 1);
    `media` holds the PNG bytes of the pictures the blocks name."""
    body = []
    pending_break = False
    orient, numbered, restart = "portrait", True, False
    images = {name: k for k, name in enumerate(media or {}, start=1)}
    for block in blocks:
        if isinstance(block, PageBreak):
            if block.kind == "pagebreak":
                pending_break = True
                continue
            if block.kind == "cover":
                _end_section(body, ref.section(orient, numbered=False))
                restart = True
            else:
                _end_section(body, ref.section(orient, numbered, restart))
                orient, restart = block.kind, False
            pending_break = False
        elif isinstance(block, Image):
            if block.name not in images:
                raise ValueError(f"image {block.name!r} was not handed to the renderer (media=)")
            body.append(_image(block, images[block.name], media[block.name], ref.width(orient), pending_break))
            pending_break = False
        elif isinstance(block, Table):
            if pending_break:
                body.append(f'<w:p><w:pPr>{_TINY}</w:pPr><w:r><w:br w:type="page"/></w:r></w:p>')
                pending_break = False
            if body and body[-1].startswith("<w:tbl>"):  # Word and LibreOffice join touching tables into one
                body.append("<w:p/>")
            body.append(_table(block, ref.width(orient), ref.table_font))
        else:
            body.append(_paragraph(block, pending_break, ref.body_font))
            pending_break = False
    if not body or body[-1].startswith("<w:tbl>"):
        body.append("<w:p/>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W_NS}><w:body>'
            f'{"".join(body)}{ref.section(orient, numbered, restart)}</w:body></w:document>')


# --- pictures and a page header (only documents that use them: the others stay byte-identical) ---

DRAWING_NS = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
              'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
              'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EMU_PER_TWIP, EMU_PER_MM = 635, 36000


def png_size(data: bytes) -> tuple[int, int]:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("only PNG pictures are supported")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _image(block: Image, k: int, data: bytes, text_width: int, page_break: bool) -> str:
    w_px, h_px = png_size(data)
    cx = int(block.width_mm * EMU_PER_MM) if block.width_mm else text_width * EMU_PER_TWIP
    cx = min(cx, text_width * EMU_PER_TWIP)
    cy = cx * h_px // max(w_px, 1)
    alt = xml_text(block.alt)
    return (f"<w:p>{_ppr(block.style, tuple(c for c in block.classes if not c.startswith('width=')) or ('center',), page_break)}"
            f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" {DRAWING_NS}>'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{k}" name="图{k}" descr="{alt}"/>'
            f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{k}" name="图{k}" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="rIdFuhuaImg{k}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
            f"</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>")


def _header_xml(text: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {W_NS}><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
            f'<w:r><w:rPr><w:rFonts w:ascii="黑体" w:hAnsi="黑体" w:eastAsia="黑体"/><w:color w:val="B22222"/><w:sz w:val="18"/></w:rPr>'
            f'<w:t xml:space="preserve">{xml_text(text)}</w:t></w:r></w:p></w:hdr>')


def _with_extras(ref: Reference, media: dict, header: str | None) -> dict:
    """The reference's parts with the pictures and the header part added."""
    parts = dict(ref.parts)
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    added = []
    for k, (name, data) in enumerate(media.items(), start=1):
        parts[f"word/media/fuhua{k}.png"] = data
        added.append(f'<Relationship Id="rIdFuhuaImg{k}" Type="{REL}/image" Target="media/fuhua{k}.png"/>')
    if media and 'Extension="png"' not in types:
        types = types.replace("<Default ", '<Default Extension="png" ContentType="image/png"/><Default ', 1)
    if header:
        parts["word/fuhuaheader1.xml"] = _header_xml(header).encode("utf-8")
        added.append(f'<Relationship Id="rIdFuhuaHeader" Type="{REL}/header" Target="fuhuaheader1.xml"/>')
        types = types.replace("</Types>", '<Override PartName="/word/fuhuaheader1.xml" '
                              'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>')
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", "".join(added) + "</Relationships>").encode("utf-8")
    parts["[Content_Types].xml"] = types.encode("utf-8")
    return parts


_HEADER_REFS = "".join(f'<w:headerReference w:type="{t}" r:id="rIdFuhuaHeader"/>' for t in ("default", "even", "first"))


def _with_header(document: str) -> str:
    """Every section shows the header, on odd, even and first pages alike."""
    document = re.sub(r"<w:headerReference [^>]*/>", "", document)
    return re.sub(r"<w:sectPr(\b[^>]*)>", lambda m: f"<w:sectPr{m.group(1)}>{_HEADER_REFS}", document)


def core_xml(title: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{xml_text(title)}</dc:title><dc:creator>fuhua</dc:creator><dc:language>zh-CN</dc:language>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{CORE_DATE}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{CORE_DATE}</dcterms:modified></cp:coreProperties>')


def _repitched(ref: Reference, pitch: int) -> tuple[dict, str]:
    """The reference's parts and section with every grid line at `pitch` twips instead of its own:
    the grid, the styles' exact line heights and one-line spacings, and table lines in proportion
    (GB/T 9704's remedy)."""
    old = ref.grid.pitch
    styles = ref.parts["word/styles.xml"].decode("utf-8")
    styles = re.sub(rf'w:(line|before|after)="({old}|{2 * old})"', lambda m: f'w:{m.group(1)}="{pitch * int(m.group(2)) // old}"', styles)
    table = ref.grid.table_line
    styles = styles.replace(f'w:line="{table}"', f'w:line="{pagination.table_line_at(ref.grid, pitch)}"')
    parts = dict(ref.parts, **{"word/styles.xml": styles.encode("utf-8")})
    return parts, ref.sect_pr.replace(f'w:linePitch="{old}"', f'w:linePitch="{pitch}"')


def write(blocks: list, reference_path: str, media: dict | None = None, header: str | None = None) -> bytes:
    """The .docx; `media` (name -> PNG bytes) for the pictures the blocks name, `header` a line of
    text at the top of every page (else the blocks' first `<!-- header: … -->`). On a line grid, a closing
    block (`.closing`: the 署名 and 成文日期) that would stand alone on the last page gets the line
    spacing that prevents it."""
    header = header or next((b.plain for b in blocks if isinstance(b, PageHeader)), None)
    blocks = [b for b in blocks if not isinstance(b, PageHeader)]
    ref = load_reference(str(reference_path))
    title = next((b.plain for b in blocks if isinstance(b, Heading) and b.level == 0), "")
    core = core_xml(title).encode("utf-8")
    pitch = pagination.remedy(blocks, ref.grid, lambda t: column_widths(t, ref.text_width, ref.table_font)) if ref.grid else None
    if pitch:
        parts, sect = _repitched(ref, pitch)
        ref = Reference(parts, sect, ref.text_width, b"", ref.landscape_width, ref.table_font, ref.body_font, ref.grid)
    if not media and not header and not pitch:
        return _zip({"docProps/core.xml": core, "word/document.xml": document_xml(blocks, ref).encode("utf-8")}, ref.archive)
    parts = _with_extras(ref, media or {}, header)
    document = document_xml(blocks, ref, media)
    parts.update({"docProps/core.xml": core, "word/document.xml": (_with_header(document) if header else document).encode("utf-8")})
    return _zip(parts)
