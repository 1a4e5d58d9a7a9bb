"""`DOC_ID@VERSION` (or `DOC_ID`: its current version): one document at one of its versions,
within a policy folder. Resolved here for every command that compares policies (`fuhua diff`,
`fuhua impact`); light on purpose, so resolving a side never loads the diff machinery."""
from __future__ import annotations

import dataclasses

from generator.errors import InputError
from generator.model import Policy


def with_current(policy: Policy, doc_id: str, version: str) -> Policy:
    """The policy with `version` as the document's current one (a new Policy; the old is untouched)."""
    documents = dict(policy.documents)
    documents[doc_id] = dataclasses.replace(documents[doc_id], current=version)
    return dataclasses.replace(policy, documents=documents)


def at_version(policy: Policy, ref: str, where: str) -> tuple[Policy, str, str]:
    """(policy with the ref's version current, document id, version), or InputError naming `where`."""
    doc_id, _, version = ref.partition("@")
    if doc_id not in policy.documents:
        raise InputError.single(where, f"no document '{doc_id}'; known: {', '.join(policy.documents)}")
    doc = policy.documents[doc_id]
    if version and version not in doc.versions:
        raise InputError.single(where, f"document '{doc_id}' has no version '{version}'; known: {', '.join(doc.versions)}")
    version = version or doc.current
    return with_current(policy, doc_id, version), doc_id, version
