"""The review marks a version still carries (`fuhua import REVISED --into DOC --version NAME` puts them
on every rule whose number changed or whose quote is gone, and on the carried status and dates):
`fuhua diff` lists them, so a drafter sees the 新旧对照 before resolving them."""
from __future__ import annotations

from dataclasses import dataclass

from generator.errors import InputError
from generator.model import Version
from generator.policy import review_marks, without_review_marks
from generator.yamlio import load_file


@dataclass(frozen=True)
class Pending:
    key: str  # as the rule and metadata records are keyed: rules.conditions.incubator.inc_site_area, meta.status
    citation: str | None  # of the provision the rule cites
    message: str


def _key(part: str, data: dict, where: tuple) -> str:
    """The record key of revisions.rules.records for the record at `where`."""
    if part == "meta" or not where:
        return ".".join((part, *map(str, where[:1])))
    section, rest = where[0], where[1:]
    if section == "conditions" and len(rest) >= 2:
        return f"rules.conditions.{rest[0]}.{data[section][rest[0]][rest[1]]['id']}"
    if rest and isinstance(data.get(section), list):
        record = data[section][rest[0]]
        return f"rules.{section}.{record.get('id', rest[0]) if isinstance(record, dict) else rest[0]}"
    return ".".join(("rules", section, *map(str, rest[:1])))


def _provision(data, where: tuple) -> str | None:
    node = data
    for step in where:
        node = node[step]
    return node.get("provision") if isinstance(node, dict) else None


def _citation(pid: str | None, version: Version, old: Version | None) -> str | None:
    """第五条第一项 in the version; 原第五条第五项 when only the old version has the provision."""
    if pid in version.provisions:
        return version.provisions[pid].citation
    if old is not None and pid in old.provisions:
        return "原" + old.provisions[pid].citation
    return None


def marks(version: Version, old: Version | None = None) -> list[Pending]:
    """Every review mark in the version's meta.yaml and rules.yaml, in file order (`old`: the version
    it is compared with, which may still hold a provision the rule cites)."""
    out = []
    for part in ("meta", "rules"):
        path = version.directory / f"{part}.yaml"
        try:
            raw = load_file(path)[0] if path.is_file() else None
        except InputError:
            raw = None
        if not isinstance(raw, dict):
            continue
        data = without_review_marks(raw)
        for where, message in review_marks(raw):
            pid = _provision(data, where) if part == "rules" else None
            out.append(Pending(_key(part, data, where), _citation(pid, version, old), message))
    return out
