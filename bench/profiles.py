"""Generated applicant profiles for the checklist figure: every institution type of every
jurisdiction in turn, each fact drawn around the threshold that reads it (so verdicts vary), a
tenth of the facts left unknown, and each profile validated by fuhua's own profile validator."""
from __future__ import annotations

import random

from generator.eligibility.profile import validate_profile
from generator.yamlio import Marks

P_UNKNOWN = 0.05


def cases(rules: dict) -> list[tuple[str, str]]:
    """(jurisdiction, institution type) pairs the rules cover."""
    return [(j, t) for j, spec in rules["jurisdictions"].items() for t in spec["types"]]


def _targets(conditions: list[dict]) -> dict[str, tuple[float, str | None]]:
    """metric -> (a typical value, the metric it is a share of)."""
    out: dict[str, tuple[float, str | None]] = {}
    for c in conditions:
        for m in c.get("metrics") or [c.get("metric")]:
            if m:
                out.setdefault(m, (float(c.get("value") or 10), c.get("of")))
        if c.get("per"):
            per = c["per"]
            out.setdefault(per["metric"], (float(per["amount"]) * 3, None))
        if c.get("of"):
            out.setdefault(c["of"], (1000.0, None))
        if c.get("applies_if"):
            out.setdefault(c["applies_if"]["metric"], (1.0, None))
    return out


def _value(fact: dict, typical: float, rng: random.Random):
    if fact["type"] == "boolean":
        return rng.random() < 0.8
    if fact["type"] == "series":
        start = rng.uniform(0.5, 1.5) * max(typical, 5) * 10
        growth = rng.uniform(0.9, 1.6)
        return [round(start * growth ** k) for k in range(fact["years"])]
    value = typical * rng.uniform(0.85, 2.0)
    if fact.get("percent"):
        value = min(value, 100.0)
    return round(value) if fact["type"] == "integer" or value >= 10 else round(value, 1)


def generate(rules: dict, n: int, seed: int = 0) -> list[tuple[str, str, dict]]:
    """n (jurisdiction, type, profile) triples, deterministic for a seed."""
    rng = random.Random(seed)
    facts = rules["facts"]
    out = []
    for i in range(n):
        j, t = cases(rules)[i % len(cases(rules))]
        targets = _targets(rules["jurisdictions"][j]["types"][t]["conditions"])
        data: dict = {"applicant": f"天津第{i + 1}号测试孵化机构有限公司"}
        for metric, (typical, whole) in sorted(targets.items()):
            if metric in facts and rng.random() >= P_UNKNOWN:
                data[metric] = _value(facts[metric], typical, rng)
        for metric, (typical, whole) in targets.items():  # a part stays within its whole
            if whole and data.get(metric) is not None and data.get(whole) is not None:
                share = typical / 100 * rng.uniform(0.7, 1.3)
                data[metric] = min(data[whole], round(data[whole] * share))
        out.append((j, t, validate_profile(data, Marks(), f"profile-{i + 1}", rules)))
    return out
