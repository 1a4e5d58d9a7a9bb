"""Compare two versions of a document: provisions, metadata and quantities.

The result is plain data (DocumentDiff) that every output format renders: text, JSON, Markdown
and the .docx 修订对照表.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.model import Provision, Version, format_doc_number
from generator.revisions import align, pending, rules
from generator.revisions.chardiff import Segment, segments
from generator.revisions.quantities import QuantityChange, compare_quantities, quantities
from generator.text import provision_lines

META_FIELDS = ("header", "title", "issuer", "status", "document_number", "dates.issued", "dates.effective", "dates.expires", "based_on", "repeals")


@dataclass
class ProvisionChange:
    old: Provision | None
    new: Provision | None
    segments: list[Segment]  # the provision's own words (heading, text, continuation)
    children: list["ProvisionChange"] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed" if self.text_changed else "renumbered" if self.renumbered else "unchanged"

    @property
    def text_changed(self) -> bool:
        return any(op != "=" for op, _ in self.segments)

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and self.old.citation != self.new.citation and self.old.num != self.new.num

    @property
    def touched(self) -> bool:
        return self.status != "unchanged" or any(c.touched for c in self.children)

    def reported(self):
        """This change and its descendants' that a reader must see (not the insides of an added or removed one)."""
        if self.status != "unchanged":
            yield self
        if self.old is not None and self.new is not None:
            for child in self.children:
                yield from child.reported()


@dataclass
class Row:
    """One row of the 修订对照表: an article (or part, chapter heading, preamble) old | new."""
    change: ProvisionChange
    segments: list[Segment]  # over the unit's printed lines joined by "\n"


@dataclass
class DocumentDiff:
    doc_id: str
    old: Version | None
    new: Version | None
    units: list[ProvisionChange]
    meta: list[tuple[str, object, object]]
    quantities: list[QuantityChange]
    rules: list[tuple[str, str]]  # (rules.* or meta.* key, added | removed | changed)
    pending: list = field(default_factory=list)  # revisions.pending.Pending: review marks the new version carries

    @property
    def provisions(self) -> list[ProvisionChange]:
        return [c for unit in self.units for c in unit.reported()]

    @property
    def rows(self) -> list[Row]:
        return [Row(u, segments(_printed(u.old), _printed(u.new))) for u in self.units if u.touched]

    @property
    def unchanged(self) -> bool:
        return not (self.provisions or self.meta or self.quantities or self.rules)


def _printed(p: Provision | None) -> str:
    if p is None:
        return ""
    lines = [p.own_text] if p.kind == "chapter" else provision_lines(p)
    return "\n".join(lines)


def _pair_text(p: Provision) -> str:
    return p.own_text if p.kind == "chapter" else p.full_text


def _change(old: Provision | None, new: Provision | None) -> ProvisionChange:
    whole = old is None or new is None  # an added or removed provision shows all its words
    words = (lambda p: "" if p is None else p.full_text if whole else p.own_text)
    change = ProvisionChange(old, new, segments(words(old), words(new)))
    if old is not None and new is not None and old.kind != "chapter":
        change.children = [_change(o, n) for o, n in align.pair(old.children, new.children, _pair_text)]
    return change


def meta_changes(old: Version, new: Version) -> list[tuple[str, object, object]]:
    def get(v: Version, name: str):
        if name == "header":
            return v.text["header"]
        if name == "document_number":
            return format_doc_number(v.meta.get(name))
        if name in ("based_on", "repeals"):
            return [ref["title"] for ref in v.meta.get(name, [])]
        node = v.meta
        for part in name.split("."):
            node = (node or {}).get(part)
        return node
    return [(name, get(old, name), get(new, name)) for name in META_FIELDS if get(old, name) != get(new, name)]


def compare(old: Version | None, new: Version | None, vocabulary: dict) -> DocumentDiff:
    """The differences from `old` to `new`; either may be None (a document added or removed)."""
    doc_id = (new or old).doc_id
    pairs = align.pair(align.units(old) if old else [], align.units(new) if new else [], _pair_text)
    units = [_change(o, n) for o, n in pairs]
    meta = meta_changes(old, new) if old and new else []
    q_old = quantities(old, vocabulary) if old else {}
    q_new = quantities(new, vocabulary) if new else {}
    return DocumentDiff(doc_id, old, new, units, meta, compare_quantities(q_old, q_new), rules.changes(old, new),
                        pending.marks(new, old) if new else [])
