"""Export the conditions of every document as one JSON-ready dict: the single rule set that both
the Python evaluator and the site's browser evaluator (selfcheck.js) read.

Facts (the applicant profile's fields) are derived here from the metrics that conditions and
definitions read (`Condition.metrics_read`), never from a second hand-written list. Static wording
(requirements, citations, material names) is rendered once here, so both evaluators show identical
text. The export is built from the model, never changes it, and is handed out read-only.
"""
from __future__ import annotations

import re
from functools import lru_cache

from generator import TEMPLATES_DIR
from generator.eligibility.arith import LARGEST, TOLERANCE, fill, fmt
from generator.frozen import freeze, thaw
from generator.model import Policy, Version
from generator.ruleset import Condition
from generator.yamlio import CONTROL_CHARACTERS, load_file

FORMAT = 1
PHRASES_FILE = TEMPLATES_DIR / "eligibility" / "phrases.yaml"
COPIED_KEYS = ("id", "provision", "quote", "kind", "metric", "metrics", "comparator", "value", "unit",
               "per", "of", "at_least", "expected", "applies_if", "evidence", "note")


@lru_cache(maxsize=1)
def load_phrases() -> dict:
    return load_file(PHRASES_FILE)[0]


def short_label(metric: dict) -> str:
    """A series' label without its trailing parenthesised filling hint."""
    return re.sub(r"（[^（）]*）$", "", metric["label"]) if metric["type"] == "series" else metric["label"]


def export_rules(policy: Policy) -> dict:
    """The rule export (read-only: copy a part before changing it)."""
    phrases = thaw(load_phrases())
    versions = sorted(policy.current_versions(), key=lambda v: v.jurisdiction)
    facts = _facts(policy, versions)
    return freeze({
        "format": FORMAT,
        "tolerance": TOLERANCE,
        "largest": LARGEST,
        "control_characters": CONTROL_CHARACTERS,
        "phrases": phrases,
        "types": {t: spec["name"] for t, spec in policy.vocabulary["institution_types"].items()},
        "facts": facts,
        "jurisdictions": {v.jurisdiction: _jurisdiction(policy, v, facts, phrases) for v in versions},
    })


def _facts(policy: Policy, versions: list[Version]) -> dict:
    vocab = policy.vocabulary
    used: dict[str, list] = {}
    for v in versions:
        for t, conds in v.rules.conditions.items():
            for cond in conds:
                for m in cond.metrics_read:
                    used.setdefault(m, []).append({"jurisdiction": v.jurisdiction, "type": t, "condition": cond.id,
                                                   "citation": cond.citation})
        for d_id, definition in v.rules.definitions.items():
            for crit in definition.criteria:
                for m in crit.metrics_read:
                    used.setdefault(m, []).append({"jurisdiction": v.jurisdiction, "definition": d_id,
                                                   "citation": crit.citation})
    facts = {}
    for m_id, metric in vocab["metrics"].items():  # vocabulary order
        if m_id not in used:
            continue
        unit = metric.get("unit")
        unit_kind = vocab["units"].get(unit, {}).get("kind")
        fact = {"label": metric["label"], "short": short_label(metric), "type": metric["type"],
                "scope": metric.get("scope", "institution"), "percent": unit_kind == "share", "used_by": used[m_id]}
        if unit:
            fact["unit"] = unit
        if metric["type"] == "series":
            fact["years"] = metric["years"]
            fact["item"] = "integer" if unit_kind == "count" else "number"
        facts[m_id] = fact
    return facts


def _jurisdiction(policy: Policy, v: Version, facts: dict, phrases: dict) -> dict:
    spec = v.rules.institution_types
    return {
        "document": {"id": v.doc_id, "version": v.version, "title": v.title, "number": v.number,
                     "name": policy.documents[v.doc_id].name_of(v), "cited_title": v.cited_title, "draft_status": v.draft_status,
                     "status": v.status, "jurisdiction": v.jurisdiction},
        "types": {t: {"name": policy.type_name(t), "recognised_as": spec[t].recognised_as,
                      "conditions_in": _cited(v, spec[t].conditions_in),
                      "conditions": [_condition(policy, v, c, facts, phrases) for c in v.conditions(t)]}
                  for t in v.institution_types if v.conditions(t)},
        "derived": _derived(v, facts),
    }


def _cited(v: Version, provision_id: str) -> str:
    """'第七条', or with the provision's heading where it has one: '三、基本条件与功能'."""
    p = v.provisions[provision_id]
    return p.citation + (p.heading or "")


def _condition(policy: Policy, v: Version, cond: Condition, facts: dict, phrases: dict) -> dict:
    out = cond.fields(COPIED_KEYS)
    out["citation"] = cond.citation
    out["prerequisite"] = cond.prerequisite
    if cond.period is not None:
        out["period"] = {"name": cond.period, **policy.vocabulary["periods"][cond.period]}
    materials = v.rules.materials
    out["materials"] = [{"id": m, "name": materials[m].name} for m in cond.materials]
    if cond.kind == "share":
        out["of_label"] = of_label(cond, facts)
    out["requirement"] = requirement(cond, facts, phrases)
    out["topic"], out["topic_label"] = topic(cond, facts, out["requirement"])
    return out


def topic(cond: Condition, facts: dict, requirement_text: str) -> tuple[str, str]:
    """What a condition is about, so conditions of two documents on the same fact pair up in a
    comparison: the same metric(s), or (for evidence) the same words."""
    if cond.kind == "growth":
        return "growth:" + ",".join(sorted(cond.metrics)), requirement_text
    if cond.kind == "evidence":
        return "evidence:" + cond.quote, requirement_text
    return f"{cond.kind}:{cond.metric}:{cond.of or ''}", facts[cond.metric]["short"]


def of_label(cond: Condition, facts: dict) -> str:
    """A share's denominator as the text names it (of_term: 众创空间总面积), else the metric's label."""
    return cond.of_term or facts[cond.of]["short"]


def requirement(cond: Condition, facts: dict, phrases: dict) -> str:
    """The condition as one line in words (phrases.yaml requirement), e.g. '<label> ≥ <value><unit>'."""
    forms = phrases["requirement"]
    kind = cond.kind
    if kind == "evidence":
        return fill(forms["evidence"], quote=cond.quote)
    label = facts[cond.metric]["short"] if cond.metric else ""
    if kind == "boolean":
        form = "prerequisite" if cond.prerequisite else ("boolean_true" if cond.expected else "boolean_false")
        return fill(forms[form], label=label)
    sym = phrases["comparator"][cond.comparator]
    value = fmt(cond.value)
    if kind == "threshold":
        return fill(forms["threshold"], label=label, sym=sym, target=value + cond.unit)
    if kind == "ratio":
        per = cond.per
        form = "ratio_whole" if facts[cond.metric]["type"] == "integer" else "ratio"
        return fill(forms[form], label=label, sym=sym, base_label=facts[per.metric]["short"],
                    amount=fmt(per.amount) + (per.unit or ""), value=value + cond.unit)
    if kind == "share":
        return fill(forms["share"], label=label, sym=sym, of_label=of_label(cond, facts), value=value)
    labels = phrases["list_sep"].join(facts[m]["short"] for m in cond.metrics)
    return fill(forms["growth"], labels=labels, at_least=cond.at_least, period=cond.period or "", sym=sym, value=value)


def _derived(v: Version, facts: dict) -> dict:
    """Counts a profile's firm list can give: a definition that `counts` a metric (在孵企业 ->
    incubated_firms) gives it by all-of or any-of its criteria."""
    out = {}
    for d_id, definition in v.rules.definitions.items():
        metric = definition.counts
        if metric is None or metric not in facts:
            continue
        out[metric] = {
            "definition": d_id, "term": definition.term, "mode": definition.mode,
            "citation": definition.citation,
            "criteria": [{**c.fields(COPIED_KEYS), "citation": c.citation} for c in definition.criteria],
        }
    return out
