"""Markdown building blocks: escaping policy text, relative links between pages, dates."""
from __future__ import annotations

import datetime as dt
import posixpath
import string

# Every ASCII sign that Markdown or a pymdownx extension could read as syntax becomes a numeric
# character reference, so policy text (and any `<img onerror=...>` in it) is always shown as text.
_ENTITIES = {c: f"&#{ord(c)};" for c in string.punctuation} | {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ENTITIES.pop(";")


def md(text: str) -> str:
    """Policy text as inert Markdown: shown verbatim, never interpreted."""
    out = "".join(_ENTITIES.get(c, c) for c in str(text))
    return out.replace("\r", "").replace("\n", "<br>")


def mermaid_label(text: str) -> str:
    """Text for a quoted Mermaid label: Mermaid's own entity codes for the signs it parses."""
    codes = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "#": "#35;", "&": "#amp;", "`": "#96;"}
    return "".join(codes.get(c, c) for c in str(text)).replace("\n", " ")


def rel(from_uri: str, to_uri: str, anchor: str | None = None) -> str:
    """Relative Markdown link target from one page (src uri) to another page or anchor."""
    target = "" if from_uri == to_uri else posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
    return f"{target}#{anchor}" if anchor else target


def link(label: str, from_uri: str, to_uri: str, anchor: str | None = None) -> str:
    return f"[{md(label)}]({rel(from_uri, to_uri, anchor)})"


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells are already Markdown (escape text with md())."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell or "—" for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def mermaid(lines: list[str]) -> list[str]:
    """A Mermaid diagram block, kept out of the search index (its source is not prose)."""
    return ['<div class="fuhua-diagram" data-search-exclude markdown>', "", "```mermaid", *lines, "```", "", "</div>", ""]
