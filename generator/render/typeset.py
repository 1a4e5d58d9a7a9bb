"""Typesetting arithmetic the templates need before Word lays a page out: text widths in
characters, a title broken into balanced lines between words, and the GB/T 9704 signature block
(署名 centred over 成文日期)."""
from __future__ import annotations

import math


def width(text: str) -> float:
    """Width in characters (em): CJK and full-width characters 1, others ½."""
    return sum(1 if ord(ch) > 0x2E7F else 0.5 for ch in str(text))


def balance(units: list[str], per_line: int) -> list[str]:
    """Join units (words that must not be split) into the fewest lines of at most `per_line`
    characters, as even as possible (the longest line as short as it can be)."""
    units = [str(u) for u in units if str(u)]
    total = sum(width(u) for u in units)
    lines = max(1, math.ceil(total / per_line))
    while True:
        best = _split(units, lines, per_line)
        if best is not None:
            return best
        lines += 1
        if lines > len(units):
            return ["".join(units)]


def _split(units: list[str], lines: int, per_line: int) -> list[str] | None:
    """The split of units into exactly `lines` lines that minimises the longest line, or None."""
    n = len(units)
    widths = [width(u) for u in units]
    best: dict[tuple[int, int], tuple[float, list[int]]] = {(0, 0): (0.0, [])}
    for k in range(1, lines + 1):
        for end in range(1, n + 1):
            options = []
            for start in range(end):
                prev = best.get((start, k - 1))
                if prev is None:
                    continue
                w = sum(widths[start:end])
                if w <= per_line:
                    options.append((max(prev[0], w), prev[1] + [end]))
            if options:
                best[(end, k)] = min(options)
    found = best.get((n, lines))
    if not found:
        return None
    cuts = [0, *found[1]]
    return ["".join(units[a:b]) for a, b in zip(cuts, cuts[1:])]


def signature_indents(name: str, date: str, margin: float = 2) -> tuple[float, float]:
    """Right indents (in characters) of the 署名 and the 成文日期 so that the longer of the two
    stands `margin` characters from the right margin and the other is centred over or under it."""
    a, b = width(name), width(date)
    longer = max(a, b)
    return margin + (longer - a) / 2, margin + (longer - b) / 2
