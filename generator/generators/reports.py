"""The accelerator's periodic report forms (第二十一条第二款): one form per period the obligation
names (季度, 年度), with the accelerator conditions to report on and the change-report duty."""
from __future__ import annotations

import datetime as dt

from generator.clock import build_date
from generator.eligibility.rules import export_rules
from generator.generators import context
from generator.model import Policy

INST_TYPE = "accelerator"
OBLIGATION = "accelerator_reports"


def report_periods(policy: Policy) -> list[str]:
    """The reporting periods of the home measure's report duty; none when it sets no such duty."""
    duty = policy.home.rules.obligations.get(OBLIGATION)
    return list(duty.periods) if duty is not None else []


def report_context(policy: Policy, period: str, exported: dict | None = None, today: dt.date | None = None) -> dict:
    v = policy.home
    exported = exported or export_rules(policy)
    duties = context.obligations(v)
    t = context.type_context(policy, v, INST_TYPE, exported)
    return {
        "doc": context.document(policy, v),
        "period": period,
        "annual": period == report_periods(policy)[-1],
        "obligation": duties[OBLIGATION],
        "change_report": duties.get("change_report"),
        "type": t,
        "facts": exported["facts"],
        "years": context.calendar_years(t["metrics"], build_date(today).year),
    }
