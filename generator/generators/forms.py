"""Contexts for the 申报书 (application form) and the 申报材料清单/自查表 of each institution type.

The form's 条件对照表 has one row per provision (项) holding conditions, with the provision's whole
text; its 附表 come from templates/forms/schedules.yaml; its years are calendar years counted back
from the application year (the build date). Every applicant field carries a stable tag (see
generator/generators/fill.py, which fills them from a profile).
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from generator import TEMPLATES_DIR
from generator.clock import build_date
from generator.eligibility.rules import export_rules
from generator.generators import context
from generator.model import Policy
from generator.yamlio import load_file

def form_context(policy: Policy, inst_type: str, exported: dict | None = None, today: dt.date | None = None) -> dict:
    v = policy.home  # the forms are the home jurisdiction's
    exported = exported or export_rules(policy)
    t = context.type_context(policy, v, inst_type, exported)
    year = build_date(today).year
    derived = exported["jurisdictions"][v.jurisdiction]["derived"]
    return {
        "doc": context.document(policy, v),
        "type": t,
        "facts": exported["facts"],
        "sanctions": context.sanctions(v),
        "year": year,
        "years": context.calendar_years(t["metrics"], year),
        "items": provision_rows(v, t["conditions"]),
        "schedules": schedules(t, exported["facts"], derived, year),
    }


def provision_rows(v, conditions: list[dict]) -> list[dict]:
    """The conditions grouped by the provision they rest on, each with the provision's whole text
    (an item's full words; an article's own lead words), in order of first appearance."""
    rows: dict[str, dict] = {}
    for c in conditions:
        p = v.provisions[c["provision"]]
        words = p.own_text if p.kind in ("article", "part") else p.full_text
        rows.setdefault(c["provision"], {"citation": c["citation"], "text": words, "conditions": []})["conditions"].append(c)
    return list(rows.values())


@lru_cache(maxsize=4)
def _schedule_specs(path: str, mtime: float) -> list[dict]:
    data, _ = load_file(path)
    return data


def schedule_specs() -> list[dict]:
    path = TEMPLATES_DIR / "forms" / "schedules.yaml"
    return _schedule_specs(str(path), path.stat().st_mtime)


def schedules(t: dict, facts: dict, derived: dict, year: int) -> list[dict]:
    """The 附表 this type's conditions call for, with their columns and calendar years."""
    read = {m["id"] for m in t["metrics"]}
    out = []
    for spec in schedule_specs():
        if not read & set(spec["when"]):
            continue
        definition = derived.get(spec.get("definition", ""))
        criteria = [{**c, "label": facts[c["metric"]]["short"], "unit": facts[c["metric"]].get("unit")}
                    for c in (definition or {}).get("criteria", [])]
        years = [facts[m]["years"] for m in spec["when"] if m in read and facts[m].get("years")]
        tables = [{"year": y} for y in range(year - max(years), year)] if spec.get("by_year") and years else [{"year": None}]
        out.append({"note": None, "by_year": False, **spec, "key": spec.get("definition") or f"s{len(out) + 1}", "definition": definition,
                    "criteria": criteria, "tables": tables, "by_year": bool(spec.get("by_year"))})
    return out


def types(policy: Policy) -> list[str]:
    v = policy.home
    return [t for t in v.institution_types if v.conditions(t)]
