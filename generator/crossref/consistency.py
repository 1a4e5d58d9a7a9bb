"""policy/ checked against the text: every quantity that rules.yaml encodes is in its quoted words
with the same comparator, value, unit and ratio base; every quantity the text states is encoded or
waived (rules.yaml `waivers`, with a reason); every date of meta.yaml is in its source and every
date of the text is in meta.yaml or waived.

This is also the gold standard that extraction is scored against (`score`). It uses the regex core
(quantities.py), not spaCy, so that `fuhua validate` stays fast.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.crossref.provisions import quote_spans, text_nodes
from generator.crossref.quantities import DateMention, Quantity, UnitTable, find_dates, find_quantities
from generator.model import Policy, Version
from generator.errors import dotted

@dataclass
class Encoded:
    """One number of rules.yaml that the text must state."""

    where: tuple  # path of the mapping in rules.yaml
    key: str  # value | at_least | consecutive_failures …
    provision: str
    quote: str | None
    comparator: str | None  # None: any
    value: int | float
    unit: str | None  # canonical; None: any
    base: tuple | None  # (amount, canonical unit) of a ratio

    def describe(self) -> str:
        base = f" per {self.base[0]}{self.base[1]}" if self.base else ""
        return f"{self.comparator or ''} {self.value}{self.unit or ''}{base}".strip()


@dataclass
class Found:
    """One quantity the text states, where it stands."""

    node: str  # provision id of the text node
    quantity: Quantity

    @property
    def base(self) -> tuple | None:
        b = self.quantity.base
        return (b["amount"], b["unit"]) if b else None


@dataclass
class Matching:
    pairs: list[tuple[Encoded, Found]] = field(default_factory=list)
    missing: list[tuple[Encoded, list[Found]]] = field(default_factory=list)  # with what stands there instead
    waived: list[tuple[int, Found]] = field(default_factory=list)
    unencoded: list[Found] = field(default_factory=list)
    stale_waivers: list[int] = field(default_factory=list)
    disputed: list[Found] = field(default_factory=list)  # in an encoded number's quote, disagreeing with it


def encoded_quantities(version: Version, table: UnitTable) -> list[Encoded]:
    """The numbers of rules.yaml (Rules.numbers), with their units made canonical."""
    def unit(u: str | None) -> str | None:
        return table.canonical(u) if u is not None else None

    return [Encoded(n.where, n.key, n.provision, n.quote, n.comparator, n.value, unit(n.unit),
                    (n.base[0], unit(n.base[1])) if n.base else None) for n in version.rules.numbers()]


def found_quantities(version: Version, table: UnitTable) -> list[Found]:
    return [Found(n.id, q) for n in text_nodes(version) for q in find_quantities(n.own_text, table)]


def _inside(node: str, start: int, end: int, spans) -> bool:
    return any(node == n and start < e and s < end for n, s, e in spans)


def _agrees(e: Encoded, f: Found) -> bool:
    q = f.quantity
    return (float(q.value) == float(e.value) and (e.unit is None or q.canonical_unit == e.unit)
            and (e.comparator is None or q.comparator == e.comparator) and f.base == e.base)


def match(version: Version, table: UnitTable, found: list[Found] | None = None) -> Matching:
    """Pair each encoded number with the text quantity inside its quote, one to one."""
    found = found_quantities(version, table) if found is None else found
    result = Matching()
    regions = [(e, quote_spans(version, e.provision, e.quote)) for e in encoded_quantities(version, table)]
    regions.sort(key=lambda r: sum(end - start for _, start, end in r[1]))  # specific quotes choose first
    taken: set[int] = set()
    for e, spans in regions:
        near = [f for f in found if _inside(f.node, f.quantity.start, f.quantity.end, spans)]
        hit = next((f for f in near if id(f) not in taken and _agrees(e, f)), None)
        if hit is None:
            result.missing.append((e, near))
        else:
            taken.add(id(hit))
            result.pairs.append((e, hit))
    disputed = {id(f) for _, near in result.missing for f in near if id(f) not in taken}  # reported with e
    rest = [f for f in found if id(f) not in taken | disputed]
    for i, w in enumerate(version.rules.waivers):
        spans = quote_spans(version, w.provision, w.quote)
        covered = [f for f in rest if _inside(f.node, f.quantity.start, f.quantity.end, spans)]
        result.waived += [(i, f) for f in covered]
        taken.update(id(f) for f in covered)
        if not covered and not any(_inside(n.id, d.start, d.end, spans) for n, d in found_dates(version)):
            result.stale_waivers.append(i)
    result.unencoded = [f for f in found if id(f) not in taken | disputed]
    result.disputed = [f for f in found if id(f) in disputed]
    return result


def found_dates(version: Version) -> list[tuple]:
    return [(n, d) for n in text_nodes(version) for d in find_dates(n.own_text)]


def date_problems(version: Version) -> list[tuple[str, tuple, str]]:
    """(file part, yaml path, message) for meta dates missing from the text and text dates missing from meta."""
    dates = version.meta.get("dates", {})
    encoded = {value: name for name, value in dates.items() if isinstance(value, str)}
    mentions = found_dates(version)
    source = dates.get("source") or {}
    spans = quote_spans(version, source["provision"], source.get("quote")) if source.get("provision") else None
    problems = []
    for value, name in encoded.items():
        places = [d for n, d in mentions if d.iso == value and (spans is None or _inside(n.id, d.start, d.end, spans))]
        if not places:
            where = "its source quote" if spans is not None else "the text"
            problems.append(("meta", ("dates", name), f"dates.{name}: {value} is not stated in {where}"))
    waivers = [quote_spans(version, w.provision, w.quote) for w in version.rules.waivers]
    for node, d in mentions:
        if d.iso not in encoded and not any(_inside(node.id, d.start, d.end, s) for s in waivers):
            problems.append(("text", node.yaml_path, f"{node.citation}: the date '{d.text}' is not in meta.yaml dates; encode it there or add a waiver with a reason"))
    return problems


def score(version: Version, table: UnitTable, found: list[Found] | None = None) -> dict:
    """Precision and recall of extraction against the numbers encoded in policy/ (waived ones count as correct)."""
    m = match(version, table, found)
    extracted = len(m.pairs) + len(m.waived) + len(m.unencoded) + len(m.disputed)
    encoded = len(m.pairs) + len(m.missing)
    return {
        "document": version.doc_id, "version": version.version,
        "extracted": extracted, "encoded": encoded, "matched": len(m.pairs), "waived": len(m.waived),
        "precision": round((len(m.pairs) + len(m.waived)) / extracted, 4) if extracted else 1.0,
        "recall": round(len(m.pairs) / encoded, 4) if encoded else 1.0,
        "precision_without_waivers": round(len(m.pairs) / extracted, 4) if extracted else 1.0,
        "false_positives": [_found_json(version, f) for f in m.unencoded],
        "misses": [{"rule": dotted(e.where), "expected": e.describe(), "quote": e.quote} for e, _ in m.missing],
    }


def _found_json(version: Version, f: Found) -> dict:
    return {"citation": version.provisions[f.node].citation, "text": f.quantity.text}


def check_thresholds_against_text(policy: Policy, c) -> None:
    """The `consistency` check of validation (generator/checks.py): every disagreement between the
    numbers of rules.yaml and the text, at its YAML line."""
    table = UnitTable.from_vocabulary(policy.vocabulary)
    for v in _versions(policy):
        report = _reporter(v, c)
        m = match(v, table)
        for e, near in m.missing:
            citation = v.provisions[e.provision].citation if e.provision in v.provisions else e.provision
            said = "; the quoted words say " + "、".join(f"'{f.quantity.text}'" for f in near) if near else ""
            report("rules", e.where + (e.key,), f"{dotted(e.where + (e.key,))}: {e.describe()} is not stated in the quoted words of {citation} ('{e.quote or ''}'){said}")
        for f in m.unencoded:
            node = v.provisions[f.node]
            report("text", node.yaml_path, f"{node.citation}: the text states the threshold '{f.quantity.text}' but rules.yaml does not encode it; encode it, or add it to waivers with a reason")
        for i in m.stale_waivers:
            w = v.rules.waivers[i]
            report("rules", ("waivers", i, "quote"), f"waivers[{i}]: no quantity or date of {w.provision} lies in the quoted words '{w.quote}'; remove the waiver")


def check_dates_against_text(policy: Policy, c) -> None:
    """The `text dates` check of validation: meta.yaml's dates against the dates the text states."""
    for v in _versions(policy):
        report = _reporter(v, c)
        for part, where, message in date_problems(v):
            report(part, where, message)


def _versions(policy: Policy):
    return [v for doc in policy.documents.values() for v in doc.versions.values()]


def _reporter(v: Version, c):
    def report(part: str, where: tuple, message: str) -> None:
        c.add(v.directory / f"{part}.yaml", v.marks[part], where, message)
    return report
