"""--document options: the current versions they name, or an input error listing the known ids."""
from __future__ import annotations

from generator.errors import InputError
from generator.model import Policy, Version


def documents_of(policy: Policy, ids: list[str] | None) -> list[Version]:
    for doc_id in ids or []:
        if doc_id not in policy.documents:
            raise InputError.single("--document", f"no document '{doc_id}'; known: {', '.join(policy.documents)}")
    return [policy.version(d) for d in (ids or sorted(policy.documents))]
