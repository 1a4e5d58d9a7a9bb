"""The text-bearing provisions of a version, and where a rule's quote sits among them."""
from __future__ import annotations

from generator.model import Provision, Version

HEADING_ONLY = ("chapter", "section", "part", "article")


def text_nodes(version: Version) -> list[Provision]:
    """Provisions with words of their own, in reading order (a part's or chapter's heading is not one)."""
    return [n for n in version.walk() if n.kind not in HEADING_ONLY and n.own_text]


def quote_spans(version: Version, provision_id: str, quote: str | None) -> list[tuple[str, int, int]]:
    """(node id, start, end) of every occurrence of `quote` in the provision's own words or its
    descendants'; the whole text of each when there is no quote."""
    root = version.provisions.get(provision_id)
    if root is None:
        return []
    spans = []
    for node in root.walk():
        text = node.own_text if node.kind not in HEADING_ONLY else ""
        if not text:
            continue
        if quote is None:
            spans.append((node.id, 0, len(text)))
            continue
        at = text.find(quote)
        while at >= 0:
            spans.append((node.id, at, at + len(quote)))
            at = text.find(quote, at + 1)
    return spans
