"""Pair the provisions of two versions: by id first, then by text similarity.

Articles and parts carry explicit ids that survive renumbering, so an id match is trusted unless
the two texts have almost nothing in common (as when a text was imported with positional ids);
such pairs, and every provision left unpaired, are then paired one-to-one by similarity
(Hungarian assignment). A pair below MIN_SIMILARITY is never forced: the provisions are reported
as removed and added. Articles are paired across the whole document (an article may move to
another chapter); paragraphs and items only inside their paired parent.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.optimize import linear_sum_assignment

from generator.model import Provision, Version
from generator.revisions.chardiff import similarity

MIN_SIMILARITY = 0.5

Pair = tuple[Provision | None, Provision | None]


def pair(old: list[Provision], new: list[Provision], text: Callable[[Provision], str]) -> list[Pair]:
    """Pairs in reading order of the new text; a removed provision follows its old predecessor."""
    new_by_id = {p.id: p for p in new}
    by_id = {o.id: new_by_id[o.id] for o in old if o.id in new_by_id}
    weak = {oid: n for oid, n in by_id.items() if similarity(text(_find(old, oid)), text(n)) < MIN_SIMILARITY}
    matched = {oid: n for oid, n in by_id.items() if oid not in weak}
    rest_old = [o for o in old if o.id not in matched]
    taken = {id(n) for n in matched.values()}
    rest_new = [n for n in new if id(n) not in taken]
    for o, n in _by_similarity(rest_old, rest_new, text):
        matched[o.id] = n
    for oid, n in weak.items():  # a rewritten provision keeps its id when nothing fits better
        if oid not in matched and all(m is not n for m in matched.values()):
            matched[oid] = n
    return _in_order(old, new, matched)


def _find(nodes: list[Provision], pid: str) -> Provision:
    return next(p for p in nodes if p.id == pid)


def _by_similarity(old: list[Provision], new: list[Provision], text) -> list[tuple[Provision, Provision]]:
    if not old or not new:
        return []
    scores = np.array([[similarity(text(o), text(n)) if o.kind == n.kind else 0.0 for n in new] for o in old])
    rows, cols = linear_sum_assignment(-scores)
    return [(old[r], new[c]) for r, c in zip(rows, cols) if scores[r, c] >= MIN_SIMILARITY]


def _in_order(old: list[Provision], new: list[Provision], matched: dict[str, Provision]) -> list[Pair]:
    old_of = {id(n): o for o in old if (n := matched.get(o.id)) is not None}
    position = {o.id: i for i, o in enumerate(old)}
    pairs: list[Pair] = []
    emitted = 0  # old provisions before this index are already placed

    def flush(upto: int) -> None:
        nonlocal emitted
        for o in old[emitted:upto]:
            if o.id not in matched:
                pairs.append((o, None))
        emitted = max(emitted, upto)

    for n in new:
        o = old_of.get(id(n))
        if o is not None:
            flush(position[o.id])
            pairs.append((o, n))
        else:
            pairs.append((None, n))
    flush(len(old))
    return pairs


def units(version: Version) -> list[Provision]:
    """The top level that is paired across the whole document: chapters, articles, preamble, parts."""
    out = []
    for root in version.roots:
        out.append(root)
        if root.kind == "chapter":
            out += root.children
    return out
