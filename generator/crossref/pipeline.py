"""The spaCy pipeline of the cross-reference pass: spacy.blank("zh") (char segmenter, no model,
offline) plus two components registered with @Language.factory:

- `fuhua_quantities` puts thresholds in doc.spans["quantities"] and dates in doc.spans["dates"];
- `fuhua_references` puts references in doc.spans["references"].

Each span carries its reading as Span extensions: the record itself (span._.quantity,
._.reference, ._.date) and its fields as read-only extensions (span._.comparator, ._.value,
._.unit, ._.period, ._.base, ._.subject, ._.ref_kind, ._.iso_date …), so other components can
be added after these. The matching
itself is one compiled regex per component over doc.text (quantities.py, references.py), mapped
back with doc.char_span(..., alignment_mode="expand").
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from generator.crossref.quantities import UnitTable, find_dates, find_quantities
from generator.crossref.references import find_references

QUANTITY_FIELDS = ("comparator", "value", "value_text", "unit", "canonical_unit", "period", "base", "of", "subject", "bound")
REFERENCE_FIELDS = ("ref_kind", "title", "number", "path")
TEXT_KEY = "fuhua_text"


def _reader(record: str, name: str):
    return lambda span: getattr(getattr(span._, record), name, None)


# One stored record per span (span._.quantity, ._.reference, ._.date); the readable fields are getters on it.
for _record in ("quantity", "reference", "date"):
    if not Span.has_extension(_record):
        Span.set_extension(_record, default=None)
for _record, _fields in (("quantity", QUANTITY_FIELDS), ("reference", REFERENCE_FIELDS), ("date", ("iso",))):
    for _name in _fields:
        _extension = "iso_date" if _name == "iso" else _name
        if not Span.has_extension(_extension):
            Span.set_extension(_extension, getter=_reader(_record, "kind" if _name == "ref_kind" else _name))


class TextKeepingTokenizer:
    """The pipeline's tokenizer, keeping the input string on the Doc, so that components read it
    without spaCy rebuilding doc.text token by token (that costs as much as the tokenizing)."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        doc = self.inner(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def __getattr__(self, name):
        return getattr(self.inner, name)


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(TEXT_KEY)
    if text is None:  # a Doc made by another pipeline
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def _span(doc: Doc, start: int, end: int, label: str) -> Span:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


class QuantityTagger:
    def __init__(self, table: UnitTable) -> None:
        self.table = table

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        spans = []
        for q in find_quantities(text, self.table):
            # spaCy keeps a span's extensions by its offsets alone, and both ends of a range (3至5年) span
            # the range: the lower end's span stops one character short of it
            span = _span(doc, q.start, q.end - (q.bound == "lower"), "QUANTITY")
            span._.quantity = q
            spans.append(span)
        doc.spans["quantities"] = spans
        dates = []
        for d in find_dates(text):
            span = _span(doc, d.start, d.end, "DATE")
            span._.date = d
            dates.append(span)
        doc.spans["dates"] = dates
        return doc


class ReferenceTagger:
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for r in find_references(doc_text(doc)):
            span = _span(doc, r.start, r.end, r.kind.upper())
            span._.reference = r
            spans.append(span)
        doc.spans["references"] = spans
        return doc


@Language.factory("fuhua_quantities", default_config={"units": []})
def make_quantity_tagger(nlp: Language, name: str, units: list[list[str]]) -> QuantityTagger:
    """units: [written, canonical, kind] rows, e.g. UnitTable.from_vocabulary(v).as_config()."""
    if not units:
        raise ValueError("fuhua_quantities needs units (UnitTable.from_vocabulary(vocabulary).as_config())")
    return QuantityTagger(UnitTable(tuple(tuple(u) for u in units)))


@Language.factory("fuhua_references")
def make_reference_tagger(nlp: Language, name: str) -> ReferenceTagger:
    return ReferenceTagger()


@lru_cache(maxsize=4)
def _nlp(table: UnitTable) -> Language:
    nlp = spacy.blank("zh")  # the default char segmenter: no download, no global jieba state
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    nlp.add_pipe("fuhua_quantities", config={"units": table.as_config()})
    nlp.add_pipe("fuhua_references")
    return nlp


def make_nlp(vocabulary: dict) -> Language:
    """The pipeline for the units of policy/vocabulary.yaml (cached: one per unit table)."""
    return _nlp(UnitTable.from_vocabulary(vocabulary))
