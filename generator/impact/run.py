"""A reform run: one population evaluated under a baseline and a reform policy, per institution
type: verdict counts on both sides, who switches and which conditions made them switch, each
condition's pass rate on both sides, and the same counts by district (所在区).

A side is `DOC_ID@VERSION` (that document at that version, within --policy; its jurisdiction is
the document's) or a policy folder (a revised copy of policy/, evaluated for --jurisdiction).
Conditions of the two sides are paired by id, else by topic (the same metric), so a renamed or
renumbered condition still lines up.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generator.eligibility.rules import export_rules
from generator.errors import InputError
from generator.impact import engine
from generator.impact.population import Population
from generator.model import Policy
from generator.policy import load_policy
from generator.revisions.refs import at_version

PASSING = (engine.MET, engine.NOT_APPLICABLE)  # a condition that does not stand in the way


@dataclass(frozen=True)
class Side:
    label: str
    policy: Policy
    rules: dict
    jurisdiction: str

    @property
    def document(self) -> dict:
        return self.rules["jurisdictions"][self.jurisdiction]["document"]

    def conditions(self, inst_type: str) -> list[dict]:
        spec = self.rules["jurisdictions"][self.jurisdiction]["types"].get(inst_type)
        return spec["conditions"] if spec else []


def resolve_side(ref: str | None, policy_dir: str | Path, jurisdiction: str | None, where: str) -> Side:
    """A side of the comparison; for a policy folder, `jurisdiction` (None: its home jurisdiction)."""
    if ref is None or Path(ref).is_dir():
        folder = policy_dir if ref is None else ref
        policy = load_policy(folder, extra_checks=False)
        rules = export_rules(policy)
        jurisdiction = jurisdiction or policy.home_jurisdiction
        if jurisdiction not in rules["jurisdictions"]:
            raise InputError.single(where, f"{folder}: no document for jurisdiction '{jurisdiction}'; "
                                           f"known: {', '.join(rules['jurisdictions'])}")
        label = str(ref).rstrip("/") if ref else "policy/"
        return Side(label, policy, rules, jurisdiction)
    if "@" not in ref and not ref.strip():
        raise InputError.single(where, "give DOC_ID@VERSION or a policy folder")
    policy, doc_id, version = at_version(load_policy(policy_dir, extra_checks=False), ref, where)
    return Side(ref, policy, export_rules(policy), policy.version(doc_id, version).jurisdiction)


@dataclass(frozen=True)
class TypeRun:
    """Everything about one institution type: arrays per institution and the paired conditions."""
    type: str
    type_name: str
    index: np.ndarray  # positions in the population
    pairs: list  # (baseline condition | None, reform condition | None)
    base: np.ndarray  # statuses (n, pairs) under the baseline; -1 where the side has no such condition
    reform: np.ndarray
    base_verdict: np.ndarray
    reform_verdict: np.ndarray


def run_type(pop: Population, cols: engine.Columns, baseline: Side, reform: Side, inst_type: str) -> TypeRun:
    index = np.array([i for i, inst in enumerate(pop.institutions) if inst.type == inst_type], dtype=int)
    sub = cols.subset(index)
    b_conds, r_conds = baseline.conditions(inst_type), reform.conditions(inst_type)
    pairs = pair_conditions(b_conds, r_conds)
    b_st = engine.evaluate_all(b_conds, sub, baseline.rules["facts"])
    r_st = engine.evaluate_all(r_conds, sub, reform.rules["facts"])
    base = _aligned(b_st, [b_conds.index(b) if b else None for b, _ in pairs], sub.n)
    ref = _aligned(r_st, [r_conds.index(r) if r else None for _, r in pairs], sub.n)
    name = reform.rules["types"].get(inst_type) or baseline.rules["types"][inst_type]
    return TypeRun(inst_type, name, index, pairs, base, ref, engine.verdicts(b_st), engine.verdicts(r_st))


def _aligned(statuses: np.ndarray, positions: list, n: int) -> np.ndarray:
    out = np.full((n, len(positions)), -1, dtype=np.int8)
    for k, pos in enumerate(positions):
        if pos is not None:
            out[:, k] = statuses[:, pos]
    return out


def pair_conditions(a: list[dict], b: list[dict]) -> list[tuple]:
    """Conditions of two sides paired by id, then by topic; in the reform's order, then the
    baseline's unpaired ones."""
    by_id = {c["id"]: c for c in a}
    used: set[str] = set()
    pairs = []
    for c in b:
        match = by_id.get(c["id"]) if c["id"] not in used else None
        if match is None:
            match = next((x for x in a if x["id"] not in used and x["topic"] == c["topic"] and x["id"] not in {y["id"] for y in b}), None)
        if match is not None:
            used.add(match["id"])
        pairs.append((match, c))
    pairs += [(c, None) for c in a if c["id"] not in used]
    return pairs


# --- figures -------------------------------------------------------------------------------------------

def counts(verdict: np.ndarray) -> dict[str, int]:
    found = np.bincount(verdict, minlength=3)
    return {v: int(found[k]) for k, v in enumerate(engine.VERDICTS)}


def switch_reasons(tr: TypeRun, i: int) -> list[int]:
    """Positions (in tr.pairs) of the conditions that made institution i's verdict change: the
    ones whose standing moved the same way as the verdict (met -> not met for a loss, not met ->
    met for a gain; likewise for unknown)."""
    b, r = int(tr.base_verdict[i]), int(tr.reform_verdict[i])
    worse = r > b
    out = []
    for k in range(len(tr.pairs)):
        lb, lr = _level(tr.base[i, k]), _level(tr.reform[i, k])
        if (worse and lr > lb) or (not worse and lr < lb):
            out.append(k)
    return out


def _level(status: int) -> int:
    """How much a status stands in the way: not met 2, unknown 1, otherwise (or absent) 0."""
    return 2 if status == engine.NOT_MET else 1 if status == engine.UNKNOWN else 0


def summary(tr: TypeRun, pop: Population) -> dict:
    """The figures of one type, ready for the report."""
    n = int(tr.index.size)
    switchers = {}
    for b in range(3):
        for r in range(3):
            if b == r:
                continue
            members = np.flatnonzero((tr.base_verdict == b) & (tr.reform_verdict == r))
            if not members.size:
                continue
            tally: dict[int, int] = {}
            for i in members:
                for k in switch_reasons(tr, int(i)):
                    tally[k] = tally.get(k, 0) + 1
            switchers[(engine.VERDICTS[b], engine.VERDICTS[r])] = {
                "count": int(members.size),
                "conditions": [{"pair": k, "count": c} for k, c in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))],
            }
    conditions = []
    for k, (bc, rc) in enumerate(tr.pairs):
        row = {"pair": k, "base_condition": bc, "reform_condition": rc}
        for side, st, cond in (("base", tr.base[:, k], bc), ("reform", tr.reform[:, k], rc)):
            if cond is None or cond["kind"] == "evidence":
                row[side] = None
                continue
            row[side] = {s: int((st == code).sum()) for code, s in enumerate(engine.STATUSES)}
            row[side]["pass"] = int(np.isin(st, PASSING).sum())
            row[side]["rate"] = row[side]["pass"] / n if n else 0.0
        conditions.append(row)
    districts: dict[str, dict] = {}
    for pos, i in enumerate(tr.index):
        d = pop.institutions[i].district
        if d is None:
            continue
        entry = districts.setdefault(d, {"n": 0, "base": [0, 0, 0], "reform": [0, 0, 0]})
        entry["n"] += 1
        entry["base"][tr.base_verdict[pos]] += 1
        entry["reform"][tr.reform_verdict[pos]] += 1
    return {"type": tr.type, "type_name": tr.type_name, "n": n,
            "base": counts(tr.base_verdict), "reform": counts(tr.reform_verdict),
            "switchers": switchers, "conditions": conditions,
            "districts": {d: districts[d] for d in sorted(districts, key=lambda d: (-districts[d]["n"], d))}}
