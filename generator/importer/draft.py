"""`fuhua import`: a plain policy text -> a draft version (meta.yaml, text.yaml, rules.yaml).

The structure comes from importer.structure, the metadata from the header and words
(importer.meta), the rules from the cross-reference pass's quantities (importer.rules). Every guess
carries a `review` mark that the schemas reject, so `fuhua validate` fails until a drafter has
checked each one and deleted its mark.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator import TEMPLATES_DIR
from generator.errors import InputError, Problem
from generator.importer.structure import CN, parse_text
from generator.model import Policy, Version, make_version
from generator.importer.meta import REVIEW, guess_meta
from generator.policy import without_review_marks
from generator.importer.rules import propose
from generator.yamlio import control_chars, load_file

PARTS = ("meta", "text", "rules")
SEPARATOR = re.compile(rf"^\s*(?:第[{CN}]+[章条]|\d+[.．])[ \u3000]+", re.M)  # 第一条  为… / 1. 基本
LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e"  # str.splitlines() ends a line at each
SCHEMA_COMMENT = "# yaml-language-server: $schema=../../../schemas/{part}.schema.json\n"


def phrases() -> dict:
    return load_file(TEMPLATES_DIR / "revisions" / "import.yaml")[0]


def _normalisations(raw: str, parsed: dict, version: Version, notes: dict, read: tuple = ()) -> list[dict]:
    records = [{"kind": r["kind"], "note": notes[r["kind"]].format(count=r.get("count", 0))} for r in read]
    if any(not line.strip() for line in raw.strip().splitlines()):
        records.append({"kind": "blank_lines", "note": notes["blank_lines"]})
    if SEPARATOR.search(raw):
        records.append({"kind": "separator_space", "note": notes["separator_space"]})
    for r in parsed["normalisations"]:
        if r["kind"] == "page_break":
            node = next((n for n in version.walk() if r["before"] + r["after"] in n.own_text), None)
            r = {"kind": "page_break", **({"provision": node.id} if node else {}), "before": r["before"], "after": r["after"]}
        records.append(r)
    return records


def _refuse_control_characters(raw: str, source_name: str) -> None:
    """A policy file cannot hold control characters (.docx and HTML cannot carry them); the line
    breaks among them, such as a PDF's form feed between pages, only end a line."""
    problems = []
    for lineno, line in enumerate(raw.split("\n"), start=1):
        if bad := [c for c in control_chars(line) if c not in LINE_BREAKS]:
            problems.append(Problem(source_name, lineno, line.index(bad[0]) + 1, f"control character U+{ord(bad[0]):04X}; remove it"))
    if problems:
        raise InputError(problems)


def draft(raw: str, source_name: str, policy: Policy, read: tuple = ()) -> dict:
    """{'meta', 'text', 'rules'} of a draft version of the text `raw`; `read`: the reader's records."""
    _refuse_control_characters(raw, source_name)
    try:
        parsed = parse_text(raw)
    except ValueError as exc:
        raise InputError.single(source_name, str(exc)) from None
    text = {k: v for k, v in parsed.items() if k not in ("layout", "normalisations")}
    version = make_version("draft", "draft", Path("."), {}, text, {})
    p = phrases()
    meta = guess_meta(version, policy, p, source_name, _normalisations(raw, parsed, version, p["notes"], read))
    rules = propose(version, policy.vocabulary, meta["title"], meta["dates"], p)
    return {"meta": meta, "text": text, "rules": rules}


def resolve_reviews(node):
    """The draft with every review mark deleted (as a drafter does after checking each one)."""
    return without_review_marks(node)


def count_reviews(node) -> int:
    if isinstance(node, dict):
        return (REVIEW in node) + sum(count_reviews(v) for v in node.values())
    if isinstance(node, list):
        return sum(count_reviews(v) for v in node)
    return 0


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096)


def files(d: dict) -> dict[str, bytes]:
    """The version folder's files, each with the schema comment editors use."""
    return {f"{part}.yaml": (SCHEMA_COMMENT.format(part=part) + dump(d[part])).encode("utf-8") for part in PARTS}
