"""A text file read as a version of its own, for `fuhua extract FILE` and `fuhua lint FILE`: the
file goes through the importer (structure and metadata as `fuhua import` guesses them, review marks
dropped), so a drafter can check a text before it is in any policy folder. The policy folder only
lends its vocabulary (units) and its documents (to resolve what the text cites)."""
from __future__ import annotations

from pathlib import Path

from generator.model import Policy, Version, build_tree


def read_text(path: Path) -> str:
    """The file's text, read as `fuhua import` reads it."""
    from generator.commands.import_text import _read

    return _read(path)


def version_of_file(path: str | Path, policy: Policy) -> Version:
    from generator.importer.draft import draft, resolve_reviews

    path = Path(path)
    d = resolve_reviews(draft(read_text(path), path.name, policy))
    version = Version(path.stem, "draft", path.parent, d["meta"], d["text"], d["rules"])
    version.roots = build_tree(d["text"])
    version.provisions = {n.id: n for n in version.walk()}
    return version
