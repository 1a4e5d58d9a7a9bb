"""The quantities of a version keyed by rule id: thresholds, rewards, deadlines and dates.

Compared across versions by key, so a changed number shows as one row however its provision was
renumbered or reworded. Each quantity stays structured (comparator, value, unit, period, per…);
templates/revisions/ decide how it reads. (A RuleQuantity is a rule's quantitative fields; a number
as the text writes it is crossref.quantities.Quantity.)
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.frozen import thaw
from generator.model import Version

QUANTITY_FIELDS = ("comparator", "value", "unit", "period", "per", "of", "at_least", "metrics", "applies_if")
CATEGORIES = ("threshold", "definition", "reward", "deadline", "date")


@dataclass(frozen=True)
class RuleQuantity:
    key: str  # e.g. conditions.incubator.inc_site_area
    category: str  # one of CATEGORIES
    label: str  # from policy/: metric label, reward grade, duty, date field
    provision: str | None
    values: dict  # the quantitative fields only


def _fields(record) -> dict:
    return record.fields(QUANTITY_FIELDS)


def quantities(version: Version, vocabulary: dict) -> dict[str, RuleQuantity]:
    r, metrics = version.rules, vocabulary.get("metrics", {})
    types = vocabulary.get("institution_types", {})
    out: list[RuleQuantity] = []

    def metric_label(c) -> str:
        names = [c.metric] if c.metric else c.metrics
        return "、".join(metrics.get(m, {}).get("label", m) for m in names)

    for t, conds in r.conditions.items():
        for c in conds:
            if c.value is not None:
                label = f"{types.get(t, {}).get('name', t)}：{metric_label(c)}"
                out.append(RuleQuantity(f"conditions.{t}.{c.id}", "threshold", label, c.provision, _fields(c)))
    for d, definition in r.definitions.items():
        for c in definition.criteria:
            if c.value is not None:
                out.append(RuleQuantity(f"definitions.{d}.{c.id}", "definition", f"{definition.term}：{metric_label(c)}", c.provision, _fields(c)))
    for w in r.rewards:
        scheme = r.assessment.get(w.scheme)
        grade = scheme.grade_names.get(w.grade, w.grade) if scheme else w.grade
        label = f"{types.get(w.type, {}).get('name', w.type)}：{scheme.name if scheme else w.scheme}{grade}"
        out.append(RuleQuantity(f"rewards.{w.id}", "reward", label, w.provision, _fields(w)))
    for key, field in (("obligations", "deadline"), ("sanctions", "duration")):
        for s in getattr(r, key).values():
            if getattr(s, field) is not None:
                label = getattr(s, "duty", None) or getattr(s, "trigger", None) or s.id
                out.append(RuleQuantity(f"{key}.{s.id}.{field}", "deadline", label, s.provision, thaw(s.source[field])))
    numbers = {n.rule: n for n in reversed(r.numbers())}  # the first number each rule states
    for name, rule in r.reward_rules.items():
        if n := numbers.get(f"reward_rules.{name}"):
            values = {"value": n.value, **({"unit": rule.unit} if rule.unit else {})}
            out.append(RuleQuantity(f"reward_rules.{name}", "deadline", rule.rule or rule.quote or name, rule.provision, values))
    dates = version.meta.get("dates", {})
    for name in ("issued", "effective", "expires"):
        if dates.get(name):
            source = dates.get("source", {}).get("provision")
            out.append(RuleQuantity(f"dates.{name}", "date", name, source, {"value": dates[name]}))
    return {q.key: q for q in out}


@dataclass(frozen=True)
class QuantityChange:
    key: str
    old: RuleQuantity | None
    new: RuleQuantity | None

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


def compare_quantities(old: dict[str, RuleQuantity], new: dict[str, RuleQuantity]) -> list[QuantityChange]:
    """Rows whose values differ, or that exist on one side only, in category then key order of the new text."""
    keys = list(new) + [k for k in old if k not in new]
    rows = [QuantityChange(k, old.get(k), new.get(k)) for k in keys
            if old.get(k) is None or new.get(k) is None or old[k].values != new[k].values]
    return sorted(rows, key=lambda row: CATEGORIES.index(row.category))
