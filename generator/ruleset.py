"""The rules of one version as typed, frozen records (the shape of schemas/rules.schema.json).

Every record that rests on the text carries `provision`, `quote` and the resolved `citation`;
conditions know the metrics they read (`metrics_read`); `Rules.numbers()` lists every number
rules.yaml states, with the rule it belongs to. Records keep their validated mapping as `source`
(read-only) so that exports copy exactly the keys the drafter wrote (`Record.fields`).
"""
from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Callable, Iterator, Mapping, TypeVar

from generator.frozen import FrozenDict, thaw

Cite = Callable[[str], "str | None"]
R = TypeVar("R", bound="Record")


@dataclass(frozen=True, kw_only=True)
class Record:
    source: Mapping = field(default_factory=FrozenDict, repr=False, compare=False)

    def fields(self, keys) -> dict:
        """A plain copy of the keys of `keys` that the YAML gives (for exports)."""
        return {k: thaw(self.source[k]) for k in keys if k in self.source}


@dataclass(frozen=True, kw_only=True)
class Sourced(Record):
    provision: str
    quote: str | None = None
    citation: str | None = None  # of `provision`; None only while validation reports it missing


@dataclass(frozen=True)
class Per:
    """The base of a ratio: value x base / amount (每N家 -> amount N, unit 家)."""

    metric: str
    amount: float
    unit: str | None = None


@dataclass(frozen=True)
class AppliesIf:
    metric: str
    equals: object


@dataclass(frozen=True)
class Bound:
    """A deadline or duration: comparator, value, unit."""

    comparator: str
    value: float
    unit: str


@dataclass(frozen=True, kw_only=True)
class Condition(Sourced):
    """A condition of an institution type, or a criterion of a definition."""

    id: str
    kind: str  # threshold | ratio | share | growth | boolean | evidence
    metric: str | None = None
    metrics: tuple[str, ...] = ()
    comparator: str | None = None
    value: float | None = None
    unit: str | None = None
    period: str | None = None
    per: Per | None = None
    of: str | None = None
    at_least: int | None = None
    expected: object = None
    prerequisite: bool = False
    institution_type: str | None = None  # a prerequisite: being recognised as this type (its conditions hold too)
    about: str | None = None  # an evidence condition: the metric it speaks of without a number
    of_term: str | None = None  # a share: its denominator as the text names it
    applies_if: AppliesIf | None = None
    evidence: str | None = None
    materials: tuple[str, ...] = ()
    note: str | None = None

    @property
    def metric_refs(self) -> tuple[tuple[str, str], ...]:
        """(key, metric) for every metric the condition reads, in reading order."""
        refs = [("metric", self.metric), ("per", self.per.metric if self.per else None), ("of", self.of),
                *(("metrics", m) for m in self.metrics), ("applies_if", self.applies_if.metric if self.applies_if else None)]
        return tuple((k, m) for k, m in refs if m)

    @property
    def metrics_read(self) -> tuple[str, ...]:
        return tuple(m for _, m in self.metric_refs)


@dataclass(frozen=True, kw_only=True)
class Definition(Sourced):
    id: str
    term: str
    mode: str  # all | any
    criteria: tuple[Condition, ...]
    counts: str | None = None  # the metric a firm list's count under this definition gives


@dataclass(frozen=True, kw_only=True)
class Step(Sourced):
    actor: str
    action: str
    produces: str
    role: str | None = None  # application | recommendation | selection | review | publicity
    confirms: str | None = None  # publicity: the status the published list confers


@dataclass(frozen=True, kw_only=True)
class Procedure(Sourced):
    id: str
    name: str
    steps: tuple[Step, ...]

    def step(self, role: str) -> Step | None:
        return next((s for s in self.steps if s.role == role), None)


@dataclass(frozen=True, kw_only=True)
class InstitutionType(Record):
    id: str
    recognised_as: str
    defined_in: str
    conditions_in: str
    procedure: str | None = None


@dataclass(frozen=True, kw_only=True)
class Scheme(Sourced):
    """An assessment scheme (考核评价) with its grades."""

    id: str
    name: str
    grades: tuple[str, ...]
    failing_grade: str
    grade_names: Mapping = field(default_factory=FrozenDict)


@dataclass(frozen=True, kw_only=True)
class Reward(Sourced):
    id: str
    scheme: str
    type: str
    grade: str
    comparator: str
    value: float
    unit: str


@dataclass(frozen=True, kw_only=True)
class RewardRule(Sourced):
    """non_duplication (a rule in words) or revocation (after N consecutive failing grades)."""

    id: str
    rule: str | None = None
    consecutive_failures: int | None = None
    unit: str | None = None


@dataclass(frozen=True, kw_only=True)
class Obligation(Sourced):
    id: str
    subject: str
    duty: str
    reporting: bool = False
    periods: tuple[str, ...] = ()
    deadline: Bound | None = None
    role: str | None = None  # periodic_report | change_report: what the generators make of it
    institution_type: str | None = None


@dataclass(frozen=True, kw_only=True)
class Sanction(Sourced):
    id: str
    trigger: str
    consequence: str
    duration: Bound | None = None


@dataclass(frozen=True, kw_only=True)
class Material(Record):
    id: str
    name: str
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class Waiver(Sourced):
    reason: str


@dataclass(frozen=True)
class StatedNumber:
    """One number rules.yaml states, which the text must state too."""

    rule: str  # the record it belongs to: conditions.incubator.inc_site_area, obligations.change_report.deadline
    where: tuple  # YAML path of the mapping holding it
    key: str  # value | at_least | consecutive_failures …
    provision: str
    quote: str | None
    comparator: str | None  # None: any
    value: float
    unit: str | None  # as written in rules.yaml; None: any
    base: tuple | None  # (amount, unit as written) of a ratio


@dataclass(frozen=True, kw_only=True)
class Rules:
    institution_types: Mapping[str, InstitutionType]
    conditions: Mapping[str, tuple[Condition, ...]]
    definitions: Mapping[str, Definition]
    procedures: Mapping[str, Procedure]
    assessment: Mapping[str, Scheme]
    rewards: tuple[Reward, ...]
    reward_rules: Mapping[str, RewardRule]
    obligations: Mapping[str, Obligation]
    sanctions: Mapping[str, Sanction]
    materials: Mapping[str, Material]
    waivers: tuple[Waiver, ...]
    source: Mapping = field(repr=False, compare=False)

    def numbers(self) -> list[StatedNumber]:
        return list(_numbers(self.source))


# --- from the validated mapping ------------------------------------------------------------------

def _bound(d) -> Bound | None:
    return Bound(d["comparator"], d["value"], d["unit"]) if d else None


def _record(cls: type[R], d: Mapping, cite: Cite, **given) -> R:
    """The one builder of every record: each field `cls` declares is read from the key of its name
    (a list as a tuple; absent: the field's default, or KeyError if it has none), a Sourced record's
    citation from `cite`; `given` holds what the mapping says otherwise (the key a record sits
    under, nested records)."""
    values = {"source": d, **given}
    if issubclass(cls, Sourced):
        values.setdefault("citation", cite(d["provision"]))
    for f in fields(cls):
        if f.name not in values and (f.name in d or (f.default is MISSING and f.default_factory is MISSING)):
            values[f.name] = tuple(d[f.name]) if isinstance(d[f.name], list) else d[f.name]
    return cls(**values)


def condition(d: Mapping, cite: Cite) -> Condition:
    per, applies = d.get("per"), d.get("applies_if")
    return _record(Condition, d, cite, per=Per(per["metric"], per["amount"], per.get("unit")) if per else None,
                   applies_if=AppliesIf(applies["metric"], applies["equals"]) if applies else None)


def rules_from(r: Mapping, cite: Cite) -> Rules:
    """The typed rules of a validated rules.yaml mapping (read-only, see frozen.freeze)."""
    def keyed(cls, group: str, nested=lambda x: {}) -> FrozenDict:  # a mapping of records under their ids
        return FrozenDict((k, _record(cls, x, cite, id=k, **nested(x))) for k, x in r.get(group, {}).items())

    def listed(cls, group: str, nested=lambda x: {}) -> tuple:  # a list of records
        return tuple(_record(cls, x, cite, **nested(x)) for x in r.get(group, ()))

    return Rules(
        source=r,
        institution_types=keyed(InstitutionType, "institution_types"),
        conditions=FrozenDict((t, tuple(condition(c, cite) for c in cs)) for t, cs in r.get("conditions", {}).items()),
        definitions=keyed(Definition, "definitions", lambda d: {"criteria": tuple(condition(c, cite) for c in d["criteria"])}),
        procedures=keyed(Procedure, "procedures", lambda p: {"steps": tuple(_record(Step, s, cite) for s in p["steps"])}),
        assessment=keyed(Scheme, "assessment"),
        rewards=listed(Reward, "rewards"),
        reward_rules=keyed(RewardRule, "reward_rules"),
        obligations=FrozenDict((o.id, o) for o in listed(Obligation, "obligations", lambda o: {"deadline": _bound(o.get("deadline"))})),
        sanctions=FrozenDict((s.id, s) for s in listed(Sanction, "sanctions", lambda s: {"duration": _bound(s.get("duration"))})),
        materials=keyed(Material, "materials"),
        waivers=listed(Waiver, "waivers"),
    )


# --- numbers --------------------------------------------------------------------------------------

SKIP_KEYS = ("per", "waivers", "materials")  # per: the base of its parent ratio, not a number of its own
COUNT_KEYS = ("at_least",)  # at_least: 2 of metrics (至少两项)


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _rule_key(where: tuple, r: Mapping) -> str:
    """conditions.<type>.<id>, definitions.<id>.<criterion>, rewards.<id>, obligations.<id>.deadline …"""
    node, names = r, []
    for step in where:
        node = node[step]
        names.append(node["id"] if isinstance(step, int) and isinstance(node, Mapping) and "id" in node else str(step))
    return ".".join(n for n in names if n != "criteria")


def _numbers(r: Mapping) -> Iterator[StatedNumber]:
    def walk(node, where: tuple, provision: str | None, quote: str | None):
        if isinstance(node, (list, tuple)):
            for i, item in enumerate(node):
                yield from walk(item, where + (i,), provision, quote)
            return
        if not isinstance(node, Mapping):
            return
        if "provision" in node:
            provision, quote = node["provision"], node.get("quote")
        unit, per = node.get("unit"), node.get("per")
        base = (per["amount"], per["unit"]) if per and "unit" in per else None
        if provision and _is_number(node.get("value")):
            yield StatedNumber(_rule_key(where, r), where, "value", provision, quote, node.get("comparator"), node["value"], unit, base)
        for key in COUNT_KEYS:
            if provision and _is_number(node.get(key)):
                yield StatedNumber(_rule_key(where, r), where, key, provision, quote, ">=", node[key], None, None)
        if provision and unit and "value" not in node:
            for key, value in node.items():
                if _is_number(value):
                    yield StatedNumber(_rule_key(where, r), where, key, provision, quote, None, value, unit, None)
        for key, value in node.items():
            if key not in SKIP_KEYS:
                yield from walk(value, where + (key,), provision, quote)

    yield from walk(r, (), None, None)
