"""A text read as a version of its own, for `fuhua extract FILE` and `fuhua lint FILE`: it goes
through the importer (structure and metadata as `fuhua import` guesses them, review marks dropped),
so a drafter can check a text before it is in any policy folder. The policy folder only lends its
vocabulary (units) and its documents (to resolve what the text cites)."""
from __future__ import annotations

from pathlib import Path

from generator.importer.draft import draft, resolve_reviews
from generator.importer.readers import Reading
from generator.model import Policy, Version, make_version


def version_of_text(reading: Reading, path: Path, policy: Policy) -> Version:
    d = resolve_reviews(draft(reading.text, path.name, policy, reading.records))
    return make_version(path.stem, "draft", path.parent, d["meta"], d["text"], d["rules"])
