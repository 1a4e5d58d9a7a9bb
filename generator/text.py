"""Rebuild a document's full text from the provision tree (the inverse of importer.structure.parse_text)."""
from __future__ import annotations

from generator.model import Provision, Version

SEP = "\u3000"  # full-width space between a number and its text, as printed documents do


def lines_of(version: Version) -> list[str]:
    lines = list(version.text["header"])  # a 印发通知 wrapper and a 索引号 block are not the measure's text
    for root in version.roots:
        lines += provision_lines(root)
    return lines


def provision_lines(p: Provision) -> list[str]:
    """The printed lines of one provision and everything under it."""
    if p.kind in ("chapter", "section"):
        out = [f"{p.own_citation}{SEP}{p.heading}"]
    elif p.kind == "article":
        first, *rest = p.children
        title = f"{p.heading}{SEP}" if p.heading else ""
        out = [f"{p.citation}{SEP}{title}{first.text}"] + _items(first)
        for para in rest:
            out += [para.text] + _items(para)
        return out
    elif p.kind == "part" and p.heading is None:
        first, *rest = p.children
        out = [f"{p.citation}{first.text}"] + _items(first)
        for child in rest:
            out += provision_lines(child)
        return out
    elif p.kind == "part":
        out = [f"{p.citation}{p.heading}"]
    elif p.kind == "attachment":
        out = [p.citation] + ([p.heading] if p.heading else [])
    elif p.kind in ("point", "item"):
        if p.heading:
            out = [f"{p.label}{SEP}{p.heading}"] + ([p.text] if p.text else [])
        else:
            out = [f"{p.label}{p.text or ''}"]
        return out + list(p.continuation) + _items(p)
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
