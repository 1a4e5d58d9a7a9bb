"""Markdown building blocks: escaping policy text (also inside Mermaid labels), relative links between pages."""
from __future__ import annotations

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
