"""What `fuhua extract` and `fuhua lint` read: text files given on the command line (each read through
the importer as a version of its own), else the current versions the --document options name (all
documents by default), or an input error listing the known ids."""
from __future__ import annotations

from generator.errors import InputError
from generator.model import Policy, Version


def documents_of(policy: Policy, ids: list[str] | None) -> list[Version]:
    for doc_id in ids or []:
        if doc_id not in policy.documents:
            raise InputError.single("--document", f"no document '{doc_id}'; known: {', '.join(policy.documents)}")
    return [policy.version(d) for d in (ids or sorted(policy.documents))]


def versions_of(policy: Policy, files: list[str] | None, ids: list[str] | None) -> list[Version]:
    if files:
        from generator.crossref.standalone import version_of_file

        return [version_of_file(f, policy) for f in files]
    return documents_of(policy, ids)
