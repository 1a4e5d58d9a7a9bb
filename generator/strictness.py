"""Which of two requirements is stricter: one rule for the cross-reference pass (thresholds read
from the texts) and the comparison report (encoded conditions).

Verdicts are from the first requirement's side: `stricter` (harder to meet), `looser`, `same`,
`different` (not comparable on one scale, e.g. >= against <=); `only-in-one` when one side has
no counterpart.
"""
from __future__ import annotations

VERDICTS = ("stricter", "looser", "same", "different", "only-in-one")
DIRECTION = {">=": 1, ">": 1, "<=": -1, "<": -1}  # +1: a higher value is stricter


def verdict(comparator_a: str | None, values_a: tuple, comparator_b: str | None, values_b: tuple) -> str:
    """Compare two bounds measured on one scale. `values` are compared place by place (a
    threshold, and for "at least k of n" also k); all must point the same way."""
    da, db = DIRECTION.get(comparator_a), DIRECTION.get(comparator_b)
    if da is None or db is None or da != db:
        return "same" if (comparator_a, tuple(values_a)) == (comparator_b, tuple(values_b)) else "different"
    signs = {(x > y) - (x < y) for x, y in zip(values_a, values_b)} - {0}
    if not signs:
        if comparator_a == comparator_b:
            return "same"
        return "stricter" if comparator_a in (">", "<") else "looser"  # 超过 N against 不低于 N
    if len(signs) > 1:
        return "different"
    return "stricter" if signs.pop() * da > 0 else "looser"
