"""The thresholds of aligned provisions, compared measure by measure.

Inside an aligned pair of provisions, quantities are paired one to one when their units agree,
preferring similar subjects, the same period and the same ratio base. Verdicts, from the first
document's side: `stricter` (harder to meet), `looser`, `same`, `different` (not comparable in
one direction, e.g. >= against <=) and `only-in-one` (no counterpart).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.crossref.align import Pair, assign
from generator.crossref.quantities import Quantity
from generator.strictness import VERDICTS, verdict as bound_verdict

__all__ = ["VERDICTS", "Comparison", "compare", "compare_pair", "verdict"]


@dataclass
class Comparison:
    pair: Pair
    a: Quantity | None
    b: Quantity | None
    verdict: str


def _bigrams(text: str | None) -> set[str]:
    text = text or ""
    return {text[i:i + 2] for i in range(len(text) - 1)} or set(text)


def _dice(x: str | None, y: str | None) -> float:
    a, b = _bigrams(x), _bigrams(y)
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _affinity(x: Quantity, y: Quantity) -> float:
    if x.canonical_unit != y.canonical_unit:
        return 0.0
    base_x, base_y = (x.base or {}).get("unit"), (y.base or {}).get("unit")
    return 1.0 + _dice(x.subject, y.subject) + 0.5 * (x.period == y.period) + 0.5 * (base_x == base_y)


def _rate(q: Quantity) -> float:
    return q.value / q.base["amount"] if q.base else float(q.value)


def verdict(a: Quantity, b: Quantity) -> str:
    if (a.base or {}).get("unit") != (b.base or {}).get("unit"):
        return "different"
    return bound_verdict(a.comparator, (_rate(a),), b.comparator, (_rate(b),))


def compare_pair(pair: Pair, qa: list[Quantity], qb: list[Quantity]) -> list[Comparison]:
    weights = np.array([[_affinity(x, y) for y in qb] for x in qa]).reshape(len(qa), len(qb))
    matched = dict(assign(weights))
    rows = []
    for i, x in enumerate(qa):
        j = matched.get(i)
        rows.append(Comparison(pair, x, qb[j], verdict(x, qb[j])) if j is not None else Comparison(pair, x, None, "only-in-one"))
    rows += [Comparison(pair, None, y, "only-in-one") for j, y in enumerate(qb) if j not in matched.values()]
    return rows


def compare(pairs: list[Pair], quantities_a: dict[str, list[Quantity]], quantities_b: dict[str, list[Quantity]]) -> list[Comparison]:
    """quantities_a / _b: provision id -> its quantities, for each document."""
    rows = []
    for pair in pairs:
        qa = quantities_a.get(pair.a.key, []) if pair.a else []
        qb = quantities_b.get(pair.b.key, []) if pair.b else []
        if qa or qb:
            rows += compare_pair(pair, qa, qb)
    return rows
