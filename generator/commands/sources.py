"""What `fuhua extract` and `fuhua lint` read: the text files named on the command line, each read as
`fuhua import` reads it and taken as a version of its own, else the documents of --policy. Files need
no policy folder: without one (no --policy, $FUHUA_POLICY or policy/ above), the shipped shared
vocabulary lends the units and no document is known."""
from __future__ import annotations

from pathlib import Path

from generator import VOCABULARY_FILE
from generator.crossref.selection import documents_of
from generator.errors import InputError
from generator.frozen import FrozenDict, freeze
from generator.importer.readers import read
from generator.importer.standalone import version_of_text
from generator.model import Policy, Version
from generator.policy import load_policy
from generator.workspace import find_policy_dir
from generator.yamlio import load_file


def policy_of(policy_dir: str | None, files: list[str] | None) -> Policy:
    """The policy a command reads (without the checks against the text: it works while rules.yaml is
    being edited); for files outside any policy folder, the shipped vocabulary alone."""
    if files and not policy_dir:
        try:
            find_policy_dir(None)
        except InputError:
            return Policy(Path.cwd(), freeze(load_file(VOCABULARY_FILE)[0]), FrozenDict())
    return load_policy(policy_dir, extra_checks=False)


def versions_of(policy: Policy, files: list[str] | None, ids: list[str] | None) -> list[Version]:
    if files:
        return [version_of_text(read(Path(f)), Path(f), policy) for f in files]
    return documents_of(policy, ids)
