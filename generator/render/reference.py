"""Build the reference .docx files whose styles, page set-up and footers every output reuses.

    python -m generator.render.reference        # rewrites templates/reference-{official,form}.docx

A drafter may instead restyle those files in Word (Modify Style, Page Setup): the renderer copies
their styles.xml, settings.xml, fontTable.xml, footers and section properties as they are. Running
this script again overwrites such hand edits, so change STYLES/PAGES below to keep them.

Fixes python-docx's defaults (REFERENCE.md, python-docx #346, #1601): every font names its East
Asian face explicitly (w:eastAsia), the theme and its theme-font attributes are removed, the
language is zh-CN, and the unused built-in styles are dropped so each output stays small.
Punctuation never hangs into the margin (w:overflowPunct off): nothing is set outside the 版心.

Layouts:
- official: GB/T 9704-2012 公文 — A4, margins 37/35/28/26 mm, 22 lines of 28 characters (fixed
  28.95 pt lines on a document grid), title 22 pt 小标宋 (fixed 35 pt lines), body 16 pt 仿宋,
  tables 14 pt (fixed 20 pt lines), headings 黑体/楷体,
  page numbers "— 1 —" 14 pt, odd pages right and even pages left.
- form: application forms, checklists and reports — A4, bordered tables, 仿宋/宋体 at form sizes.
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from generator.render import reference_path

LAYOUTS = ("official", "form")
LATIN = "Times New Roman"
FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"
EXACT_LINE = 579  # twips: 28.95 pt, 22 lines in the 225 mm text area
TITLE_LINE = 700  # twips: 35 pt, a 2号 title line (official)
TABLE_LINE = 400  # twips: 20 pt, a line of 14 pt table text (official)
FIXED_TIME = datetime(2024, 1, 1)

# Page set-up in millimetres; footer = distance from the page edge to the page number line.
PAGES = {
    "official": dict(top=37, bottom=35, left=28, right=26, header=15, footer=23, grid=dict(type="lines", linePitch=EXACT_LINE)),
    "form": dict(top=25, bottom=25, left=28, right=26, header=15, footer=12, grid=None),
}

# Style specs: font (East Asian face), size (pt), and paragraph properties. `line` is in twips,
# `exact` picks exact line spacing; `indent` is a first-line indent, `left`/`right` are paragraph
# indents, all in characters; `condense` narrows
# each character (twentieths of a point): 16 pt - 0.25 pt = 15.75 pt puts 28 characters on a 156 mm line.
_BASE = dict(bold=False, align="both", indent=0, before=0, after=0)
_GRID = dict(condense=-5)
STYLES = {
    "official": {
        "defaults": dict(font=FANGSONG, size=16, line=EXACT_LINE, exact=True),
        "Normal": dict(_BASE, **_GRID, font=FANGSONG, size=16, indent=2),
        # title lines and table rows at exact heights off the grid, so Word and LibreOffice set them alike
        # (and generator/render/pagination.py can foresee the pages)
        "Title": dict(_BASE, font=XIAOBIAOSONG, size=22, align="center", after=EXACT_LINE, line=TITLE_LINE, exact=True, snap=False),
        "Subtitle": dict(_BASE, font=KAITI, size=16, align="center", after=EXACT_LINE),
        "Heading 1": dict(_BASE, **_GRID, font=HEITI, size=16, indent=2, keep=True, outline=0),
        "Heading 2": dict(_BASE, **_GRID, font=KAITI, size=16, indent=2, keep=True, outline=1),
        "Heading 3": dict(_BASE, **_GRID, font=FANGSONG, size=16, indent=2, keep=True, outline=2),
        "Table Text": dict(_BASE, font=FANGSONG, size=14, align="left", line=TABLE_LINE, exact=True, snap=False),
        "Table Heading": dict(_BASE, font=HEITI, size=14, align="center", line=TABLE_LINE, exact=True, snap=False),
        "Signature": dict(_BASE, **_GRID, font=FANGSONG, size=16, align="right", right=4),
        "Footer": dict(_BASE, font=SONGTI, size=14, align="right", line=240, exact=False, snap=False),
        "Cover Title": dict(_BASE, font=XIAOBIAOSONG, size=22, align="center", after=EXACT_LINE),
        "Field": dict(_BASE, font=FANGSONG, size=16, align="left"),
        "Cover Note": dict(_BASE, font=FANGSONG, size=16, align="center", before=EXACT_LINE * 2),
    },
    "form": {
        "defaults": dict(font=FANGSONG, size=14, line=360, exact=False),
        "Normal": dict(_BASE, font=FANGSONG, size=14, indent=2),
        "Title": dict(_BASE, font=XIAOBIAOSONG, size=22, align="center", before=120, after=240, line=360, exact=False),
        "Subtitle": dict(_BASE, font=KAITI, size=14, align="center", after=240),
        "Heading 1": dict(_BASE, font=XIAOBIAOSONG, size=18, align="center", before=120, after=240, keep=True, outline=0),
        "Heading 2": dict(_BASE, font=HEITI, size=14, align="left", before=120, after=60, keep=True, outline=1),
        "Heading 3": dict(_BASE, font=KAITI, size=14, align="left", keep=True, outline=2),
        "Table Text": dict(_BASE, font=SONGTI, size=10.5, align="left", line=300, exact=False),
        "Table Heading": dict(_BASE, font=HEITI, size=10.5, align="center", line=300, exact=False),
        "Signature": dict(_BASE, font=FANGSONG, size=14, align="left", left=12, before=120),  # room to sign on the right
        "Footer": dict(_BASE, font=SONGTI, size=12, align="center", line=240, exact=False),
        "Cover Title": dict(_BASE, font=XIAOBIAOSONG, size=26, align="center", before=2400, after=1800, line=480, exact=False),
        "Field": dict(_BASE, font=FANGSONG, size=16, align="left"),
        "Cover Note": dict(_BASE, font=FANGSONG, size=16, align="center", before=2400),
    },
}
CHARACTER_STYLES = {
    "Strong": "<w:b/><w:bCs/>",
    "Inserted": '<w:color w:val="C00000"/><w:u w:val="single"/>',
    "Deleted": '<w:strike/><w:color w:val="808080"/>',
    "Underline": '<w:u w:val="single"/>',
}
KEEP_BUILTIN = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Title", "Subtitle", "Heading1", "Heading2",
                "Heading3", "Footer", "TableGrid", "Strong"}


def rfonts(east_asia: str) -> str:
    return f'<w:rFonts w:ascii="{LATIN}" w:hAnsi="{LATIN}" w:eastAsia="{east_asia}" w:cs="{LATIN}"/>'


def run_props(spec: dict) -> str:
    bold = "<w:b/><w:bCs/>" if spec.get("bold") else "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>"
    size = round(spec["size"] * 2)
    spacing = f'<w:spacing w:val="{spec["condense"]}"/>' if spec.get("condense") else ""
    return f'<w:rPr {nsdecls("w")}>{rfonts(spec["font"])}{bold}<w:color w:val="000000"/>{spacing}<w:kern w:val="0"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'


def para_props(spec: dict, defaults: dict) -> str:
    line = spec.get("line", defaults["line"])
    rule = "exact" if spec.get("exact", defaults["exact"]) else "auto"
    parts = []
    if spec.get("keep"):
        parts.append("<w:keepNext/>")
    parts.append('<w:overflowPunct w:val="0"/>')  # in every style: LibreOffice ignores it in docDefaults
    if spec.get("snap") is False:  # off the document grid: tables keep their own line height
        parts.append('<w:snapToGrid w:val="0"/>')
    parts.append(f'<w:spacing w:before="{spec["before"]}" w:after="{spec["after"]}" w:line="{line}" w:lineRule="{rule}"/>')
    indent, left, right = (round(spec.get(k, 0) * 100) for k in ("indent", "left", "right"))
    twips = spec["size"] / 5  # one hundredth of a character, in twips
    parts.append(f'<w:ind w:leftChars="{left}" w:left="{round(left * twips)}" w:firstLineChars="{indent}" w:firstLine="{round(indent * twips)}" '
                 f'w:rightChars="{right}" w:right="{round(right * twips)}"/>')
    parts.append(f'<w:jc w:val="{spec["align"]}"/>')
    if "outline" in spec:
        parts.append(f'<w:outlineLvl w:val="{spec["outline"]}"/>')
    return f'<w:pPr {nsdecls("w")}>{"".join(parts)}</w:pPr>'


def _set_style(styles_el, name: str, spec: dict, defaults: dict) -> None:
    style_id = name.replace(" ", "")
    style = styles_el.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
    if style is None:
        style = parse_xml(f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
                          f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/></w:style>')
        styles_el.append(style)
    for tag in ("w:pPr", "w:rPr", "w:link", "w:rsid", "w:uiPriority", "w:unhideWhenUsed", "w:semiHidden"):
        for el in style.findall(qn(tag)):
            style.remove(el)
    style.append(parse_xml(para_props(spec, defaults)))
    style.append(parse_xml(run_props(spec)))


def _char_style(styles_el, name: str, props: str) -> None:
    style_id = name.replace(" ", "")
    old = styles_el.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
    if old is not None:
        styles_el.remove(old)
    styles_el.append(parse_xml(f'<w:style {nsdecls("w")} w:type="character" w:styleId="{style_id}"><w:name w:val="{name}"/>'
                               f'<w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr>{props}</w:rPr></w:style>'))


def _table_styles(styles_el) -> None:
    for style_id in ("TableGrid", "PlainTable"):
        old = styles_el.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
        if old is not None:
            styles_el.remove(old)
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    cell_margins = '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
    for style_id, name, borders in (("TableGrid", "Table Grid", f"<w:tblBorders>{border}</w:tblBorders>"), ("PlainTable", "Plain Table", "")):
        styles_el.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="table" w:styleId="{style_id}"><w:name w:val="{name}"/><w:basedOn w:val="TableNormal"/>'
            f'<w:qFormat/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr>'
            f'<w:tblPr><w:jc w:val="center"/>{borders}{cell_margins}</w:tblPr></w:style>'))


def _clean_styles(doc, layout: str) -> None:
    styles_el = doc.styles.element
    for style in list(styles_el.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) not in KEEP_BUILTIN:
            styles_el.remove(style)
    latent = styles_el.find(qn("w:latentStyles"))
    if latent is not None:
        styles_el.remove(latent)
    for el in styles_el.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
            el.attrib.pop(qn(attr), None)
    spec = STYLES[layout]
    defaults = spec["defaults"]
    doc_defaults = styles_el.find(qn("w:docDefaults"))
    styles_el.remove(doc_defaults)
    size = defaults["size"] * 2
    rule = "exact" if defaults["exact"] else "auto"
    styles_el.insert(0, parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>{rfonts(defaults["font"])}<w:kern w:val="0"/>'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        f'<w:pPrDefault><w:pPr><w:overflowPunct w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{defaults["line"]}" w:lineRule="{rule}"/></w:pPr></w:pPrDefault></w:docDefaults>'))
    for name, style_spec in spec.items():
        if name != "defaults":
            _set_style(styles_el, name, style_spec, defaults)
    for name, props in CHARACTER_STYLES.items():
        _char_style(styles_el, name, props)
    _table_styles(styles_el)
    for style in styles_el.findall(qn("w:style")):  # drop links to the removed *Char styles
        for el in style.findall(qn("w:link")):
            style.remove(el)


def _clean_package(doc) -> None:
    keep = {"styles", "settings", "fontTable", "footer", "header"}
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.rsplit("/", 1)[-1] not in keep:
            doc.part.drop_rel(rel_id)
    pkg_rels = doc.part.package.rels
    for rel_id, rel in list(pkg_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            pkg_rels.pop(rel_id)
    props = doc.core_properties
    props.author = props.last_modified_by = "fuhua"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    settings = doc.settings.element
    for tag in ("w:rsids", "w:clrSchemeMapping", "w:attachedTemplate", "w:savePreviewPicture", "w14:docId"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def _page_number_paragraph(align: str, indent_side: str | None) -> str:
    ind = f'<w:ind w:{indent_side}Chars="100"/>' if indent_side else ""
    dash = '<w:r><w:t xml:space="preserve">— </w:t></w:r>'
    field = '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    return (f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="Footer"/>{ind}<w:jc w:val="{align}"/></w:pPr>{dash}{field}'
            '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>')


def _set_footer(footer, paragraph_xml: str) -> None:
    footer.is_linked_to_previous = False
    el = footer._element
    for p in el.findall(qn("w:p")):
        el.remove(p)
    el.append(parse_xml(paragraph_xml))


def _page_setup(doc, layout: str) -> None:
    page = PAGES[layout]
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("top", "bottom", "left", "right"):
        setattr(section, f"{side}_margin", Mm(page[side]))
    section.header_distance, section.footer_distance = Mm(page["header"]), Mm(page["footer"])
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is not None:
        sect.remove(grid)
    if page["grid"]:
        g = page["grid"]
        sect.append(parse_xml(f'<w:docGrid {nsdecls("w")} w:type="{g["type"]}" w:linePitch="{g["linePitch"]}"/>'))
    for attr in ("w:rsidR", "w:rsidRPr", "w:rsidSect"):
        sect.attrib.pop(qn(attr), None)
    if layout == "official":  # GB/T 9704: odd pages right, even pages left, one character in
        doc.settings.odd_and_even_pages_header_footer = True
        _set_footer(section.footer, _page_number_paragraph("right", "right"))
        _set_footer(section.even_page_footer, _page_number_paragraph("left", "left"))
    else:
        _set_footer(section.footer, _page_number_paragraph("center", None))


def build(layout: str) -> bytes:
    doc = docx.Document()
    _clean_package(doc)
    _clean_styles(doc, layout)
    _page_setup(doc, layout)
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    raw = io.BytesIO()
    doc.save(raw)
    return rezip(raw.getvalue(), {"word/fontTable.xml": font_table().encode()})


# Faces named in the styles, with the names Word falls back to on a PC without the _GB2312 fonts.
FONTS = {LATIN: None, FANGSONG: "仿宋", XIAOBIAOSONG: "华文中宋", HEITI: "SimHei", KAITI: "楷体", SONGTI: "SimSun"}


def font_table() -> str:
    fonts = "".join(
        f'<w:font w:name="{name}">' + (f'<w:altName w:val="{alt}"/><w:charset w:val="86"/>' if alt else "")
        + '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>' for name, alt in FONTS.items())
    return f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:fonts {nsdecls('w')}>{fonts}</w:fonts>"


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The same package with some parts replaced, fixed entry times and a stable order, so
    rebuilding is byte-identical."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type, info.create_system = zipfile.ZIP_DEFLATED, 3
            dst.writestr(info, replace.get(name) or src.read(name))
    return out.getvalue()


def main() -> None:
    for layout in LAYOUTS:
        path = reference_path(layout)
        path.write_bytes(build(layout))
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
