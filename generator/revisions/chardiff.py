"""Character-level differences between two texts, as segments ('=', '-', '+').

difflib on characters, with two refinements so a drafter reads whole changes: a run of digits is
one token (2500 -> 3000 is one replacement, not "25" -> "30" around "00"), and a single unchanged
character squeezed between two changes is folded into them.
"""
from __future__ import annotations

import difflib
import re

EQUAL, DELETE, INSERT = "=", "-", "+"
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[A-Za-z]+|.", re.S)

Segment = tuple[str, str]


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def segments(old: str, new: str) -> list[Segment]:
    """Segments that turn `old` into `new`: joining '=' and '-' gives old, '=' and '+' gives new."""
    a, b = tokens(old), tokens(new)
    raw: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            raw.append((EQUAL, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append((DELETE, "".join(a[i1:i2])))
        if j2 > j1:
            raw.append((INSERT, "".join(b[j1:j2])))
    return _merge(_fold_short_equals(raw))


def _fold_short_equals(segs: list[Segment]) -> list[Segment]:
    """'-ab' '=c' '+de' … '-fg' -> the lone 'c' joins both sides, so the change reads as one."""
    out: list[Segment] = []
    for k, (op, text) in enumerate(segs):
        between_changes = 0 < k < len(segs) - 1 and segs[k - 1][0] != EQUAL and segs[k + 1][0] != EQUAL
        if op == EQUAL and len(text) == 1 and between_changes:
            out += [(DELETE, text), (INSERT, text)]
        else:
            out.append((op, text))
    return out


def _merge(segs: list[Segment]) -> list[Segment]:
    """Group each run of changes as all deletions then all insertions; join neighbours of one kind."""
    out: list[Segment] = []
    k = 0
    while k < len(segs):
        if segs[k][0] == EQUAL:
            if segs[k][1]:
                out.append(segs[k])
            k += 1
            continue
        deleted, inserted = [], []
        while k < len(segs) and segs[k][0] != EQUAL:
            (deleted if segs[k][0] == DELETE else inserted).append(segs[k][1])
            k += 1
        out += [(op, "".join(parts)) for op, parts in ((DELETE, deleted), (INSERT, inserted)) if parts]
    joined: list[Segment] = []
    for op, text in out:
        if joined and joined[-1][0] == op:
            joined[-1] = (op, joined[-1][1] + text)
        else:
            joined.append((op, text))
    return joined


def side(segs: list[Segment], which: str) -> str:
    """The old ('-') or new ('+') text rebuilt from segments."""
    return "".join(text for op, text in segs if op in (EQUAL, which))


def similarity(old: str, new: str) -> float:
    """0..1, the share of characters two texts have in common in order (difflib ratio)."""
    if not old and not new:
        return 1.0
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if matcher.real_quick_ratio() < 0.2:
        return matcher.real_quick_ratio()
    return matcher.ratio()
