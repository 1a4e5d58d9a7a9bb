"""`fuhua diff OLD NEW`: resolve the two sides, compare each document, and say which outputs change.

A side is `DOC_ID@VERSION` or `DOC_ID` (its current version) within one --policy folder, or a
policy folder (every document at its current version).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError
from generator.model import Policy, Version
from generator.policy import load_policy
from generator.revisions.compare import DocumentDiff, compare
from generator.revisions.impact import Output, affected, change_keys


@dataclass
class Revision:
    old_label: str
    new_label: str
    documents: list[DocumentDiff]

    @property
    def unchanged(self) -> bool:
        return all(d.unchanged for d in self.documents)


def _version(policy: Policy, ref: str, where: str) -> Version:
    doc_id, _, version = ref.partition("@")
    if doc_id not in policy.documents:
        raise InputError.single(where, f"no document '{doc_id}'; known: {', '.join(policy.documents)}")
    doc = policy.documents[doc_id]
    if version and version not in doc.versions:
        raise InputError.single(where, f"document '{doc_id}' has no version '{version}'; known: {', '.join(doc.versions)}")
    return policy.version(doc_id, version or None)


def resolve(old: str, new: str, policy_dir: str | Path) -> tuple[list[tuple[Version | None, Version | None]], dict]:
    """Pairs of versions to compare, and the vocabulary to label them with."""
    dirs = [Path(ref).is_dir() for ref in (old, new)]
    if all(dirs):
        a, b = load_policy(old, extra_checks=False), load_policy(new, extra_checks=False)
        ids = list(b.documents) + [d for d in a.documents if d not in b.documents]
        pairs = [(a.documents[d].latest if d in a.documents else None, b.documents[d].latest if d in b.documents else None) for d in ids]
        return pairs, b.vocabulary or a.vocabulary
    if any(dirs):
        folder = old if dirs[0] else new
        raise InputError.single(folder, "compare two policy folders, or two DOC_ID@VERSION refs within --policy; not one of each")
    policy = load_policy(policy_dir, extra_checks=False)
    v_old, v_new = _version(policy, old, policy_dir), _version(policy, new, policy_dir)
    if v_old.doc_id != v_new.doc_id:
        raise InputError.single(policy_dir, f"'{old}' and '{new}' are different documents; compare versions of one document")
    return [(v_old, v_new)], policy.vocabulary


def label(ref: str) -> str:
    return ref.rstrip("/") if Path(ref).is_dir() else ref


def revision(old: str, new: str, policy_dir: str | Path, outputs: list[Output]) -> Revision:
    pairs, vocabulary = resolve(old, new, policy_dir)
    docs = [compare(a, b, vocabulary) for a, b in pairs]
    for d in docs:
        d.outputs = affected(change_keys(d), outputs)
    return Revision(label(old), label(new), docs)
