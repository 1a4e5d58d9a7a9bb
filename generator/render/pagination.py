"""GB/T 9704-2012 7.3.5: the 署名 and 成文日期 never stand alone on the last page. When the space
left under the body cannot hold them, the standard's remedy is to adjust the line spacing so that
body text and the 署名 share the page.

A document on the line grid (the `official` layout: every text line one pitch, titles and table
rows at exact heights) can be paginated ahead of Word: `paginate` flows the blocks over pages of
the 版心's height (lines split freely, table rows never, a heading keeps with what follows, a
table's header row repeats) and reports where the closing block (the paragraph marked `.closing`
and everything after it) lands. `remedy` keeps the reference's pitch when the closing block has
more than `ABOVE` lines of body above it on its page and `BELOW` free lines under it, so an
estimate off by a line or two still holds; otherwise it picks the nearest pitch, tighter or looser,
between `MIN_LINES` and `MAX_LINES` lines a page, that gives that (or, if none does, the one with
the most room). The renderer writes that pitch into the grid and the styles' line heights (table
lines in proportion).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from generator.render import typeset
from generator.render.blocks import Heading, PageBreak, Paragraph, Table

CLOSING = "closing"  # the class that starts the closing block (the blank line above the 署名)
# lines of margin on the closing block's page: LibreOffice's pages ran up to 1.7 lines longer than the
# estimate (never more than 0.3 shorter), so more room is wanted below the 署名 than body above it
ABOVE, BELOW = 1, 2
MIN_LINES, MAX_LINES = 20, 24  # lines a page the remedy may choose (the standard's grid: 22)
BORDER = 10  # twips a table row's border adds


@dataclass(frozen=True)
class Grid:
    """The page and style figures of a grid reference, in twips."""

    pitch: int  # one text line
    area: int  # the 版心's height
    width: int  # the 版心's width
    body_em: int  # one character of body text (after condensing)
    indent: int  # the body's first-line indent
    title_line: int  # one title line (exact)
    title_after: int
    table_line: int  # one line of table text (exact)
    table_em: int
    cell_pad: int  # a cell's top + bottom margins
    cell_side: int  # a cell's left + right margins


def grid_of(sect_pr: str, styles: str, width: int) -> Grid | None:
    """The grid of a reference (None when it has no line grid: the form layout)."""
    m = re.search(r'<w:docGrid w:type="lines" w:linePitch="(\d+)"', sect_pr)
    if not m:
        return None
    pitch = int(m.group(1))
    height = int(re.search(r'<w:pgSz [^>]*w:h="(\d+)"', sect_pr).group(1))
    top = int(re.search(r'<w:pgMar [^>]*w:top="(\d+)"', sect_pr).group(1))
    bottom = int(re.search(r'<w:pgMar [^>]*w:bottom="(\d+)"', sect_pr).group(1))

    def style(sid: str) -> str:
        found = re.search(rf'w:styleId="{sid}".*?</w:style>', styles, re.S)
        return found.group(0) if found else ""

    def num(pattern: str, text: str, default: int) -> int:
        found = re.search(pattern, text)
        return int(found.group(1)) if found else default

    normal, title, table, grid_table = style("Normal"), style("Title"), style("TableText"), style("TableGrid")
    size = num(r'<w:sz w:val="(\d+)"', normal, 32) * 10  # half-points -> twips
    return Grid(
        pitch=pitch, area=height - top - bottom, width=width,
        body_em=size + num(r'<w:spacing w:val="(-?\d+)"', normal, 0),
        indent=num(r'w:firstLine="(\d+)"', normal, 0),
        title_line=num(r'w:line="(\d+)"', title, pitch), title_after=num(r'w:after="(\d+)"', title, 0),
        table_line=num(r'w:line="(\d+)"', table, pitch), table_em=num(r'<w:sz w:val="(\d+)"', table, 28) * 10,
        cell_pad=num(r'<w:top w:w="(\d+)"', grid_table, 0) + num(r'<w:bottom w:w="(\d+)"', grid_table, 0),
        cell_side=num(r'<w:left w:w="(\d+)"', grid_table, 0) + num(r'<w:right w:w="(\d+)"', grid_table, 0),
    )


def wrapped(text: str, per_line: float, first: float | None = None) -> int:
    """Lines a text takes: `per_line` characters a line (`first` on the first), explicit breaks kept."""
    lines = 0
    for part in text.split("\n"):
        w = typeset.width(part)
        head = per_line if first is None else first
        lines += 1 if w <= head else 1 + math.ceil((w - head) / per_line)
    return lines


@dataclass(frozen=True)
class Unit:
    """One piece of the flow: its height, whether it may end a page away from the next (False for a
    heading), and the header row a table repeats on a new page."""

    height: int
    keep_next: bool = False
    repeat: int = 0  # the height of the header row repeated above it on a new page
    closing: bool = False
    new_page: bool = False


def table_line_at(grid: Grid, pitch: int) -> int:
    """A table line's height when the text lines are `pitch` apart: it scales with them."""
    return grid.table_line * pitch // grid.pitch


def units(blocks: list, grid: Grid, pitch: int, column_widths) -> list[Unit]:
    """The blocks as a flow of lines and rows at line pitch `pitch`."""
    out: list[Unit] = []
    closing = False
    pending_break = False
    for block in blocks:
        if isinstance(block, PageBreak):
            pending_break = True
            continue
        if isinstance(block, Table):
            cols = column_widths(block)
            per = [max(1.0, math.floor((c - grid.cell_side) / grid.table_em)) for c in cols]

            table_line = table_line_at(grid, pitch)

            def row_height(cells) -> int:
                lines = max((wrapped(c.plain, p) for c, p in zip(cells, per)), default=1)
                return lines * table_line + grid.cell_pad + BORDER

            header = 0 if "noheader" in block.classes else row_height(block.header)
            rows = [row_height(r) for r in block.rows]
            if header:
                out.append(Unit(header, keep_next=True, new_page=pending_break))
                pending_break = False
            for h in rows:
                out.append(Unit(h, repeat=header, new_page=pending_break))
                pending_break = False
            continue
        if not isinstance(block, (Paragraph, Heading)):
            continue
        closing = closing or CLOSING in block.classes
        if isinstance(block, Heading) and block.level == 0:
            n = wrapped(block.plain, grid.width / (grid.body_em + 120))  # 22 pt against 16 pt body
            heights = [grid.title_line] * n
            heights[-1] += grid.title_after
        else:
            indent = 0 if "noindent" in block.classes or block.style in ("Signature",) else grid.indent
            right = next((float(c.partition("=")[2]) for c in block.classes if c.startswith("indent-right=")), 0.0)
            per = (grid.width - right * grid.body_em) / grid.body_em
            n = wrapped(block.plain, per, per - indent / grid.body_em)
            heights = [pitch] * n
        keep = isinstance(block, Heading) and block.level > 0 or "keep" in block.classes
        for i, h in enumerate(heights):
            out.append(Unit(h, keep_next=keep and i == len(heights) - 1, closing=closing, new_page=pending_break and i == 0))
        pending_break = False
    return out


@dataclass(frozen=True)
class Layout:
    pages: int
    body_above: int  # twips of body on the closing block's page, above it
    free_below: int  # twips left on that page under the closing block
    closing_alone: bool  # the closing block starts a page that holds no body


def paginate(flow: list[Unit], area: int) -> Layout:
    """Flow the units over pages of height `area`: a unit that does not fit starts a new page (a
    table row under its repeated header row), and a heading moves with the unit after it."""
    page, used = 1, 0
    placed: list[tuple[int, int, Unit]] = []  # (page, top, unit)
    i = 0
    while i < len(flow):
        j, chain = i, flow[i].height
        while flow[j].keep_next and j + 1 < len(flow):
            j += 1
            chain += flow[j].height
        if used and (flow[i].new_page or used + chain > area):
            page, used = page + 1, flow[i].repeat
        for k in range(i, j + 1):
            if used + flow[k].height > area and used > flow[k].repeat:
                page, used = page + 1, flow[k].repeat
            placed.append((page, used, flow[k]))
            used += flow[k].height
        i = j + 1
    closing = [(p, top, u) for p, top, u in placed if u.closing]
    last = placed[-1][0] if placed else 1
    if not closing:
        return Layout(last, area, area, False)
    cpage = closing[0][0]
    above = sum(u.height for p, _, u in placed if p == cpage and not u.closing)
    end = max(top + u.height for p, top, u in placed if p == cpage)
    return Layout(last, above, area - end if last == cpage else 0, above == 0 or last != cpage)


def remedy(blocks: list, grid: Grid, column_widths) -> int | None:
    """The line pitch (twips) the document needs so that the closing block shares its page with
    body text, or None when the reference's pitch does (or the document has no closing block)."""
    if not any(CLOSING in getattr(b, "classes", ()) for b in blocks):
        return None

    def room(pitch: int) -> float:
        """Lines to spare on the closing block's page (the smaller side, over what is wanted)."""
        layout = paginate(units(blocks, grid, pitch, column_widths), grid.area)
        if layout.closing_alone:
            return -math.inf
        return min(layout.body_above / pitch - ABOVE, layout.free_below / pitch - BELOW)

    base = round(grid.area / grid.pitch)
    here = room(grid.pitch)
    if here > 0 or math.isclose(here, 0):
        return None
    pitches = [grid.area // n for n in sorted(range(MIN_LINES, MAX_LINES + 1), key=lambda n: (abs(n - base), -n)) if n != base]
    rooms = [(room(p), p) for p in pitches]
    good = next((p for r, p in rooms if r >= 0), None)
    if good is not None:
        return good
    best = max(rooms, key=lambda rp: rp[0])  # the first (nearest) of the best
    best = next(rp for rp in rooms if rp[0] == best[0])
    return best[1] if best[0] > here else None
