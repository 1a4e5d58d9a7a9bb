"""Contexts for the 申报书 (application form) and the 申报材料清单/自查表 of each institution type."""
from __future__ import annotations

from generator.eligibility.rules import export_rules
from generator.generators import context
from generator.model import Policy

JURISDICTION = "tianjin"  # the forms are the municipal bureau's


def form_context(policy: Policy, inst_type: str, exported: dict | None = None) -> dict:
    v = policy.by_jurisdiction(JURISDICTION)
    exported = exported or export_rules(policy)
    return {
        "doc": context.document(policy, v),
        "type": context.type_context(policy, v, inst_type, exported),
        "facts": exported["facts"],
        "sanctions": context.sanctions(v),
    }


def types(policy: Policy) -> list[str]:
    v = policy.by_jurisdiction(JURISDICTION)
    return [t for t in v.institution_types if v.conditions(t)]
