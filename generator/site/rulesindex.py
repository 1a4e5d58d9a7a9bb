"""Every encoded rule of a document on one page (templates/site/rules.md.j2), anchored, and the
reverse index provision -> the rules that rest on it (used by the full-text pages). Reads the typed
records of `Version.rules`; the group headings are in templates/site/_rules.md.j2."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping

from generator.eligibility.rules import load_phrases
from generator.model import Version
from generator.ruleset import Sourced
from generator.site.context import Site, rules_uri, text_uri, type_uri
from generator.site.templates import render

# the groups of rules.yaml (fields of generator.ruleset.Rules) that rest on provisions, in page order
GROUPS = ("conditions", "definitions", "procedures", "assessment", "rewards", "reward_rules", "obligations",
          "sanctions", "waivers")


@dataclass(frozen=True)
class RuleRef:
    group: str
    anchor: str


def entries(version: Version) -> Iterator[tuple[str, str, Sourced]]:
    """(group, key, record) for every rule, in file order; key is the rule's id, or its position."""
    for group in GROUPS:
        value = getattr(version.rules, group)
        if group == "conditions":  # type -> conditions
            pairs = [(c.id, c) for conds in value.values() for c in conds]
        elif isinstance(value, Mapping):
            pairs = list(value.items())
        else:
            pairs = [(getattr(r, "id", None) or str(i + 1), r) for i, r in enumerate(value)]
        for key, record in pairs:
            yield group, key, record


def anchor(group: str, key: str) -> str:
    return f"{group}-{key}"


def refs_by_provision(version: Version) -> dict[str, list[RuleRef]]:
    """provision id -> rules resting on it (a definition's criteria and a procedure's steps count for it too)."""
    out: dict[str, list[RuleRef]] = {}
    for group, key, record in entries(version):
        parts = (*getattr(record, "criteria", ()), *getattr(record, "steps", ()))
        for pid in dict.fromkeys([record.provision, *(p.provision for p in parts)]):
            out.setdefault(pid, []).append(RuleRef(group, anchor(group, key)))
    return out


def page(site: Site, version: Version, requirements: dict[str, dict[str, str]]) -> str:
    groups: dict[str, list[tuple[str, Sourced]]] = {}
    for group, key, record in entries(version):
        groups.setdefault(group, []).append((anchor(group, key), record))
    conditions = [(t, [(anchor("conditions", c.id), c) for c in version.conditions(t)]) for t in site.types_of(version)]
    vocabulary_types = site.policy.vocabulary["institution_types"]
    return render("rules.md.j2", uri=rules_uri(version.doc_id), text_uri=text_uri(version.doc_id),
                  doc_name=site.policy.documents[version.doc_id].name_of(version), groups=groups, conditions=conditions,
                  requirements=requirements.get(version.doc_id, {}), comparators=load_phrases()["comparator"],
                  type_names={t: site.policy.type_name(t) for t in vocabulary_types},
                  type_uris={t: type_uri(t) for t in vocabulary_types})
