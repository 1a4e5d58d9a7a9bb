"""`fuhua import REVISED --into DOC --version NAME`: a revised text as a new version of a document,
carrying the hand-encoded rules forward.

1. The revised text is read and parsed like any import.
2. Its provisions are paired with the current version's (revisions.align: by text similarity, one
   to one, articles across the whole document, paragraphs and items inside paired parents), and
   each paired provision takes the old id, so a renumbered article keeps its rules. A new
   provision whose positional id is taken gets a fresh one.
3. Every rule, date source, basis and repeal (anything with `provision` and `quote`) is checked
   against the new text: a quote that still stands is carried over unchanged; a quote whose words
   stand with other numbers takes the new quote and the new values, marked for review; a quote
   that is gone is kept as it was, marked broken for review.
4. meta.yaml is the current version's, with this file's source and normalisations, marked for
   review where the revision may change it (status, dates).
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.crossref.provisions import quote_spans
from generator.importer.draft import REVIEW, draft, phrases
from generator.importer.readers import Reading
from generator.model import Policy, Provision, Version, make_version
from generator.revisions.align import pair

NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class Carried:
    unchanged: int = 0
    renewed: list[str] = field(default_factory=list)  # "provision: old quote -> new quote"
    broken: list[str] = field(default_factory=list)
    kept_ids: int = 0
    new_provisions: list[str] = field(default_factory=list)


def _version(doc_id: str, name: str, text: dict) -> Version:
    version = make_version(doc_id, name, Path("."), {}, text, {})
    return version


def _node_dict(text: dict, path: tuple) -> dict:
    node = text
    for key in path:
        node = node[key]
    return node


def _text_of(p: Provision) -> str:
    return p.full_text


def _pairs(old: list[Provision], new: list[Provision]):
    """Paired (old, new) provisions at this level and, inside each pair, below it."""
    for o, n in pair(old, new, _text_of):
        if o is not None and n is not None:
            yield o, n
            if o.kind not in ("chapter", "section"):  # their articles are paired across the document
                yield from _pairs(o.children, n.children)


def _units(version: Version) -> list[Provision]:
    """Chapters, sections, articles, parts and the rest of the top level: paired across the document."""
    out = []
    for root in version.roots:
        out.append(root)
        for child in root.children if root.kind == "chapter" else ():
            out.append(child)
            if child.kind == "section":
                out += child.children
    return out


def keep_ids(old: Version, text: dict, carried: Carried) -> dict:
    """The revised text with each provision paired to an old one under the old id."""
    text = copy.deepcopy(text)
    neutral = copy.deepcopy(text)  # positional ids would pair 第十条 with the old 第十条: pair by text alone
    for node in _version(old.doc_id, "new", neutral).walk():
        if node.yaml_path and "id" in (entry := _node_dict(neutral, node.yaml_path)):
            entry["id"] = f"new_{entry['id']}"
    new = _version(old.doc_id, "new", neutral)
    old_units, new_units = _units(old), _units(new)
    wanted: dict[tuple, str] = {}
    for o, n in _pairs(old_units, new_units):
        if o.kind == n.kind and n.yaml_path:
            wanted[n.yaml_path] = o.id
    for path, oid in wanted.items():
        _node_dict(text, path)["id"] = oid
    carried.kept_ids = len(wanted)
    # a new provision must not take an id the revision keeps for an old one
    taken = set(wanted.values())
    for node in _version(old.doc_id, "new", text).walk():
        if node.yaml_path and node.yaml_path not in wanted and node.kind not in ("preamble",):
            carried.new_provisions.append(node.citation)
            if node.id in taken:
                fresh = next(f"{node.id}_new{k or ''}" for k in range(0, 99) if f"{node.id}_new{k or ''}" not in taken)
                _node_dict(text, node.yaml_path)["id"] = fresh
                taken.add(fresh)
    _drop_default_ids(text, old.doc_id)
    return text


def _drop_default_ids(text: dict, doc_id: str) -> None:
    """Remove an explicit paragraph or item id that equals the one build_tree gives anyway."""
    for node in list(_version(doc_id, "new", text).walk()):
        if node.kind in ("chapter", "section", "article", "part", "attachment", "preamble") or not node.yaml_path:
            continue
        entry = _node_dict(text, node.yaml_path)
        if "id" not in entry:
            continue
        explicit = entry.pop("id")
        default = next(n.id for n in _version(doc_id, "new", text).walk() if n.yaml_path == node.yaml_path)
        if default != explicit:
            entry["id"] = explicit


def _quoted(node: dict) -> bool:
    return isinstance(node.get("provision"), str) and isinstance(node.get("quote"), str)


def _renewed_quote(version: Version, provision: str, quote: str) -> str | None:
    """The quote with other numbers, when its words stand in the provision (A平方米 -> B平方米)."""
    if not NUMBER.search(quote) or provision not in version.provisions:
        return None
    pattern = re.compile("".join(r"(\d+(?:\.\d+)?)" if NUMBER.fullmatch(piece) else re.escape(piece)
                                 for piece in re.split(r"(\d+(?:\.\d+)?)", quote) if piece))
    hits = [m.group() for n in version.provisions[provision].walk() for m in pattern.finditer(n.own_text)]
    return hits[0] if len(set(hits)) == 1 else None


def _set_numbers(node, changes: dict[float, float]):
    """Every number field of a rule (not ids or quotes) that had an old quoted value takes the new one."""
    if isinstance(node, dict):
        return {k: (v if k in ("provision", "quote", "id") else _set_numbers(v, changes)) for k, v in node.items()}
    if isinstance(node, list):
        return [_set_numbers(v, changes) for v in node]
    if isinstance(node, (int, float)) and not isinstance(node, bool) and float(node) in changes:
        value = changes[float(node)]
        return int(value) if value == int(value) else value
    return node


def carry(node, version: Version, notes: dict, carried: Carried, old: Version):
    """The rules (or metadata) with every quote checked against the revised text."""
    if isinstance(node, list):
        return [carry(v, version, notes, carried, old) for v in node]
    if not isinstance(node, dict):
        return node
    node = {k: carry(v, version, notes, carried, old) for k, v in node.items()}
    if not _quoted(node):
        return node
    provision, quote = node["provision"], node["quote"]
    if provision in version.provisions and quote_spans(version, provision, quote):
        carried.unchanged += 1
        return node
    renewed = _renewed_quote(version, provision, quote)
    if renewed is not None:
        old_numbers = [float(x) for x in NUMBER.findall(quote)]
        new_numbers = [float(x) for x in NUMBER.findall(renewed)]
        changes = {o: n for o, n in zip(old_numbers, new_numbers) if o != n}
        node = {**_set_numbers(node, changes), "quote": renewed}
        node[REVIEW] = notes["renewed"].format(old=quote, new=renewed)
        carried.renewed.append(f"{version.provisions[provision].citation}: {quote} -> {renewed}")
        return node
    where = (version.provisions[provision].citation if provision in version.provisions
             else f"原{old.provisions[provision].citation}" if provision in old.provisions else provision)
    node[REVIEW] = notes["broken"].format(quote=quote)
    carried.broken.append(f"{where}: {quote}")
    return node


def revise(reading: Reading, source_name: str, policy: Policy, doc_id: str, name: str) -> tuple[dict, Carried]:
    """{'meta', 'text', 'rules'} of version `name` of document `doc_id`, read from the revised file."""
    old = policy.version(doc_id)
    d = draft(reading.text, source_name, policy, reading.records)
    carried = Carried()
    text = keep_ids(old, d["text"], carried)
    new = _version(doc_id, name, text)
    notes = phrases()["revision"]
    rules = carry(copy.deepcopy(old.raw_rules), new, notes, carried, old)
    meta = {k: v for k, v in copy.deepcopy(old.meta).items() if k not in ("source_file", "normalisations", "fixture")}
    meta = carry(meta, new, notes, carried, old)
    meta["source_file"] = source_name
    meta["normalisations"] = d["meta"]["normalisations"]
    meta[REVIEW] = {"status": notes["status"], "dates": notes["dates"]}
    return {"meta": meta, "text": text, "rules": rules}, carried


def register(document_file: Path, name: str) -> bytes:
    """document.yaml with `name` added to its versions (not current), comments kept."""
    source = document_file.read_text(encoding="utf-8")
    flow = re.compile(r"^(versions:\s*\[)([^\]]*)(\])", re.M)
    if m := flow.search(source):
        items = [v.strip() for v in m.group(2).split(",") if v.strip()]
        return flow.sub(lambda m: m.group(1) + ", ".join([*items, name]) + m.group(3), source, count=1).encode("utf-8")
    block = re.compile(r"^(versions:\s*\n(?:[ \t]*-[^\n]*\n)+)", re.M)
    if m := block.search(source):
        indent = re.match(r"[ \t]*", m.group(1).splitlines()[1]).group()
        return (source[:m.end()] + f"{indent}- {name}\n" + source[m.end():]).encode("utf-8")
    raise ValueError("document.yaml has no versions list")
