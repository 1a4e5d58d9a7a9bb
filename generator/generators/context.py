"""Context pieces shared by the document generators, built on the eligibility rule export (so a
requirement reads the same in `fuhua check`, the site and the forms).

Contexts are new plain data built from the model and the export; nothing here writes into either
(the export is shared by every target of a build, so a write would make output order-dependent).
"""
from __future__ import annotations

from generator.eligibility.rules import export_rules
from generator.frozen import thaw
from generator.model import Policy, Version
from generator.ruleset import Sourced


def document(policy: Policy, v: Version) -> dict:
    return {"id": v.doc_id, "title": v.title, "name": policy.documents[v.doc_id].name_of(v), "cited_title": v.cited_title,
            "draft_status": v.draft_status,
            "number": v.number, "status": v.status, "issuer": v.issuer,
            "jurisdiction": v.jurisdiction, "jurisdiction_name": policy.project["jurisdictions"][v.jurisdiction]["name"]}


def cited(record: Sourced) -> dict:
    """A rule as a template reads it: its YAML fields and the citation of its provision."""
    return {**thaw(record.source), "citation": record.citation}


def procedure(v: Version, proc_id: str) -> dict:
    """A procedure with its steps, and the steps the forms and notices name by role."""
    proc = v.rules.procedures[proc_id]
    steps = [cited(s) for s in proc.steps]
    by_role = {s.role: step for s, step in zip(proc.steps, steps)}
    publicity = by_role.get("publicity")
    # the body whose opinion the form asks for: the recommending step, else the one the application goes to
    recommender = by_role.get("recommendation") or next((step for s, step in zip(proc.steps, steps) if s.role != "application"), None)
    return {**cited(proc), "steps": steps, "recommender": recommender, "publicity": publicity,
            "confirmed_as": proc.step("publicity").confirms if publicity else None}


def type_context(policy: Policy, v: Version, inst_type: str, exported: dict | None = None) -> dict:
    """Everything the forms and checklists say about one institution type."""
    exported = exported or export_rules(policy)
    facts = exported["facts"]
    spec = v.rules.institution_types[inst_type]
    exported_conditions = exported["jurisdictions"][v.jurisdiction]["types"][inst_type]["conditions"]
    conditions = [{**thaw(c), "applies_if_label": facts[c["applies_if"]["metric"]]["short"] if c.get("applies_if") else None}
                  for c in exported_conditions]
    return {
        "id": inst_type,
        "name": policy.type_name(inst_type),
        "recognised_as": spec.recognised_as,
        "definition": {"provision": spec.defined_in, "text": v.provisions[spec.defined_in].text, "citation": v.citation(spec.defined_in)},
        "conditions_in": v.citation(spec.conditions_in),
        "conditions": conditions,
        "metrics": metrics_of(v.conditions(inst_type), facts),
        "materials": materials_of(conditions),
        "procedure": procedure(v, spec.procedure) if spec.procedure else None,
    }


def metrics_of(conditions, facts: dict) -> list[dict]:
    """The facts a type's conditions read, once each, in condition order (for 基本情况表)."""
    seen: dict[str, dict] = {}
    for c in conditions:
        for m in c.metrics_read:
            seen.setdefault(m, {"id": m, **thaw(facts[m])})
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
    return {k: cited(s) for k, s in v.rules.sanctions.items()}


def obligations(v: Version) -> dict:
    return {k: cited(o) for k, o in v.rules.obligations.items()}


def calendar_years(metrics: list[dict], year: int) -> dict[str, list[int]]:
    """Per yearly metric, the calendar years it covers: the last N full years before `year` (the
    application or report year), oldest first, as a profile's series are."""
    return {m["id"]: list(range(year - m["years"], year)) for m in metrics if m.get("years")}
