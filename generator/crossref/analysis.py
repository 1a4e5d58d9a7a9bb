"""The spaCy pass over a version: every text provision through the pipeline (nlp.pipe), its spans
read back into plain data while the Doc is alive."""
from __future__ import annotations

from dataclasses import dataclass

from generator.crossref.consistency import Found
from generator.crossref.pipeline import make_nlp
from generator.crossref.provisions import text_nodes
from generator.crossref.quantities import Quantity
from generator.crossref.references import Reference
from generator.model import Policy, Provision, Version


@dataclass
class Analysis:
    version: Version
    quantities: list[Found]
    references: list[tuple[Provision, Reference]]

    def quantities_by_node(self) -> dict[str, list[Quantity]]:
        out: dict[str, list[Quantity]] = {}
        for f in self.quantities:
            out.setdefault(f.node, []).append(f.quantity)
        return out


def analyse(policy: Policy, version: Version) -> Analysis:
    nlp = make_nlp(policy.vocabulary)
    nodes = text_nodes(version)
    found: list[Found] = []
    refs: list[tuple[Provision, Reference]] = []
    for node, doc in zip(nodes, nlp.pipe(n.own_text for n in nodes)):
        found += [Found(node.id, span._.quantity) for span in doc.spans["quantities"]]
        refs += [(node, span._.reference) for span in doc.spans["references"]]
    return Analysis(version, found, refs)


def threshold_items(analysis: Analysis) -> list[dict]:
    """The JSON items of `fuhua extract`: document, citation, comparator, value and unit as written,
    the matched text, and period, ratio base, share whole and subject."""
    v = analysis.version
    items = []
    for f in analysis.quantities:
        q = f.quantity
        items.append({
            "document": v.doc_id, "version": v.version, "provision": f.node, "citation": v.provisions[f.node].citation,
            "comparator": q.comparator, "value": q.value, "value_text": q.value_text, "unit": q.unit,
            "canonical_unit": q.canonical_unit, "text": q.text, "start": q.start, "end": q.end,
            "period": q.period, "base": q.base, "of": q.of, "subject": q.subject,
        })
    return items
