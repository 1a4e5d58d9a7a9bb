"""A type's conditions in a reference document (the national guideline) and in the home
jurisdiction's measure — the first type, in the vocabulary's order, that both set conditions for — side by side: which is stricter, and what each has that the other lacks.
Conditions pair up by topic (the same metric, or for qualitative conditions the same words), as
in the eligibility rule export. Verdicts (strictness.VERDICTS) are from the local measure's side.

A quantitative condition one side has and the other lacks is "unquantified" on the other side, not
absent, when that side states it only in words: an evidence condition whose `about` names the same
metric, among the type's own conditions or those of a type it must already be (a prerequisite's
`institution_type`, e.g. an accelerator that must first be a recognised incubator)."""
from __future__ import annotations

from generator.eligibility.rules import export_rules
from generator.generators import context
from generator.model import Policy, Version
from generator.strictness import verdict as bound_verdict

SIDES = ("reference", "local")
COUNTS = ("same", "looser", "stricter", "different", "reference_only", "local_only", "reference_unquantified", "local_unquantified")


def verdict(local: dict | None, reference: dict | None) -> str:
    """How an exported condition of the local measure compares with the reference's on the same topic."""
    if local is None or reference is None:
        return "only-in-one"
    if local["kind"] != reference["kind"]:
        return "different"
    if local["kind"] in ("evidence", "boolean"):
        key = "quote" if local["kind"] == "evidence" else "expected"
        return "same" if local.get(key) == reference.get(key) else "different"
    if any(local.get(k) != reference.get(k) for k in ("comparator", "unit", "per")) \
            or (local.get("period") or {}).get("name") != (reference.get("period") or {}).get("name"):
        return "different"
    keys = ("value", "at_least") if local["kind"] == "growth" else ("value",)
    return bound_verdict(local["comparator"], tuple(local[k] for k in keys), reference["comparator"], tuple(reference[k] for k in keys))


def compared_type(policy: Policy) -> str | None:
    """The first institution type (vocabulary order) that the home measure and a reference document
    both set conditions for; None when there is none."""
    return next((t for t in policy.vocabulary["institution_types"]
                 if policy.home.conditions(t) and any(v.conditions(t) for v in policy.references())), None)


def sides(policy: Policy) -> dict[str, Version] | None:
    """The home measure and the first reference document that sets conditions for the compared
    type; None when there is no such type (a workspace with one document has nothing to compare)."""
    t = compared_type(policy)
    return None if t is None else _sides(policy, t)


def _sides(policy: Policy, inst_type: str) -> dict[str, Version]:
    return {"reference": next(v for v in policy.references() if v.conditions(inst_type)), "local": policy.home}


def report_name(policy: Policy) -> str:
    """The comparison report's path in the build, without suffix."""
    return f"reports/{compared_type(policy)}-comparison"


def qualitative(v: Version, inst_type: str, metric: str, exported: dict) -> dict | None:
    """The evidence condition by which `v` states `metric` for the type only in words:
    {"condition": exported condition, "via": the exported prerequisite that brings it in, or None}."""
    types = exported["jurisdictions"][v.jurisdiction]["types"]
    queue, seen = [(inst_type, None)], set()
    while queue:
        t, via = queue.pop(0)
        if t in seen or t not in types:
            continue
        seen.add(t)
        by_id = {c["id"]: c for c in types[t]["conditions"]}
        for cond in v.conditions(t):
            if cond.kind == "evidence" and cond.about == metric:
                return {"condition": by_id[cond.id], "via": via}
            if cond.prerequisite and cond.institution_type:
                queue.append((cond.institution_type, via or by_id[cond.id]))
    return None


def comparison_context(policy: Policy, exported: dict | None = None) -> dict:
    exported = exported or export_rules(policy)
    inst_type = compared_type(policy)
    versions = _sides(policy, inst_type)
    docs, conds = {}, {}
    for side, v in versions.items():
        docs[side] = {**context.document(policy, v), "conditions_in": v.citation(v.rules.institution_types[inst_type].conditions_in)}
        conds[side] = exported["jurisdictions"][v.jurisdiction]["types"][inst_type]["conditions"]
    topics: dict[str, dict] = {}
    for side in SIDES:
        for c in conds[side]:
            row = topics.setdefault(c["topic"], {"label": c["topic_label"], "reference": None, "local": None})
            row[side] = c
    rows = []
    for row in topics.values():
        v = verdict(row["local"], row["reference"])
        only = None if v != "only-in-one" else "reference" if row["local"] is None else "local"
        words, key = None, v
        if only:
            present, other = row[only], ("local" if only == "reference" else "reference")
            if present["kind"] != "evidence" and present.get("metric"):
                words = qualitative(versions[other], inst_type, present["metric"], exported)
            key = f"{other}_unquantified" if words else f"{only}_only"
        rows.append({**row, "verdict": v, "only": only, "words": words, "key": key})
    counts = {k: sum(r["key"] == k for r in rows) for k in COUNTS}
    return {"docs": docs, "rows": rows, "counts": counts, "type_name": policy.type_name(inst_type)}
