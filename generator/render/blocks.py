"""Block Markdown: the small Markdown subset every template renders (documented in templates/README.md).

    # Title / ## Heading 1 / ### Heading 2 / #### Heading 3
    paragraphs (consecutive lines join without a space, as Chinese text wants)
    | pipe | tables |  with a |---|:---:|---:| separator row; dash counts set relative column widths
    {: .center .right .noindent .plain .fields style=StyleName }   attributes of the block just above
    <!-- pagebreak -->   <!-- landscape -->   <!-- portrait -->   <!-- cover -->   (page and section breaks)
    <!-- header: 示例 -->   a line at the top of every page of the .docx (and a line where it stands in the .md)
    ![说明](name.png)   a picture handed to the renderer by name; {: width=120 } sets its width in mm
    inline: **bold**, <b>…</b>, <u>…</u>, <ins>…</ins>, <del>…</del>, <br>, \\-escapes, &entities;
            <field:TAG 名称>text</field>  a fillable field (a Word content control tagged TAG)

parse(text) -> list of Heading | Paragraph | Table | Image | PageBreak | PageHeader, each holding Runs.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

STYLE_FLAGS = ("b", "u", "ins", "del")
ASCII_SPACE = " \t"  # only these are trimmed: a leading 全角空格 (U+3000) is content


@dataclass(frozen=True)
class Run:
    text: str  # "\n" is a line break
    flags: frozenset = frozenset()
    field: tuple | None = None  # (tag, alias) of the fillable field this run belongs to


@dataclass
class Block:
    runs: list[Run] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    style: str | None = None

    @property
    def plain(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Heading(Block):
    level: int = 1  # 0 = title (#), 1..3 = ## .. ####


@dataclass
class Paragraph(Block):
    pass


@dataclass
class Cell:
    runs: list[Run]

    @property
    def plain(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Table:
    header: list[Cell]
    rows: list[list[Cell]]
    aligns: list[str]  # left | center | right
    widths: list[int]  # relative
    classes: list[str] = field(default_factory=list)
    style: str | None = None


@dataclass
class Image:
    """`![说明](name.png)`: a picture the caller hands the renderer (render_markdown(media=...)),
    as wide as the text unless `{: width=120 }` (millimetres) follows it."""
    alt: str
    name: str
    classes: list[str] = field(default_factory=list)
    style: str | None = None

    @property
    def width_mm(self) -> float | None:
        found = [c.removeprefix("width=") for c in self.classes if c.startswith("width=")]
        return float(found[0]) if found else None


@dataclass
class PageBreak:
    classes: list[str] = field(default_factory=list)
    style: str | None = None
    kind: str = "pagebreak"  # pagebreak | landscape | portrait (new section) | cover (pages so far unnumbered)


@dataclass
class PageHeader:
    """`<!-- header: 示例 -->`: the .docx prints the text at the top of every page (the first such
    line counts); the .md shows it as a paragraph where it stands (templates put it first)."""
    runs: list[Run]
    classes: list[str] = field(default_factory=list)
    style: str | None = None

    @property
    def plain(self) -> str:
        return "".join(r.text for r in self.runs)


class MarkupError(ValueError):
    """The block Markdown is malformed: a template bug, reported with its line."""

    def __init__(self, line: int, message: str, source: str = "") -> None:
        super().__init__(f"{source or 'block markdown'}:{line}: {message}")
        self.line = line


_MARKUP_CHARS = re.compile(r"[*<\\&]")  # text without these is one plain run (the common case)
_TOKEN = re.compile(r"<field:([A-Za-z0-9_.:\-]+)(?: ([^<>]*))?>|</field>|\*\*|<(/?)(b|u|ins|del)>|<br\s*/?>|\\([!-/:-@\[-`{-~])|&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});|<")
_ATTRS = re.compile(r"^\{:\s*(.*?)\s*\}\s*$")
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")
_HEADING = re.compile(r"^#{1,4} ")
_IMAGE = re.compile(r"^!\[([^\]]*)\]\(([\w.-]+(?:/[\w.-]+)*)\)$")
_SEPARATOR_CELL = re.compile(r"^\s*(:?)(-+)(:?)\s*$")
PAGEBREAK = "<!-- pagebreak -->"
BREAKS = {f"<!-- {k} -->": k for k in ("pagebreak", "landscape", "portrait", "cover")}
_PAGE_HEADER = re.compile(r"^<!-- header: (.+?) -->$")


def parse_inline(text: str, line: int = 0, source: str = "") -> list[Run]:
    if not _MARKUP_CHARS.search(text):
        return [Run(text)] if text else []
    runs: list[Run] = []
    active: list[str] = []
    buf: list[str] = []
    field_: list = [None]  # the open <field:…>, as (tag, alias)

    def flush() -> None:
        if buf:
            runs.append(Run("".join(buf), frozenset(active), field_[0]))
            buf.clear()

    def toggle(flag: str, closing: bool) -> None:
        flush()
        if closing:
            if flag not in active:
                raise MarkupError(line, f"</{flag}> without an opening tag", source)
            active.remove(flag)
        else:
            active.append(flag)

    pos = 0
    for m in _TOKEN.finditer(text):
        buf.append(text[pos:m.start()])
        pos = m.end()
        tok = m.group(0)
        if m.group(1):
            if field_[0]:
                raise MarkupError(line, f"<field:{m.group(1)}> inside another field", source)
            flush()
            field_[0] = (m.group(1), html.unescape(m.group(2) or ""))
        elif tok == "</field>":
            if not field_[0]:
                raise MarkupError(line, "</field> without an opening tag", source)
            if not "".join(buf) and (not runs or runs[-1].field != field_[0]):
                buf.append("\u3000")  # an empty field still needs a run to hold it
            flush()
            field_[0] = None
        elif tok == "**":
            toggle("b", "b" in active)
        elif m.group(4):
            toggle(m.group(4), bool(m.group(3)))
        elif tok.startswith("<br"):
            flush()
            runs.append(Run("\n", frozenset(active), field_[0]))
        elif m.group(5):
            buf.append(m.group(5))
        elif m.group(6):
            decoded = html.unescape(tok)
            if decoded == tok:
                raise MarkupError(line, f"unknown entity {tok}", source)
            buf.append(decoded)
        else:
            raise MarkupError(line, f"unexpected '<' (only <b> <u> <ins> <del> <br> <field:…> are allowed; write &lt;): {text[m.start():m.start() + 20]!r}", source)
    buf.append(text[pos:])
    flush()
    if active or field_[0]:
        raise MarkupError(line, f"unclosed {', '.join(active) or 'field'}", source)
    return [r for r in runs if r.text]


def _split_row(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    cells = _CELL_SEPARATOR.split(body) if "\\" in body else body.split("|")
    return [c.strip(ASCII_SPACE) for c in cells]


def _attrs(spec: str, line: int, source: str) -> tuple[list[str], str | None]:
    classes, style = [], None
    for part in spec.split():
        if part.startswith("."):
            classes.append(part[1:])
        elif part.startswith("style="):
            style = part[6:].strip("\"'")
        elif re.fullmatch(r"indent-right=\d+(\.\d+)?", part):  # right indent in characters
            classes.append(part)
        elif re.fullmatch(r"width=\d+(\.\d+)?", part):  # an image's width in millimetres
            classes.append(part)
        else:
            raise MarkupError(line, f"unknown attribute {part!r} (use .class, style=StyleId, indent-right=N or width=MM)", source)
    return classes, style


def _table(rows: list[tuple[int, str]], source: str) -> Table:
    first_line = rows[0][0]
    if len(rows) < 2:
        raise MarkupError(first_line, "a table needs a header row and a |---| separator row", source)
    header = _split_row(rows[0][1])
    seps = _split_row(rows[1][1])
    matches = [_SEPARATOR_CELL.match(s) for s in seps]
    if not all(matches) or len(seps) != len(header):
        raise MarkupError(rows[1][0], f"second table row must be a separator with {len(header)} cells like |---|:---:|", source)
    aligns = ["center" if m.group(1) and m.group(3) else "right" if m.group(3) else "left" for m in matches]
    widths = [len(m.group(2)) for m in matches]
    body = []
    for lineno, text in rows[2:]:
        cells = _split_row(text)
        if len(cells) != len(header):
            raise MarkupError(lineno, f"table row has {len(cells)} cells, the header has {len(header)}", source)
        body.append([Cell(parse_inline(c, lineno, source)) for c in cells])
    return Table([Cell(parse_inline(c, first_line, source)) for c in header], body, aligns, widths)


def parse(text: str, source: str = "") -> list:
    """Block Markdown -> blocks. Raises MarkupError naming the line of a malformed construct."""
    blocks: list = []
    para: list[tuple[int, str]] = []
    table: list[tuple[int, str]] = []
    last_closed = None  # the block an attribute line may apply to

    def close() -> None:
        nonlocal last_closed
        if para:
            blocks.append(Paragraph(parse_inline("".join(t.strip(ASCII_SPACE) for _, t in para), para[0][0], source)))
            para.clear()
            last_closed = blocks[-1]
        if table:
            blocks.append(_table(table, source))
            table.clear()
            last_closed = blocks[-1]

    # only "\n" ends a line: a value may hold U+0085 or U+2028, which splitlines() would also split on
    for lineno, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip(ASCII_SPACE)
        attrs = _ATTRS.match(stripped) if stripped.startswith("{:") else None
        if attrs:
            close()
            if last_closed is None:
                raise MarkupError(lineno, "attribute line {: …} must directly follow the block it applies to", source)
            classes, style = _attrs(attrs.group(1), lineno, source)
            last_closed.classes += classes
            last_closed.style = style or last_closed.style
            continue
        if not stripped:
            close()
            last_closed = None
        elif stripped in BREAKS:
            close()
            blocks.append(PageBreak(kind=BREAKS[stripped]))
            last_closed = None
        elif _PAGE_HEADER.match(stripped):
            close()
            blocks.append(PageHeader(parse_inline(_PAGE_HEADER.match(stripped).group(1), lineno, source)))
            last_closed = None
        elif _IMAGE.match(stripped) and not para:
            close()
            alt, name = _IMAGE.match(stripped).groups()
            blocks.append(Image(html.unescape(alt), name))
            last_closed = blocks[-1]
        elif stripped.startswith("|"):
            if para:
                close()
            table.append((lineno, stripped))
        elif table:
            raise MarkupError(lineno, "a table must be followed by a blank line", source)
        elif _HEADING.match(stripped):
            close()
            hashes, _, rest = stripped.partition(" ")
            blocks.append(Heading(parse_inline(rest.strip(ASCII_SPACE), lineno, source), level=len(hashes) - 1))
            last_closed = blocks[-1]
        else:
            para.append((lineno, stripped))
    close()
    return blocks
