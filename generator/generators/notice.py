"""公示 (public notice) of the institutions proposed for recognition or filing.

Input (YAML; see examples/notice.yaml):

    publish_date: "2025-06-03"      # first day of the notice
    working_days: 5                 # 公示期, in working days
    issuer: 天津市科学技术局          # optional; default: the measures' issuer
    contact: {unit: …, person: …, phone: …, address: …, email: …}
    institutions:                   # a list, or the name of a CSV file next to this one
      - {name: …, type: incubator, district: 滨海新区, operator: …}
    attachments: [名称, …]           # optional: the 附件说明 below the body

The end of the 公示期 is counted on the mainland holiday calendar (chinesecalendar); a year that
calendar does not cover is an error, never a silent weekday count.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import chinese_calendar

from generator.generators import context
from generator.generators.inputs import Reader, load_mapping, read_rows, text_value
from generator.model import Policy

KEYS = {
    "publish_date": "first day of the notice, YYYY-MM-DD",
    "working_days": "length of the 公示期 in working days",
    "issuer": "the issuing bureau",
    "contact": "contact lines: unit, person, phone, address, email",
    "institutions": "the list, or a CSV file name",
    "attachments": "names of the attachments (附件说明), optional",
}
COLUMNS = {"name": ("名称", "机构名称"), "type": ("类型", "机构类型"), "district": ("所在区",), "operator": ("运营主体",)}
COLUMN_LABELS = {"name": "institution name", "type": "institution type", "district": "district", "operator": "operating entity"}
CONTACT_KEYS = ("unit", "person", "phone", "address", "email")


class CalendarNotCovered(ValueError):
    pass


def working_day_end(start: dt.date, days: int) -> tuple[dt.date, dt.date]:
    """(first, last) working day of a period of `days` working days beginning on or after `start`."""
    day, counted, first = start, 0, None
    while True:
        try:
            workday = chinese_calendar.is_workday(day)
        except NotImplementedError as exc:
            raise CalendarNotCovered(f"the holiday calendar (chinesecalendar {chinese_calendar.__version__}) has no data for "
                                     f"{day.year} ({exc}); update the package, or choose a covered date") from None
        if workday:
            counted += 1
            first = first or day
            if counted == days:
                return first, day
        day += dt.timedelta(days=1)


def type_lookup(policy: Policy) -> dict[str, str]:
    """Every accepted spelling of a type -> its id: makerspace, 众创空间, 市级众创空间."""
    out = {}
    for t, spec in policy.home.rules.institution_types.items():
        out[t] = t
        out[policy.type_name(t)] = t
        out[spec.recognised_as] = t
    return out


def read_notice(path: Path, policy: Policy) -> dict:
    data, reader = load_mapping(path, KEYS, ("publish_date", "working_days", "contact", "institutions"))
    reader.raise_if_any()
    start = _date(reader, data.get("publish_date"))
    days = data.get("working_days")
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        reader.add(("working_days",), f"working_days: expected a whole number of days ≥ 1, got {days!r}")
        days = None
    issuer = text_value(reader, ("issuer",), data.get("issuer"), "issuer", required=False)
    attachments = _attachments(reader, data.get("attachments"))
    contact = _contact(reader, data.get("contact"))
    institutions = _institutions(reader, data.get("institutions"), policy)
    period = None
    if start and days:
        try:
            period = working_day_end(start, days)
        except CalendarNotCovered as exc:
            reader.add(("publish_date",), f"publish_date: cannot count {days} working days from {start}: {exc}")
    reader.raise_if_any()
    return {"start": period[0], "end": period[1], "published": start, "working_days": days, "issuer": issuer,
            "contact": contact, "institutions": institutions, "attachments": attachments}


def _attachments(reader: Reader, value) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        reader.add(("attachments",), "attachments: expected a list of attachment names")
        return []
    return [text_value(reader, ("attachments", i), a, "attachment") for i, a in enumerate(value)]


def _date(reader: Reader, value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        reader.add(("publish_date",), f"publish_date: {value!r} is not a date (YYYY-MM-DD)")
        return None


def _contact(reader: Reader, value) -> dict:
    if not isinstance(value, dict):
        reader.add(("contact",), "contact: expected a mapping with " + ", ".join(CONTACT_KEYS))
        return {}
    for k in value:
        if k not in CONTACT_KEYS:
            reader.add(("contact", k), f"contact: unknown key '{k}' (allowed: {', '.join(CONTACT_KEYS)})")
    out = {k: text_value(reader, ("contact", k), value.get(k), k, required=k in ("unit", "phone")) for k in CONTACT_KEYS}
    return out


def _institutions(reader: Reader, value, policy: Policy) -> list[dict]:
    rows, src = read_rows(reader, value, "institutions", COLUMNS)
    if not rows and not reader.problems:
        reader.add(("institutions",), "institutions: the list is empty; a notice needs at least one institution", None)
    lookup = type_lookup(policy)
    out, seen = [], {}
    for i, row in enumerate(rows):
        item = {k: text_value(reader, ("institutions", i, k), row.get(k), COLUMN_LABELS[k], src=src) for k in COLUMNS}
        if item["type"] and item["type"] not in lookup:
            reader.add(("institutions", i, "type"), f"institutions.{i}.type: unknown institution type '{item['type']}' "
                       f"(use one of {', '.join(sorted(set(lookup.values())))} or their Chinese names)", src)
        elif item["type"]:
            item["type"] = lookup[item["type"]]
        if item["name"] and item["name"] in seen:
            reader.add(("institutions", i, "name"), f"institutions.{i}.name: '{item['name']}' is listed twice (also row {seen[item['name']] + 1})", src)
        seen.setdefault(item["name"], i)
        out.append(item)
    return out


def notice_context(policy: Policy, notice: dict) -> dict:
    v = policy.home
    doc = context.document(policy, v)
    groups = []
    for t, spec in v.rules.institution_types.items():
        members = [i for i in notice["institutions"] if i["type"] == t]
        if members:
            groups.append({"id": t, "recognised_as": spec.recognised_as,
                           "procedure": context.procedure(v, spec.procedure), "institutions": members})
    return {"doc": doc, "notice": {**notice, "issuer": notice["issuer"] or doc["issuer"]}, "groups": groups,
            "count": len(notice["institutions"])}


def build_notice(policy: Policy, path: Path) -> dict:
    """Read and check the input, then return the template context. Raises InputError."""
    return notice_context(policy, read_notice(path, policy))
