"""Context pieces shared by the document generators, built on the eligibility rule export (so a
requirement reads the same in `fuhua check`, the site and the forms)."""
from __future__ import annotations

from generator.eligibility.rules import export_rules
from generator.model import Policy, Version


def document(policy: Policy, v: Version) -> dict:
    return {"id": v.doc_id, "title": v.title, "short_title": policy.documents[v.doc_id].short_title,
            "number": v.number, "status": v.meta.get("status"), "issuer": v.meta.get("issuer"),
            "jurisdiction": v.jurisdiction}


def cited(v: Version, rule: dict) -> dict:
    """A rule with the citation of its provision added."""
    return {**rule, "citation": v.citation(rule["provision"])}


def procedure(v: Version, proc_id: str) -> dict:
    proc = v.rules["procedures"][proc_id]
    steps = [cited(v, s) for s in proc["steps"]]
    applicant = steps[0]["actor"] if "申报机构" in steps[0]["actor"] else None
    recommender = next(s for s in steps if s["actor"] != applicant)
    publicity = next((s for s in steps if "公示" in s["quote"]), steps[-1])
    return {**cited(v, proc), "steps": steps, "recommender": recommender, "publicity": publicity,
            "confirmed_as": publicity["produces"].removesuffix("名单")}


def type_context(policy: Policy, v: Version, inst_type: str, exported: dict | None = None) -> dict:
    """Everything the forms and checklists say about one institution type."""
    exported = exported or export_rules(policy)
    facts = exported["facts"]
    spec = v.rules["institution_types"][inst_type]
    conditions = exported["jurisdictions"][v.jurisdiction]["types"][inst_type]["conditions"]
    for c in conditions:
        c["applies_if_label"] = facts[c["applies_if"]["metric"]]["short"] if c.get("applies_if") else None
    return {
        "id": inst_type,
        "name": policy.type_name(inst_type),
        "recognised_as": spec["recognised_as"],
        "definition": cited(v, {"provision": spec["defined_in"], "text": v.provisions[spec["defined_in"]].text}),
        "conditions_in": v.citation(spec["conditions_in"]),
        "conditions": conditions,
        "metrics": metrics_of(conditions, facts),
        "materials": materials_of(conditions),
        "procedure": procedure(v, spec["procedure"]) if spec.get("procedure") else None,
    }


def metrics_of(conditions: list[dict], facts: dict) -> list[dict]:
    """The facts a type's conditions read, once each, in condition order (for 基本情况表)."""
    seen: dict[str, dict] = {}
    for c in conditions:
        for m in (c.get("metric"), (c.get("per") or {}).get("metric"), c.get("of"), *c.get("metrics", []),
                  (c.get("applies_if") or {}).get("metric")):
            if m and m not in seen:
                seen[m] = {"id": m, **facts[m]}
    return list(seen.values())


def materials_of(conditions: list[dict]) -> list[dict]:
    """Every material once, with the conditions it proves."""
    out: dict[str, dict] = {}
    for c in conditions:
        for m in c["materials"]:
            entry = out.setdefault(m["id"], {**m, "proves": []})
            entry["proves"].append(c)
    for entry in out.values():  # a material needed only under a condition (lease contract if rented)
        ifs = {c.get("applies_if_label") for c in entry["proves"]}
        entry["only_if"] = next(iter(ifs)) if len(ifs) == 1 else None
    return list(out.values())


def sanctions(v: Version) -> dict:
    return {s["id"]: cited(v, s) for s in v.rules.get("sanctions", [])}


def obligations(v: Version) -> dict:
    return {o["id"]: cited(v, o) for o in v.rules.get("obligations", [])}


def calendar_years(metrics: list[dict], year: int) -> dict[str, list[int]]:
    """Per yearly metric, the calendar years it covers: the last N full years before `year` (the
    application or report year), oldest first, as a profile's series are."""
    return {m["id"]: list(range(year - m["years"], year)) for m in metrics if m.get("years")}
