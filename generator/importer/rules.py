"""rules.yaml proposals for an imported text, from the cross-reference pass's quantities.

Each quantity inside the conditions article of an institution type becomes a condition when a
vocabulary metric fits its unit and words; every other quantity, and every date that is not the
effective or expiry date, becomes a waiver. Each proposal carries a `review` mark. Once the marks
are deleted the file validates: every quantity of the text is encoded or waived, as the
consistency check of `fuhua validate` requires.
"""
from __future__ import annotations

import re

from generator.crossref.provisions import text_nodes
from generator.crossref.quantities import CLAUSE_END, Quantity, UnitTable, find_dates, find_quantities
from generator.model import Provision, Version
from generator.revisions.chardiff import similarity
from generator.importer.meta import REVIEW, cite

MIN_METRIC_SIMILARITY = 0.4
UNIT_KINDS = ("article", "part")


def _lead(unit: Provision) -> str:
    first = unit.children[0] if unit.children and unit.children[0].kind == "paragraph" else None
    return " ".join(t for t in (unit.heading, first.text if first else None) if t)


def _has_items(unit: Provision) -> bool:
    return any(n.kind in ("point", "item") for n in unit.walk())


def institution_types(version: Version, vocabulary: dict, title: str, note: str) -> dict:
    units = [n for n in version.walk() if n.kind in UNIT_KINDS and _has_items(n)]
    words = "\n".join(n.own_text for n in text_nodes(version))
    out = {}
    for t, spec in vocabulary["institution_types"].items():
        name = spec["name"]
        conditions = next((u for u in units if "条件" in _lead(u) and name in _lead(u)), None)
        if conditions is None and name in title:
            conditions = next((u for u in units if "条件" in _lead(u)), None)
        if conditions is None:
            continue
        defined = next((n for n in text_nodes(version) if re.search(rf"{name}(?:（[^）]*）)?是指", n.own_text)), conditions)
        recognised = f"市级{name}" if f"市级{name}" in words else name
        out[t] = {"recognised_as": recognised, "defined_in": cite(defined), "conditions_in": conditions.id, "review": note}
    return out


def _clause(text: str, q: Quantity) -> str:
    start = max(text.rfind(ch, 0, q.start) for ch in CLAUSE_END) + 1
    ends = [i for ch in CLAUSE_END if (i := text.find(ch, q.end)) >= 0]
    return text[start:min(ends, default=len(text))]


def _best_metric(words: str, units: set[str], metrics: dict) -> str | None:
    scored = [(similarity(words, spec["label"]), m) for m, spec in metrics.items()
              if spec.get("unit") in units and spec.get("scope") != "firm" and spec["type"] != "boolean"]
    score, metric = max(scored, default=(0.0, None))
    return metric if score >= MIN_METRIC_SIMILARITY else None


def _base_words(text: str, q: Quantity) -> str:
    """每N家在孵企业至少配备M名 -> 在孵企业: the words the ratio base counts."""
    at = text.rfind(q.base["text"], 0, q.start)
    between = text[at + len(q.base["text"]):q.start] if at >= 0 else ""
    return re.split(r"至少|不少于|不低于|配备|应", between.removeprefix("平均"))[0]


def condition(text: str, q: Quantity, vocabulary: dict, table: UnitTable, known: list[dict]) -> dict | None:
    """A condition for quantity q of `text`, or None when no metric fits. `known`: the type's
    conditions so far (a ratio per 平方米 with no noun of its own is per the area they require)."""
    metrics = vocabulary["metrics"]
    if (q.subject or "").endswith("中"):  # 指标中至少两项: N of a list, not a measure of one thing
        return None
    metric = _best_metric((q.period or "") + (q.subject or ""), {q.canonical_unit}, metrics)
    if metric is None:
        return None
    cond = {"id": "", "provision": "", "quote": _clause(text, q), "kind": "ratio" if q.base else "threshold",
            "metric": metric, "comparator": q.comparator, "value": q.value, "unit": q.canonical_unit}
    if q.period in vocabulary.get("periods", {}):
        cond["period"] = q.period
    if q.base:
        per_unit = table.canonical(q.base["unit"])
        words = _base_words(text, q)
        if words and words != q.subject:
            same_kind = {u for _, u, kind in table.units if kind == table.kind(per_unit)}  # 每N个团队 counts 家 too
            per_metric = _best_metric(words, same_kind, metrics)
        else:
            per_metric = next((c["metric"] for c in known if c["unit"] == per_unit and c["kind"] == "threshold"), None)
        if per_metric is None:
            return None
        cond["per"] = {"metric": per_metric, "amount": q.base["amount"], "unit": per_unit}
    return cond


def propose(version: Version, vocabulary: dict, title: str, dates: dict, phrases: dict) -> dict:
    table = UnitTable.from_vocabulary(vocabulary)
    review, reasons = phrases["review"], phrases["reasons"]
    types = institution_types(version, vocabulary, title, review["institution_type"])
    scopes = {t: version.provisions[spec["conditions_in"]] for t, spec in types.items()}
    conditions: dict[str, list] = {}
    waivers: list[dict] = []
    ids: set[str] = set()
    for node in text_nodes(version):
        text = node.own_text
        for q in find_quantities(text, table):
            t = next((t for t, unit in scopes.items() if node in unit.walk()), None)
            cond = condition(text, q, vocabulary, table, conditions.get(t, [])) if t else None
            if cond is None:
                waivers.append({"provision": cite(node), "quote": q.text, "reason": reasons["waiver"], "review": review["waiver"]})
                continue
            base = f"{t[:3]}_{cond['metric']}"
            cond["id"] = next(i for i in (base, *(f"{base}_{k}" for k in range(2, 99))) if i not in ids)
            ids.add(cond["id"])
            cond["provision"] = cite(node)
            conditions.setdefault(t, []).append({**cond, "review": review["condition"]})
        for d in find_dates(text):
            if d.iso not in (dates.get("effective"), dates.get("expires")):
                waivers.append({"provision": cite(node), "quote": d.text, "reason": reasons["date_waiver"], "review": review["date_waiver"]})
    unique = list({(w["provision"], w["quote"]): w for w in waivers}.values())
    out = {"institution_types": types, "conditions": conditions, "materials": {}, "waivers": unique}
    return out if types else {REVIEW: review["no_institution_type"], **out}
