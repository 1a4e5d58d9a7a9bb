"""Blocks -> the published Markdown (GitHub/Python-Markdown tables; layout attributes dropped).

Text is escaped so that nothing in a value can become markup on the site: HTML specials and
Markdown punctuation become entities, and only the renderer's own tags (<br> <u> <ins> <del>)
appear as HTML.
"""
from __future__ import annotations

import re

from generator.render.blocks import Heading, Image, PageBreak, PageHeader, Paragraph, Run, Table

_ESCAPE = {c: f"&#{ord(c)};" for c in "\\`*_{}[]|~^#"}
_ESCAPE.update({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ESCAPE_RE = re.compile("[" + re.escape("".join(_ESCAPE)) + "]")
_LINE_START = re.compile(r"^(?:[-+]|\d+[.)](?:\s|$))")
_OPEN = {"b": "**", "u": "<u>", "ins": "<ins>", "del": "<del>"}
_CLOSE = {"b": "**", "u": "</u>", "ins": "</ins>", "del": "</del>"}
_ORDER = ("ins", "del", "u", "b")
_WORDISH = re.compile(r"\w")


def escape_text(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPE[m.group(0)], text)


def inline(runs: list[Run]) -> str:
    out = []
    for run in runs:
        if run.text == "\n":
            out.append("<br>")
            continue
        flags = [f for f in _ORDER if f in run.flags]
        text = escape_text(run.text)
        opening = "".join(_OPEN[f] for f in flags)
        closing = "".join(_CLOSE[f] for f in reversed(flags))
        if "b" in flags and not (_WORDISH.match(text) and _WORDISH.match(text[-1])):
            # CommonMark ignores ** next to spaces or punctuation; <b> always works
            opening, closing = opening.replace("**", "<b>"), closing.replace("**", "</b>")
        out.append(opening + text + closing)
    text = "".join(out)
    m = _LINE_START.match(text)
    if m:  # not a list item on the site: 1\. and \- are CommonMark/Python-Markdown escapes
        cut = len(m.group(0).rstrip()) - 1 if text[0].isdigit() else 0
        text = text[:cut] + "\\" + text[cut:]
    return text


def _table(t: Table) -> list[str]:
    def row(cells) -> str:
        return "| " + " | ".join((inline(c.runs) if c.plain != "^^" else "") or " " for c in cells) + " |"

    seps = []
    for align, width in zip(t.aligns, t.widths):
        dashes = "-" * max(width, 3)
        seps.append({"left": dashes, "center": f":{dashes}:", "right": f"{dashes}:"}[align])
    return [row(t.header), "|" + "|".join(seps) + "|", *(row(r) for r in t.rows)]


def write(blocks: list) -> str:
    chunks: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            chunks.append("#" * (block.level + 1) + " " + inline(block.runs))
        elif isinstance(block, (Paragraph, PageHeader)):
            if block.runs:
                chunks.append(inline(block.runs))
        elif isinstance(block, Table):
            chunks.append("\n".join(_table(block)))
        elif isinstance(block, Image):
            chunks.append(f"![{escape_text(block.alt)}]({block.name})")
        elif isinstance(block, PageBreak):
            continue
    return "\n\n".join(chunks) + "\n"
