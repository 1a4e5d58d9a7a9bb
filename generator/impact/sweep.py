"""Threshold sweeps: a condition's threshold moved from FROM to TO in steps of STEP, and at each
point the share of institutions meeting that condition and the share eligible overall.

    --sweep inc_site_area=1000:5000:500     (repeatable; the condition id of the reform's rules.yaml)

Only the swept condition is evaluated again at each point; the others' statuses are reused, so a
20-point sweep costs about 20 evaluations of one condition.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from generator.errors import InputError
from generator.impact import engine
from generator.impact.run import PASSING, Side

MAX_POINTS = 1000
_SPEC = re.compile(r"^\s*([\w.-]+)\s*=\s*([-+\d.eE]+)\s*:\s*([-+\d.eE]+)\s*:\s*([-+\d.eE]+)\s*$")


@dataclass(frozen=True)
class Sweep:
    condition: str
    start: float
    stop: float
    step: float

    @property
    def points(self) -> list[float]:
        n = int(math.floor((self.stop - self.start) / self.step + 1e-9)) + 1
        return [_tidy(self.start + k * self.step) for k in range(n)]


def _tidy(x: float) -> float:
    """0.1 + 2 × 0.1 is 0.30000000000000004; a threshold is shown and compared as 0.3."""
    return float(f"{x:.10g}")


def parse(spec: str) -> Sweep:
    m = _SPEC.match(spec)
    if not m:
        raise InputError.single("--sweep", f"'{spec}': expected CONDITION=FROM:TO:STEP, e.g. inc_site_area=1000:5000:500")
    try:
        start, stop, step = (float(x) for x in m.group(2, 3, 4))
    except ValueError:
        raise InputError.single("--sweep", f"'{spec}': FROM, TO and STEP must be numbers") from None
    if not all(math.isfinite(x) for x in (start, stop, step)) or step <= 0 or stop < start:
        raise InputError.single("--sweep", f"'{spec}': needs FROM ≤ TO and a STEP above 0")
    sweep = Sweep(m.group(1), start, stop, step)
    if len(sweep.points) > MAX_POINTS:
        raise InputError.single("--sweep", f"'{spec}': {len(sweep.points)} points; at most {MAX_POINTS}")
    return sweep


def locate(sweep: Sweep, side: Side, types: list[str]) -> tuple[str, int, dict]:
    """(type, position, condition) of the swept condition among the side's conditions."""
    for t in types:
        for k, c in enumerate(side.conditions(t)):
            if c["id"] == sweep.condition:
                if c["kind"] in ("evidence", "boolean"):
                    raise InputError.single("--sweep", f"{sweep.condition}: a {c['kind']} condition has no threshold to move")
                return t, k, c
    known = [c["id"] for t in types for c in side.conditions(t) if c["kind"] not in ("evidence", "boolean")]
    raise InputError.single("--sweep", f"no condition '{sweep.condition}' with a threshold in {side.label}; known: {', '.join(known)}")


def curve(sweep: Sweep, side: Side, cols: engine.Columns, inst_type: str, position: int) -> dict:
    """For each point: the condition's pass rate and the shares eligible / not eligible."""
    conditions = side.conditions(inst_type)
    facts = side.rules["facts"]
    statuses = engine.evaluate_all(conditions, cols, facts)
    cond = conditions[position]
    n = cols.n
    rows = []
    for value in sweep.points:
        column = engine.condition_status(cond, cols, facts, value)
        statuses[:, position] = column
        verdict = engine.verdicts(statuses)
        found = np.bincount(verdict, minlength=3)
        rows.append({"value": value, "pass": int(np.isin(column, PASSING).sum()),
                     **{v: int(found[k]) for k, v in enumerate(engine.VERDICTS)}})
    return {"condition": cond, "type": inst_type, "type_name": side.rules["types"][inst_type], "n": n,
            "current": cond["value"], "unit": cond.get("unit", ""), "points": rows, "label": side.label}
