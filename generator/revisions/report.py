"""`fuhua diff OLD NEW`: resolve the two sides and compare each document (which generated files
change is the build's answer: generator/build/impact.py).

A side is `DOC_ID@VERSION` or `DOC_ID` (its current version) within one --policy folder, or a
policy folder (every document at its current version).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError
from generator.model import Policy, Version
from generator.revisions.refs import at_version
from generator.policy import load_policy
from generator.revisions.compare import DocumentDiff, compare


@dataclass
class Side:
    label: str
    policy: Policy  # with the compared version as the current one
    versions: dict[str, str]  # document id -> version, where not the current one


@dataclass
class Revision:
    old_label: str
    new_label: str
    documents: list[DocumentDiff]
    outputs: list = field(default_factory=list)  # build.impact.Impact: the generated files that change

    @property
    def unchanged(self) -> bool:
        return all(d.unchanged for d in self.documents)


def _ref(policy: Policy, ref: str, where: str) -> Side:
    resolved, doc_id, version = at_version(policy, ref, where)
    return Side(ref, resolved, {doc_id: version})


def sides(old: str, new: str, policy_dir: str | Path) -> tuple[Side, Side]:
    dirs = [Path(ref).is_dir() for ref in (old, new)]
    if all(dirs):
        return tuple(Side(ref.rstrip("/"), load_policy(ref, extra_checks=False), {}) for ref in (old, new))
    if any(dirs):
        folder = old if dirs[0] else new
        raise InputError.single(folder, "compare two policy folders, or two DOC_ID@VERSION refs within --policy; not one of each")
    policy = load_policy(policy_dir, extra_checks=False, pending=True)  # a version under review compares too
    a, b = _ref(policy, old, policy_dir), _ref(policy, new, policy_dir)
    if list(a.versions) != list(b.versions):
        raise InputError.single(policy_dir, f"'{old}' and '{new}' are different documents; compare versions of one document")
    return a, b


def _pairs(a: Side, b: Side) -> list[tuple[Version | None, Version | None]]:
    ids = list(a.versions) or list(b.policy.documents) + [d for d in a.policy.documents if d not in b.policy.documents]
    get = lambda side, d: side.policy.documents[d].latest if d in side.policy.documents else None  # noqa: E731
    return [(get(a, d), get(b, d)) for d in ids]


def revision(a: Side, b: Side) -> Revision:
    """Every document of the two sides compared, provision by provision and rule by rule."""
    vocabulary = b.policy.vocabulary or a.policy.vocabulary
    return Revision(a.label, b.label, [compare(x, y, vocabulary) for x, y in _pairs(a, b)])
