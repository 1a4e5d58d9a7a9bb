"""Fiscal exposure: what the assessment rewards could cost in one evaluation cycle, under a
policy, for the institutions it recognises.

The reward caps, the grade scales and the non-duplication rule come from the side's rules.yaml
(assessment, rewards, reward_rules); no amount is written here. The grades are an assumption:
shares per grade (e.g. 优秀 15%, 良好 35%), from the command line or the population config. Each
type's eligible institutions get exactly those shares (largest remainder, in a seeded order), and
the ministerial grades go to the types that have a ministerial reward. The rewards are then
computed by the assessment report's own code (generators/assessment.py), so 第十六条 is applied as
that report reads it: one reward per institution graded in both schemes (the larger cap), and per
operating entity at most the sum of its ministerial rewards when it has a ministerial grade.
The figures are caps ("不高于"): an upper bound of the cost, not a forecast of it.
"""
from __future__ import annotations

import re

import numpy as np

from generator.errors import InputError
from generator.generators.assessment import SCHEMES, assessment_context
from generator.impact.population import Population
from generator.impact.run import Side, TypeRun

CYCLE = 1  # one evaluation cycle; a label only, no calendar year is implied
_ITEM = re.compile(r"^\s*([^=:：＝]+?)\s*[=:：＝]\s*([\d.]+)\s*(%?)\s*$")


def parse_grades(spec: str, scales: dict) -> dict[str, dict[str, float]]:
    """'优秀=15%,良好=35%,A=10%' -> {'municipal': {'优秀': 0.15, '良好': 0.35}, 'ministerial': {'A': 0.1}}."""
    out: dict[str, dict[str, float]] = {}
    for item in re.split(r"[,，;；]", spec):
        if not item.strip():
            continue
        m = _ITEM.match(item)
        scheme = next((s for s in SCHEMES if m and m.group(1) in scales[s]["grades"]), None)
        if not m or scheme is None:
            known = "、".join(g for s in SCHEMES for g in scales[s]["grades"])
            raise InputError.single("--grades", f"'{item.strip()}': expected GRADE=SHARE% with a grade of {known}")
        share = float(m.group(2)) / (100 if m.group(3) else 1)
        out.setdefault(scheme, {})[m.group(1)] = share
    return check_grades(out, scales, "--grades")


def check_grades(grades: dict, scales: dict, where: str) -> dict:
    for scheme, shares in grades.items():
        if scheme not in SCHEMES:
            raise InputError.single(where, f"grades: unknown scheme '{scheme}'; use {', '.join(SCHEMES)}")
        for g, share in shares.items():
            if g not in scales[scheme]["grades"]:
                raise InputError.single(where, f"grades.{scheme}: '{g}' is not a grade of {scales[scheme]['name']} "
                                               f"({'、'.join(scales[scheme]['grades'])})")
            if not isinstance(share, (int, float)) or share < 0:
                raise InputError.single(where, f"grades.{scheme}.{g}: expected a share ≥ 0, got {share!r}")
        if sum(shares.values()) > 1 + 1e-9:
            raise InputError.single(where, f"grades.{scheme}: the shares add up to {sum(shares.values()):.0%}, more than 100%")
    return grades


def scales(side: Side) -> dict | None:
    """The side's assessment scales, or None when its policy has no assessment rewards."""
    try:
        v = side.policy.home
    except KeyError:
        return None
    return {k: {"name": s.name, "grades": list(s.grades)} for k, s in v.rules.assessment.items()} if v.rules.rewards else None


def allocate(n: int, shares: dict[str, float]) -> list[str | None]:
    """n grades in exactly the given shares (largest remainder); None for the rest (not graded)."""
    exact = {g: s * n for g, s in shares.items()}
    counts = {g: int(np.floor(x)) for g, x in exact.items()}
    left = min(n, int(np.floor(sum(exact.values()) + 0.5))) - sum(counts.values())
    for g in sorted(exact, key=lambda g: (-(exact[g] - counts[g]), list(shares).index(g)))[:max(0, left)]:
        counts[g] += 1
    out: list[str | None] = [g for g in shares for _ in range(counts[g])]
    return out + [None] * (n - len(out))


def exposure(side: Side, pop: Population, runs: list[TypeRun], reform_side: bool, grades: dict, seed: int) -> dict | None:
    """The cycle's reward exposure for the institutions the side finds eligible."""
    sc = scales(side)
    if sc is None:
        return None
    v = side.policy.home
    ministerial_types = {r.type for r in v.rules.rewards if r.scheme == "ministerial"}
    rng = np.random.default_rng(seed)
    institutions, per_type = [], {}
    for tr in runs:
        verdict = tr.reform_verdict if reform_side else tr.base_verdict
        eligible = tr.index[verdict == 0]
        order = eligible[rng.permutation(eligible.size)]
        municipal = allocate(order.size, grades.get("municipal", {}))
        ministerial = allocate(order.size, grades.get("ministerial", {})) if tr.type in ministerial_types else [None] * order.size
        per_type[tr.type] = {"type_name": tr.type_name, "eligible": int(order.size),
                             "municipal": _tally(municipal), "ministerial": _tally(ministerial)}
        for i, mg, ng in zip(order, municipal, ministerial):
            inst = pop.institutions[int(i)]
            institutions.append({"name": inst.name, "type": tr.type, "operator": inst.operator,
                                 "municipal": {CYCLE: mg} if mg else {}, "ministerial": {CYCLE: ng} if ng else {}})
    if not institutions:
        return {"types": per_type, "gross": 0, "per_institution": 0, "total": 0, "unit": _unit(v), "capped_operators": 0,
                "both": 0, "context": None}
    ctx = assessment_context(side.policy, {"cycle": CYCLE, "institutions": institutions})
    for r in ctx["rows"]:
        entry = per_type[r["type"]]
        entry["gross"] = entry.get("gross", 0) + sum(r["amounts"].values())
        entry["bound"] = entry.get("bound", 0) + r["bound"]
    return {
        "types": per_type,
        "gross": sum(sum(r["amounts"].values()) for r in ctx["rows"]),  # both schemes paid in full
        "per_institution": sum(r["bound"] for r in ctx["rows"]),  # one reward per institution
        "total": ctx["total"],  # and the operating entity's cap
        "capped_operators": sum(1 for o in ctx["operators"] if o["capped"]),
        "both": sum(1 for r in ctx["rows"] if r["both"]),
        "unit": ctx["unit"],
        "context": {k: ctx[k] for k in ("rewards", "scales", "non_duplication", "types")},
    }


def _tally(grades: list) -> dict[str, int]:
    out: dict[str, int] = {}
    for g in grades:
        if g is not None:
            out[g] = out.get(g, 0) + 1
    return out


def _unit(v) -> str:
    return next((r.unit for r in v.rules.rewards), "")
