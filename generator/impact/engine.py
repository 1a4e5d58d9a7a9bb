"""The eligibility rules evaluated for a whole population at once, column by column (NumPy).

This is the algorithm of eligibility/evaluate.py (and selfcheck.js) step for step, without the
wording: each condition gives one status per institution, the verdict follows from them. It
exists because a reform run or a threshold sweep evaluates tens of thousands of institutions many
times over; tests/test_impact.py requires, institution by institution, the statuses and verdicts
of evaluate.evaluate, and `fuhua impact`'s counts those of batch `fuhua check --profiles`.

Unknown facts are NaN. Comparisons use the same relative tolerance as arith.compare, ratios the
same ceiling of a quotient, growth the same compounding, in the same order of operations, so the
floating-point results are the same numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.eligibility.arith import TOLERANCE

STATUSES = ("not_met", "unknown", "evidence", "met", "not_applicable")
NOT_MET, UNKNOWN, EVIDENCE, MET, NOT_APPLICABLE = range(5)
VERDICTS = ("eligible", "undetermined", "not_eligible")
ELIGIBLE, UNDETERMINED, NOT_ELIGIBLE = range(3)


@dataclass(frozen=True)
class Columns:
    """The facts of n institutions: fact id -> float64 array (n,) or (n, years); NaN = unknown."""
    n: int
    values: dict

    def get(self, metric: str) -> np.ndarray:
        return self.values[metric]

    def known(self, metric: str) -> np.ndarray:
        v = self.values[metric]
        return ~np.isnan(v) if v.ndim == 1 else ~np.isnan(v).any(axis=1)

    def subset(self, index: np.ndarray) -> "Columns":
        return Columns(int(index.size), {m: v[index] for m, v in self.values.items()})


def columns(profiles: list[dict], facts: dict) -> Columns:
    """Columns from validated profiles (as resolve_facts reads them: a fact left out is unknown)."""
    n = len(profiles)
    out = {}
    for m, fact in facts.items():
        if fact["scope"] == "firm":
            continue
        if fact["type"] == "series":
            arr = np.full((n, fact["years"]), np.nan)
            for i, p in enumerate(profiles):
                v = p.get(m)
                if v is not None:
                    arr[i] = v
        else:
            arr = np.array([np.nan if p.get(m) is None else float(p[m]) for p in profiles], dtype=float)
        out[m] = arr
    return Columns(n, out)


def _cmp(a, b) -> np.ndarray:
    """arith.compare, elementwise: 0 within the relative tolerance, else -1 or 1."""
    with np.errstate(invalid="ignore"):
        tol = TOLERANCE * np.maximum(np.maximum(np.abs(a), np.abs(b)), 1.0)
        return np.where(np.abs(a - b) <= tol, 0, np.where(a < b, -1, 1))


def holds(a, comparator: str, b) -> np.ndarray:
    c = _cmp(a, b)
    return {">=": c >= 0, ">": c > 0, "<=": c <= 0, "<": c < 0, "=": c == 0}[comparator]


def ceil_div(base, amount) -> np.ndarray:
    q = base / amount
    nearest = np.floor(q + 0.5)
    return np.where(_cmp(q, nearest) == 0, nearest, np.ceil(q))


def condition_status(c: dict, cols: Columns, facts: dict, value: float | None = None) -> np.ndarray:
    """One status code per institution (STATUSES); `value` replaces the condition's threshold (sweeps)."""
    v = c.get("value") if value is None else value
    kind = c["kind"]
    status = _KINDS[kind](c, v, cols, facts)
    applies = c.get("applies_if")
    if applies:
        fact = cols.get(applies["metric"])
        unknown = np.isnan(fact)
        status = np.where(unknown & (status != MET), UNKNOWN, status)
        status = np.where(~unknown & (fact != float(applies["equals"])), NOT_APPLICABLE, status)
    return status.astype(np.int8)


def _met(ok, known) -> np.ndarray:
    return np.where(known, np.where(ok, MET, NOT_MET), UNKNOWN)


def _threshold(c, v, cols, facts):
    x = cols.get(c["metric"])
    with np.errstate(invalid="ignore"):
        ok = holds(x, c["comparator"], v)
    if x.ndim == 2:
        ok = ok.all(axis=1)
    return _met(ok, cols.known(c["metric"]))


def _ratio(c, v, cols, facts):
    per = c["per"]
    x, base = cols.get(c["metric"]), cols.get(per["metric"])
    if facts[c["metric"]]["type"] == "integer":
        required = ceil_div(v * base, per["amount"])
    else:
        required = v * base / per["amount"]
    with np.errstate(invalid="ignore"):
        ok = holds(x, c["comparator"], required)
    return _met(ok, cols.known(c["metric"]) & cols.known(per["metric"]))


def _share(c, v, cols, facts):
    num, den = cols.get(c["metric"]), cols.get(c["of"])
    with np.errstate(invalid="ignore"):
        zero = _cmp(den, 0.0) == 0
        ok = ~zero & holds(num * 100, c["comparator"], v * den)
    return _met(ok, cols.known(c["metric"]) & cols.known(c["of"]))


def _growth(c, v, cols, facts):
    reached = np.zeros(cols.n, dtype=int)
    undecided = np.zeros(cols.n, dtype=int)
    for m in c["metrics"]:
        series = cols.get(m)
        known = cols.known(m)
        first, last, years = series[:, 0], series[:, -1], series.shape[1] - 1
        with np.errstate(invalid="ignore", divide="ignore"):
            zero = known & (_cmp(first, 0.0) == 0)
            target = 1.0
            for _ in range(years):
                target *= 1 + v / 100
            ok = known & ~zero & holds(last / first, c["comparator"], target)
        reached += ok
        undecided += ~known | zero
    return np.where(reached >= c["at_least"], MET, np.where(reached + undecided < c["at_least"], NOT_MET, UNKNOWN))


def _boolean(c, v, cols, facts):
    x = cols.get(c["metric"])
    return _met(x == float(c["expected"]), cols.known(c["metric"]))


def _evidence(c, v, cols, facts):
    return np.full(cols.n, EVIDENCE)


_KINDS = {"threshold": _threshold, "ratio": _ratio, "share": _share, "growth": _growth, "boolean": _boolean, "evidence": _evidence}


def evaluate_all(conditions: list[dict], cols: Columns, facts: dict) -> np.ndarray:
    """Statuses, shape (n, conditions)."""
    if not conditions:
        return np.zeros((cols.n, 0), dtype=np.int8)
    return np.stack([condition_status(c, cols, facts) for c in conditions], axis=1)


def verdicts(statuses: np.ndarray) -> np.ndarray:
    """not_eligible if any condition is not met, else undetermined if any is unknown, else eligible."""
    return np.where((statuses == NOT_MET).any(axis=1), NOT_ELIGIBLE,
                    np.where((statuses == UNKNOWN).any(axis=1), UNDETERMINED, ELIGIBLE)).astype(np.int8)
