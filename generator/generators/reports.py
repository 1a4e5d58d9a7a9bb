"""Periodic report forms: for each duty the home measure marks `role: periodic_report` (e.g. an
accelerator's 季度、年度报告), one form per period it names, with that type's conditions to report on
and the duty marked `role: change_report`."""
from __future__ import annotations

import datetime as dt

from generator.clock import build_date
from generator.eligibility.rules import export_rules
from generator.generators import context
from generator.model import Policy
from generator.ruleset import Obligation


def report_duties(policy: Policy) -> list[Obligation]:
    """The home measure's periodic report duties, in the order it lists them."""
    return [o for o in policy.home.rules.obligations.values() if o.role == "periodic_report"]


def report_context(policy: Policy, duty: Obligation, period: str, exported: dict | None = None,
                   today: dt.date | None = None) -> dict:
    v = policy.home
    exported = exported or export_rules(policy)
    duties = context.obligations(v)
    change = next((o.id for o in v.rules.obligations.values() if o.role == "change_report"), None)
    t = context.type_context(policy, v, duty.institution_type, exported)
    return {
        "doc": context.document(policy, v),
        "period": period,
        "annual": period == duty.periods[-1],
        "obligation": duties[duty.id],
        "change_report": duties.get(change),
        "type": t,
        "facts": exported["facts"],
        "years": context.calendar_years(t["metrics"], build_date(today).year),
    }
