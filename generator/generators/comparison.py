"""The national guideline's and Tianjin's accelerator conditions side by side: which is stricter,
and what each has that the other lacks. Conditions pair up by topic (the same metric, or for
qualitative conditions the same words), as in the eligibility rule export."""
from __future__ import annotations

from generator.eligibility.rules import export_rules
from generator.generators import context
from generator.model import Policy

INST_TYPE = "accelerator"
SIDES = ("national", "tianjin")


def verdict(a: dict | None, b: dict | None) -> str:
    """How condition a (national) compares with b (Tianjin): national_only, tianjin_only, same,
    national_stricter, tianjin_stricter, or different (not comparable on one scale)."""
    if a is None or b is None:
        return "national_only" if b is None else "tianjin_only"
    if a["kind"] != b["kind"]:
        return "different"
    if a["kind"] in ("evidence", "boolean"):
        same = a.get("quote") == b.get("quote") if a["kind"] == "evidence" else a.get("expected") == b.get("expected")
        return "same" if same else "different"
    if a.get("comparator") != b.get("comparator") or a.get("unit") != b.get("unit") or a.get("per") != b.get("per") \
            or (a.get("period") or {}).get("name") != (b.get("period") or {}).get("name"):
        return "different"
    keys = [(a["value"], b["value"])] + ([(a["at_least"], b["at_least"])] if a["kind"] == "growth" else [])
    upward = a["comparator"] in (">=", ">")
    signs = {(x > y) - (x < y) for x, y in keys}
    signs.discard(0)
    if not signs:
        return "same"
    if len(signs) > 1:
        return "different"
    national_higher = signs.pop() > 0
    return "national_stricter" if national_higher == upward else "tianjin_stricter"


def comparison_context(policy: Policy, exported: dict | None = None) -> dict:
    exported = exported or export_rules(policy)
    docs, conds = {}, {}
    for side in SIDES:
        v = policy.by_jurisdiction(side)
        docs[side] = context.document(policy, v)
        docs[side]["conditions_in"] = v.citation(v.rules["institution_types"][INST_TYPE]["conditions_in"])
        conds[side] = exported["jurisdictions"][side]["types"][INST_TYPE]["conditions"]
    topics: dict[str, dict] = {}
    for side in SIDES:
        for c in conds[side]:
            row = topics.setdefault(c["topic"], {"label": c["topic_label"], "national": None, "tianjin": None})
            row[side] = c
    rows = [{**row, "verdict": verdict(row["national"], row["tianjin"])} for row in topics.values()]
    counts = {k: sum(r["verdict"] == k for r in rows)
              for k in ("same", "national_stricter", "tianjin_stricter", "different", "national_only", "tianjin_only")}
    return {"docs": docs, "rows": rows, "counts": counts, "type_name": policy.type_name(INST_TYPE)}
