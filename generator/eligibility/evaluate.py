"""Evaluate a (validated) profile against the exported rules of one type and jurisdiction.

selfcheck.js is the same algorithm in JavaScript, step for step; tests/test_eligibility_js.py
runs both over every test profile and compares the results.
"""
from __future__ import annotations

from generator.eligibility.arith import ceil_div, compare, fill, fmt, holds

STATUS_ORDER = ("not_met", "unknown", "evidence", "met", "not_applicable")


def evaluate(rules: dict, inst_type: str, jurisdiction: str, profile: dict) -> dict:
    j = rules["jurisdictions"][jurisdiction]
    spec = j["types"][inst_type]
    ph = rules["phrases"]
    values, derived, reasons = resolve_facts(rules, j, profile)
    conditions = [evaluate_condition(c, values, reasons, rules) for c in spec["conditions"]]
    statuses = [c["status"] for c in conditions]
    verdict = "not_eligible" if "not_met" in statuses else "undetermined" if "unknown" in statuses else "eligible"
    return {
        "type": inst_type, "type_name": spec["name"], "recognised_as": spec["recognised_as"],
        "jurisdiction": jurisdiction, "document": j["document"], "conditions_in": spec["conditions_in"],
        "applicant": profile.get("applicant"),
        "verdict": verdict, "verdict_text": ph["verdict"][verdict],
        "counts": {s: statuses.count(s) for s in STATUS_ORDER},
        "derived": derived,
        "conditions": conditions,
        "materials": materials(conditions),
    }


def resolve_facts(rules: dict, j: dict, profile: dict) -> tuple[dict, list, dict]:
    """The profile's facts, plus counts derived from its firm list where the profile gives none.
    Returns (values, notes on derived counts, reasons why a fact stays unknown)."""
    facts = rules["facts"]
    values = {k: _double(v) for k, v in profile.items() if k in facts and v is not None}
    derived, reasons = [], {}
    if profile.get("firms") is None:
        return values, derived, reasons
    ph = rules["phrases"]
    for metric, d in j["derived"].items():
        if metric in values:
            continue
        count, undetermined = count_firms(d, profile["firms"], facts, ph)
        if undetermined:
            reasons[metric] = ph["clause_sep"].join(undetermined)
            continue
        values[metric] = count
        text = fill(ph["derived"], citation=d["citation"], term=d["term"], value=fmt(count) + facts[metric].get("unit", ""))
        derived.append({"metric": metric, "value": count, "text": text})
    return values, derived, reasons


def _double(v):
    """Numbers as IEEE doubles, the only numbers selfcheck.js has: products of large whole numbers
    then round alike in both evaluators (Python's exact int arithmetic would not)."""
    if isinstance(v, list):
        return [_double(x) for x in v]
    return float(v) if isinstance(v, int) and not isinstance(v, bool) else v


def count_firms(d: dict, firms: list, facts: dict, ph: dict) -> tuple[int, list]:
    """How many firms meet the definition (mode all / any); and, for each firm that cannot be
    decided, which of its facts are missing."""
    count, undetermined = 0, []
    for n, firm in enumerate(firms, start=1):
        results = [_criterion(c, firm) for c in d["criteria"]]
        if d["mode"] == "all":
            decided = False if False in results else True if None not in results else None
        else:
            decided = True if True in results else False if None not in results else None
        if decided is None:
            labels = [facts[c["metric"]]["short"] for c, r in zip(d["criteria"], results) if r is None]
            undetermined.append(fill(ph["firm_missing"], n=n, name=firm.get("name") or "", labels=ph["list_sep"].join(labels)))
        elif decided:
            count += 1
    return count, undetermined


def _criterion(c: dict, firm: dict):
    v = firm.get(c["metric"])
    if v is None:
        return None
    if c["kind"] == "boolean":
        return v == c["expected"]
    return holds(v, c["comparator"], c["value"])


def evaluate_condition(c: dict, values: dict, reasons: dict, rules: dict) -> dict:
    facts, ph = rules["facts"], rules["phrases"]
    out = {key: c[key] for key in ("id", "citation", "provision", "quote", "kind", "prerequisite", "requirement", "topic",
                                   "topic_label", "materials")}
    out.update(status=None, status_text=None, actual=None, gap=None, missing=[], reasons=[], evidence=c.get("evidence"),
               note=c.get("note"), when=None, action=None)
    out.update(KINDS[c["kind"]](c, values, facts, ph))
    applies = c.get("applies_if")
    if applies:
        fact = applies["metric"]
        if fact not in values:
            out["when"] = fill(ph["when"], label=facts[fact]["short"])
            if out["status"] != "met":
                out.update(status="unknown", gap=None, missing=[fact] + out["missing"])
        elif values[fact] != applies["equals"]:
            actual = fill(ph["fact_value"], label=facts[fact]["short"], value=ph["yes"] if values[fact] else ph["no"])
            out.update(status="not_applicable", actual=actual, gap=None, missing=[], reasons=[], materials=[])
    out["reasons"] += [reasons[m] for m in out["missing"] if m in reasons]
    out["status_text"] = ph["status"][out["status"]]
    out["action"] = _action(out, facts, ph)
    return out


def _gap(comparator: str, actual: float, target: float, unit: str, ph: dict) -> str:
    if comparator == ">=":
        return fill(ph["gap"][">="], d=fmt(target - actual, "up") + unit)
    if comparator == "<=":
        return fill(ph["gap"]["<="], d=fmt(actual - target, "up") + unit)
    return fill(ph["gap"][comparator], target=fmt(target) + unit, actual=fmt(actual) + unit)


def _missing(*metrics: str, values: dict) -> dict | None:
    absent = [m for m in metrics if m not in values]
    return {"status": "unknown", "missing": absent} if absent else None


def _threshold(c, values, facts, ph):
    """One figure against the value; a yearly series (近2年每年) year by year, each year must hold."""
    if unknown := _missing(c["metric"], values=values):
        return unknown
    v, op, target, unit = values[c["metric"]], c["comparator"], c["value"], c["unit"]
    if facts[c["metric"]]["type"] != "series":
        ok = holds(v, op, target)
        gap_unit = ph["points"] if facts[c["metric"]]["percent"] else unit
        return {"status": "met" if ok else "not_met", "actual": fmt(v) + unit, "gap": None if ok else _gap(op, v, target, gap_unit, ph)}
    actual = ph["list_sep"].join(fill(ph["year_value"], n=n, value=fmt(x) + unit) for n, x in enumerate(v, start=1))
    gaps = [fill(ph["gap_year"], n=n, gap=_gap(op, x, target, unit, ph)) for n, x in enumerate(v, start=1) if not holds(x, op, target)]
    return {"status": "not_met" if gaps else "met", "actual": actual, "gap": ph["list_sep"].join(gaps) or None}


def _ratio(c, values, facts, ph):
    per = c["per"]
    if unknown := _missing(c["metric"], per["metric"], values=values):
        return unknown
    v, base, unit = values[c["metric"]], values[per["metric"]], c["unit"]
    # "每N家…至少配备M名", "每千平方米平均…不少于K家": metric >= value x base / amount, and a
    # count must be whole, so the requirement is the ceiling: 26 firms -> ceil(2.6) = 3 staff.
    required = c["value"] * base / per["amount"]
    if facts[c["metric"]]["type"] == "integer":
        required = ceil_div(c["value"] * base, per["amount"])
    ok = holds(v, c["comparator"], required)
    form = "ratio_actual_whole" if facts[c["metric"]]["type"] == "integer" else "ratio_actual"
    actual = fill(ph[form], base_label=facts[per["metric"]]["short"], base=fmt(base) + facts[per["metric"]].get("unit", ""),
                  base_n=fmt(base), amount=fmt(per["amount"]), value=fmt(c["value"]), required=fmt(required) + unit, actual=fmt(v) + unit)
    return {"status": "met" if ok else "not_met", "actual": actual, "gap": None if ok else _gap(c["comparator"], v, required, unit, ph)}


def _share(c, values, facts, ph):
    if unknown := _missing(c["metric"], c["of"], values=values):
        return unknown
    num, den, op, value = values[c["metric"]], values[c["of"]], c["comparator"], c["value"]
    if compare(den, 0) == 0:
        text = fill(ph["share_zero"], of_label=c["of_label"])
        return {"status": "not_met", "actual": text, "gap": text}
    pct = num * 100 / den
    num_unit = facts[c["metric"]].get("unit", "")
    actual = fill(ph["share_actual"], label=facts[c["metric"]]["short"], num=fmt(num) + num_unit,
                  of_label=c["of_label"], den=fmt(den) + facts[c["of"]].get("unit", ""), pct=fmt(pct))
    if holds(num * 100, op, value * den):
        return {"status": "met", "actual": actual}
    if op == ">=":
        need = value * den / 100
        if facts[c["metric"]]["type"] == "integer":
            need = ceil_div(value * den, 100)
        of_label = c["of_label"]
        gap = fill(ph["gap_share"], gap=_gap(op, num, need, num_unit, ph), pp=fmt(value - pct, "up") + ph["points"], of_label=of_label)
        if num_unit and num_unit == facts[c["of"]].get("unit") and compare(value, 100) < 0:
            # the numerator is part of the denominator (staff of all staff): one added to both moves the share less
            add = (value * den - 100 * num) / (100 - value)
            if facts[c["metric"]]["type"] == "integer":
                add = ceil_div(value * den - 100 * num, 100 - value)
            gap += fill(ph["gap_share_added"], add=fmt(add, "up") + num_unit, of_label=of_label)
    else:
        gap = _gap(op, pct, value, "%", ph)
    return {"status": "not_met", "actual": actual, "gap": gap}


def _growth(c, values, facts, ph):
    reached, unknown, items, reasons = 0, [], [], []
    for m in c["metrics"]:
        label = facts[m]["short"]
        if m not in values:
            unknown.append(m)
            continue
        series = values[m]
        first, last, years = series[0], series[-1], len(series) - 1
        if compare(first, 0) == 0:
            reasons.append(fill(ph["growth_zero"], label=label))
            continue
        ratio, target = last / first, 1.0
        for _ in range(years):
            target *= 1 + c["value"] / 100
        reached += holds(ratio, c["comparator"], target)
        rate = (ratio ** (1 / years) - 1) * 100
        items.append(fill(ph["growth_item"], label=label, first=fmt(first), last=fmt(last), rate=fmt(rate)))
    undecided = len(unknown) + len(reasons)
    status = "met" if reached >= c["at_least"] else "not_met" if reached + undecided < c["at_least"] else "unknown"
    gap = fill(ph["gap_growth"], k=c["at_least"] - reached) if status == "not_met" else None
    return {"status": status, "actual": ph["clause_sep"].join(items) or None, "gap": gap,
            "missing": unknown if status == "unknown" else [], "reasons": reasons if status == "unknown" else []}


def _boolean(c, values, facts, ph):
    if unknown := _missing(c["metric"], values=values):
        return unknown
    v = values[c["metric"]]
    ok = v == c["expected"]
    return {"status": "met" if ok else "not_met", "actual": ph["yes"] if v else ph["no"],
            "gap": None if ok else fill(ph["gap_boolean"], expected=ph["yes"] if c["expected"] else ph["no"])}


def _evidence(c, values, facts, ph):
    return {"status": "evidence"}


KINDS = {"threshold": _threshold, "ratio": _ratio, "share": _share, "growth": _growth, "boolean": _boolean, "evidence": _evidence}


def _action(r: dict, facts: dict, ph: dict) -> str:
    forms = ph["action"]
    status = r["status"]
    if status == "not_met":
        return fill(forms["not_met"], requirement=r["requirement"], gap=r["gap"])
    if status == "evidence":
        return fill(forms["evidence"], evidence=r["evidence"])
    if status != "unknown":
        return forms[status]
    parts = [fill(forms["unknown"], labels=ph["list_sep"].join(facts[m]["short"] for m in r["missing"]))] if r["missing"] else []
    return "".join(parts + [fill(forms["unknown_reason"], reason=x) for x in r["reasons"]])


def materials(conditions: list[dict]) -> list[dict]:
    """Each material this applicant must prepare, once, with the conditions that need it. A
    material needed only by a condition whose applicability is not yet known carries 'when'."""
    out: dict[str, dict] = {}
    for c in conditions:
        for m in c["materials"]:
            entry = out.setdefault(m["id"], {"id": m["id"], "name": m["name"], "conditions": [], "citations": [], "when": c["when"]})
            entry["conditions"].append(c["id"])
            if c["citation"] not in entry["citations"]:
                entry["citations"].append(c["citation"])
            if not c["when"]:
                entry["when"] = None
    return list(out.values())


def sorted_for_action(conditions: list[dict]) -> list[dict]:
    """Failing conditions first, then unknown ones, then evidence, met and not applicable."""
    return sorted(conditions, key=lambda c: STATUS_ORDER.index(c["status"]))
