"""policy/ as records under change keys, so a build target can hash just the part it reads.

The keys are those of `fuhua diff` (build/impact.py): `DOC:text.<unit id>`, `DOC:rules.<section>.<name>`,
`DOC:meta.<field>`, `DOC:document`, for the current version of each document, `vocabulary.<section>` and `project.<key>`.
A target that declares the patterns it reads is rebuilt when a matching record changes, or the
numbering of a provision such a record cites (its number, id or heading, or those of its parts:
what a citation like 第六条第二项 or 三、基本条件与功能 is made of). A target that prints the words of
the provisions some records cite declares `words:PATTERN` for them (or `DOC:text.*` for all text). Read straight from the YAML,
without validation: an unreadable policy hashes as a whole, so every target rebuilds and the
build reports the problem.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from fnmatch import fnmatchcase
from pathlib import Path

MEMO = ".fuhua-slices.json"
WORDS = "words:"
UNIT_KINDS = ("chapter", "article", "part", "preamble")


def _canon(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _text_records(text: dict) -> tuple[dict, dict]:
    """(unit id -> record, provision id -> its unit id). A chapter's record is its number and heading."""
    from generator.model import build_tree  # imported only when policy/ changed: cn2an is slow to load

    records, unit_of = {}, {}
    for root in build_tree(text):
        for node in root.walk():
            unit = node
            while unit.kind not in UNIT_KINDS:
                unit = unit.parent
            unit_of[node.id] = unit.id
            if unit is node:
                data = text
                for key in node.yaml_path:
                    data = data[key]
                records[node.id] = {k: v for k, v in data.items() if k != "articles"}
    return records, unit_of


def _version_records(doc: str, vdir: Path) -> tuple[dict, dict]:
    from generator.yamlio import load_file

    meta, text, rules = (load_file(vdir / f"{part}.yaml")[0] for part in ("meta", "text", "rules"))
    out = {f"{doc}:meta.{k}": v for k, v in meta.items()}
    for section, body in rules.items():
        if section == "conditions":
            items = {f"{t}.{c['id']}": c for t, conds in body.items() for c in conds}
        elif isinstance(body, dict):
            items = body
        else:
            items = {str(rec.get("id", i)) if isinstance(rec, dict) else str(i): rec for i, rec in enumerate(body)}
        out.update({f"{doc}:rules.{section}.{name}": rec for name, rec in items.items()})
    units, unit_of = _text_records(text)
    out.update({f"{doc}:text.{uid}": rec for uid, rec in units.items()})
    out[f"{doc}:text.header"] = text.get("header")
    return out, {pid: f"{doc}:text.{uid}" for pid, uid in unit_of.items()}


def policy_records(policy_dir: Path, versions: dict[str, str] | None = None) -> tuple[dict[str, bytes], dict[str, set[str]]]:
    """(key -> canonical bytes, key -> the text keys it cites) for the current versions of policy/
    (or those `versions` names by document id); a text key's skeleton (its record without words)
    is under `skeleton:<key>`."""
    from generator.yamlio import load_file

    records, cites = {}, {}
    vocabulary = load_file(policy_dir / "vocabulary.yaml")[0]
    records.update({f"vocabulary.{k}": _canon(v) for k, v in vocabulary.items()})
    if (policy_dir / "project.yaml").is_file():
        records.update({f"project.{k}": _canon(v) for k, v in load_file(policy_dir / "project.yaml")[0].items()})
    for doc_dir in sorted(p for p in policy_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        document = load_file(doc_dir / "document.yaml")[0]
        doc = document["id"]
        records[f"{doc}:document"] = _canon(document)
        found, unit_of = _version_records(doc, doc_dir / (versions or {}).get(doc, document["current"]))
        for key, value in found.items():
            records[key] = _canon(value)
            if key.startswith(f"{doc}:text."):
                records[f"skeleton:{key}"] = _canon(_skeleton(value))
            cites[key] = {unit_of[s] for s in _strings(value) if s in unit_of}
    return records, cites


def _skeleton(node):
    """A text record without its words: what citations are made of."""
    if isinstance(node, dict):
        return {k: _skeleton(v) for k, v in node.items() if k not in ("text", "continuation")}
    if isinstance(node, list):
        return [_skeleton(v) for v in node]
    return node


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


def files_hash(policy_dir: Path) -> str:
    """Hash of every YAML file of policy/ (names and bytes): cheap, and equal when nothing changed."""
    h = hashlib.sha256()
    for path in sorted(policy_dir.rglob("*.yaml")):
        h.update(path.relative_to(policy_dir).as_posix().encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


class SliceCache:
    """Slice hashes of one policy folder for one build folder. They are remembered in
    <out>/.fuhua-slices.json under the hash of the policy files, so a build with policy/ unchanged
    reads no YAML at all."""

    def __init__(self, policy_dir: Path, out_dir: Path) -> None:
        self.policy_dir, self.memo_path = Path(policy_dir), Path(out_dir) / MEMO
        self.files = files_hash(self.policy_dir)
        try:
            memo = json.loads(self.memo_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            memo = {}
        self.memo = memo.get("slices", {}) if isinstance(memo, dict) and memo.get("policy") == self.files else {}
        self.records: tuple | None = None

    def hash(self, patterns: tuple[str, ...]) -> str:
        key = json.dumps(list(patterns), ensure_ascii=False)
        if key not in self.memo:
            if self.records is None:
                self.records = _records_or_files(self.policy_dir)
            self.memo[key] = slice_hash(*self.records, patterns)
            self._save()
        return self.memo[key]

    def _save(self) -> None:
        self.memo_path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f"{MEMO}.", dir=self.memo_path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"policy": self.files, "slices": self.memo}, f, ensure_ascii=False, sort_keys=True, indent=1)
        os.replace(tmp, self.memo_path)


def _records_or_files(policy_dir: Path) -> tuple[dict, dict]:
    try:
        return policy_records(policy_dir)
    except Exception:  # unreadable or malformed: every slice is the whole folder; validation will speak
        return {"policy/": files_hash(policy_dir).encode()}, {}


def slice_keys(records: dict[str, bytes], cites: dict[str, set[str]], patterns: tuple[str, ...] | None) -> set[str]:
    """The records matching `patterns` and the skeletons of the text units they cite; a pattern
    `words:PATTERN` takes the whole text (words too) of the units its records cite. None, or no
    match: all records."""
    def matching(pats) -> set[str]:
        return {k for k in records if any(fnmatchcase(k, p) for p in pats)}

    if patterns is None:
        return set(records)
    worded = matching([p.removeprefix(WORDS) for p in patterns if p.startswith(WORDS)])
    keys = (matching([p for p in patterns if not p.startswith(WORDS)]) | worded) or set(records)
    keys |= {f"skeleton:{c}" for k in list(keys) for c in cites.get(k, ())}
    return keys | {c for k in worded for c in cites.get(k, ())}


def slice_hash(records: dict[str, bytes], cites: dict[str, set[str]], patterns: tuple[str, ...]) -> str:
    keys = slice_keys(records, cites, patterns)
    h = hashlib.sha256()
    for key in sorted(keys):
        h.update(key.encode("utf-8") + b"\0" + hashlib.sha256(records[key]).digest())
    return h.hexdigest()
