"""What `fuhua extract` and `fuhua lint` read: the text files named on the command line, each read as
`fuhua import` reads it and taken as a version of its own, else the documents of --policy."""
from __future__ import annotations

from pathlib import Path

from generator.crossref.selection import documents_of
from generator.importer.readers import read
from generator.importer.standalone import version_of_text
from generator.model import Policy, Version


def versions_of(policy: Policy, files: list[str] | None, ids: list[str] | None) -> list[Version]:
    if files:
        return [version_of_text(read(Path(f)), Path(f), policy) for f in files]
    return documents_of(policy, ids)
