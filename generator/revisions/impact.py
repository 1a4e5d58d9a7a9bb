"""Which generated outputs a revision changes.

A revision becomes a set of change keys, `DOC_ID:KEY`:
- `DOC:text.<unit id>` for each article, part or chapter whose words or number changed;
- `DOC:rules.<section>.<name>` and `DOC:meta.<field>` for each rule or metadata field that differs,
  and for each rule that rests on a changed provision (its citation or quoted words change).
An output declares the keys it reads as fnmatch patterns; it is affected when one matches.
"""
from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase


@dataclass(frozen=True)
class Output:
    name: str  # a path under the build folder, or a folder for a group of files
    reads: tuple[str, ...]  # fnmatch patterns over change keys


@dataclass(frozen=True)
class Impact:
    output: str
    reasons: tuple[str, ...]  # the change keys that reach it


def change_keys(diff) -> list[str]:
    """The change keys of one DocumentDiff, in a stable order."""
    keys = [f"text.{(u.new or u.old).id}" for u in diff.units if u.touched]
    keys += [key for key, _ in diff.rules]
    keys += diff.cited
    return [f"{diff.doc_id}:{k}" for k in dict.fromkeys(keys)]


def affected(keys: list[str], outputs: list[Output]) -> list[Impact]:
    hits = []
    for out in outputs:
        reasons = tuple(k for k in keys if any(fnmatchcase(k, pattern) for pattern in out.reads))
        if reasons:
            hits.append(Impact(out.name, reasons))
    return hits


def build_outputs() -> list[Output]:
    """The outputs `fuhua build` writes, with the change keys each reads (see generator.build)."""
    from generator.revisions.provisional import OUTPUTS
    return OUTPUTS
