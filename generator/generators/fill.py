"""`fuhua fill`: the application form pre-filled from a profile. What goes in each tagged field:

    applicant                 the profile's applicant
    fact:<metric>[:<i>]       the profile's fact (the i-th year of a yearly fact, oldest first)
    actual:<condition>        the self-check's actual value ("N平方米", "A ÷ B = …")
    status:<condition>        the self-check's status beside the condition (符合 / 不符合：还差… / …)
    row:<metric>:<r>:name     the r-th firm of the profile's `firms` that gives a fact of the
    row:<metric>:<r>:<fact>   definition counted into <metric> (在孵企业, 毕业企业); a list longer
                              than the blank table gets rows added (rows_needed), none is dropped

Every other field stays blank for the applicant. formfill.js (generator/eligibility/) is the
browser twin of value_of; tests/test_fill.py keeps the two in step.
"""
from __future__ import annotations

from generator.render.fields import fill_fields


def value_of(tag: str, profile: dict, result: dict, rules: dict, jurisdiction: str):
    parts = tag.split(":")
    kind = parts[0]
    if kind == "applicant":
        return profile.get("applicant")
    if kind == "fact":
        value = profile.get(parts[1])
        if len(parts) > 2 and isinstance(value, list):
            i = int(parts[2])
            return value[i] if i < len(value) else None
        return None if isinstance(value, list) else value
    if kind in ("actual", "status"):
        c = next((c for c in result["conditions"] if c["id"] == parts[1]), None)
        if c is None:
            return None
        if kind == "actual":
            return c["actual"]
        return c["status_text"] + ("：" + c["gap"] if c["gap"] else "")
    if kind == "row":
        firms = listed_firms(parts[1], profile, rules, jurisdiction)
        if firms is None:
            return None
        r = int(parts[2])
        if r >= len(firms):
            return None
        return firms[r].get(parts[3])
    return None


def listed_firms(metric: str, profile: dict, rules: dict, jurisdiction: str) -> list[dict] | None:
    """The profile's firms that give a fact of the definition counted into `metric`, in order."""
    derived = rules["jurisdictions"][jurisdiction]["derived"].get(metric)
    if derived is None:
        return None
    keys = [c["metric"] for c in derived["criteria"]]
    return [f for f in profile.get("firms") or [] if any(k in f for k in keys)]


def rows_needed(profile: dict, rules: dict, jurisdiction: str) -> dict[str, int]:
    """Per firm list (row:<metric>), the rows it fills."""
    return {m: len(listed_firms(m, profile, rules, jurisdiction)) for m in rules["jurisdictions"][jurisdiction]["derived"]}


def fill_form(form: bytes, profile: dict, result: dict, rules: dict, jurisdiction: str) -> bytes:
    return fill_fields(form, lambda tag, current: value_of(tag, profile, result, rules, jurisdiction),
                       rows_needed(profile, rules, jurisdiction))
