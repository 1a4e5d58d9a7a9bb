"""Rebuild a document's full text from the provision tree (the inverse of importer.parse_text)."""
from __future__ import annotations

from generator.model import Provision, Version
from generator.numerals import to_chinese

SEP = "\u3000"  # full-width space between a number and its text, as printed documents do


def lines_of(version: Version) -> list[str]:
    lines = list(version.text["header"])
    for root in version.roots:
        lines += provision_lines(root)
    return lines


def provision_lines(p: Provision) -> list[str]:
    """The printed lines of one provision and everything under it."""
    if p.kind == "chapter":
        out = [f"第{to_chinese(p.num)}章{SEP}{p.heading}"]
    elif p.kind == "article":
        first, *rest = p.children
        out = [f"第{to_chinese(p.num)}条{SEP}{first.text}"] + _items(first)
        for para in rest:
            out += [para.text] + _items(para)
        return out
    elif p.kind == "part":
        out = [f"{to_chinese(p.num)}、{p.heading}"]
    elif p.kind in ("point", "item"):
        if p.heading:
            out = [f"{p.num}.{SEP}{p.heading}"] + ([p.text] if p.text else [])
        else:
            out = [f"{p.num}.{p.text}"]
        return out + p.continuation
    else:
        out = [p.text]
    for child in p.children:
        out += provision_lines(child)
    return out


def _items(para: Provision) -> list[str]:
    out: list[str] = []
    for item in para.children:
        out += provision_lines(item)
    return out


def render(version: Version) -> str:
    return "\n".join(lines_of(version)) + "\n"
