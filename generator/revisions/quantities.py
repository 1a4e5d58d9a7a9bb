"""The quantities of a version keyed by rule id: thresholds, rewards, deadlines and dates.

Compared across versions by key, so a changed number shows as one row however its provision was
renumbered or reworded. Each quantity stays structured (comparator, value, unit, period, per…);
templates/revisions/ decide how it reads.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.model import Version

QUANTITY_FIELDS = ("comparator", "value", "unit", "period", "per", "of", "at_least", "metrics", "applies_if")
CATEGORIES = ("threshold", "definition", "reward", "deadline", "date")


@dataclass(frozen=True)
class Quantity:
    key: str  # e.g. conditions.incubator.inc_site_area
    category: str  # one of CATEGORIES
    label: str  # from policy/: metric label, reward grade, duty, date field
    provision: str | None
    values: dict  # the quantitative fields only


def _fields(record: dict) -> dict:
    return {k: record[k] for k in QUANTITY_FIELDS if k in record}


def quantities(version: Version, vocabulary: dict) -> dict[str, Quantity]:
    r, metrics = version.rules, vocabulary.get("metrics", {})
    types = vocabulary.get("institution_types", {})
    out: list[Quantity] = []

    def metric_label(rec: dict) -> str:
        names = [rec["metric"]] if "metric" in rec else rec.get("metrics", [])
        return "、".join(metrics.get(m, {}).get("label", m) for m in names)

    for t, conds in r.get("conditions", {}).items():
        for c in conds:
            if "value" in c:
                label = f"{types.get(t, {}).get('name', t)}：{metric_label(c)}"
                out.append(Quantity(f"conditions.{t}.{c['id']}", "threshold", label, c["provision"], _fields(c)))
    for d, definition in r.get("definitions", {}).items():
        for c in definition["criteria"]:
            if "value" in c:
                out.append(Quantity(f"definitions.{d}.{c['id']}", "definition", f"{definition['term']}：{metric_label(c)}", c["provision"], _fields(c)))
    schemes = r.get("assessment", {})
    for w in r.get("rewards", []):
        scheme = schemes.get(w["scheme"], {})
        grade = scheme.get("grade_names", {}).get(w["grade"], w["grade"])
        label = f"{types.get(w['type'], {}).get('name', w['type'])}：{scheme.get('name', w['scheme'])}{grade}"
        out.append(Quantity(f"rewards.{w['id']}", "reward", label, w["provision"], _fields(w)))
    for key, field in (("obligations", "deadline"), ("sanctions", "duration")):
        for s in r.get(key, []):
            if field in s:
                label = s.get("duty") or s.get("trigger") or s["id"]
                out.append(Quantity(f"{key}.{s['id']}.{field}", "deadline", label, s["provision"], _fields(s[field])))
    for name, rule in r.get("reward_rules", {}).items():
        numbers = {k: v for k, v in rule.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        if numbers:
            values = {"value": next(iter(numbers.values())), **({"unit": rule["unit"]} if "unit" in rule else {})}
            out.append(Quantity(f"reward_rules.{name}", "deadline", rule.get("rule") or rule.get("quote", name), rule["provision"], values))
    dates = version.meta.get("dates", {})
    for name in ("issued", "effective", "expires"):
        if dates.get(name):
            source = dates.get("source", {}).get("provision")
            out.append(Quantity(f"dates.{name}", "date", name, source, {"value": dates[name]}))
    return {q.key: q for q in out}


@dataclass(frozen=True)
class QuantityChange:
    key: str
    old: Quantity | None
    new: Quantity | None

    @property
    def category(self) -> str:
        return (self.new or self.old).category

    @property
    def label(self) -> str:
        return (self.new or self.old).label

    @property
    def change(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"

    @property
    def changed_fields(self) -> list[str]:
        a, b = (self.old.values if self.old else {}), (self.new.values if self.new else {})
        return [f for f in QUANTITY_FIELDS if a.get(f) != b.get(f)]


def compare_quantities(old: dict[str, Quantity], new: dict[str, Quantity]) -> list[QuantityChange]:
    """Rows whose values differ, or that exist on one side only, in category then key order of the new text."""
    keys = list(new) + [k for k in old if k not in new]
    rows = [QuantityChange(k, old.get(k), new.get(k)) for k in keys
            if old.get(k) is None or new.get(k) is None or old[k].values != new[k].values]
    return sorted(rows, key=lambda row: CATEGORIES.index(row.category))
