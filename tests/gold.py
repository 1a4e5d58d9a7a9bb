"""Scoring extraction against thresholds counted by hand (the dev sentences of
tests/fixtures/thresholds/ and the corpus of tests/corpus/): precision and recall per kind of
unit, and how often the subject is right. Used by the tests and by bench/fig_thresholds.py."""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from generator.crossref.quantities import Quantity, UnitTable

TOLERANCE = 1e-4


@dataclass(frozen=True)
class Gold:
    """One threshold counted by hand: where (a sentence index or a citation), how, and whose."""

    where: str
    comparator: str
    value: float
    unit: str  # canonical
    subject: str | None = None


def gold_value(value) -> float:
    """500 -> 500.0; "2/3" -> 0.666…"""
    return float(Fraction(str(value)))


def gold(where: str, row: list) -> Gold:
    comparator, value, unit, subject = (list(row) + [None])[:4]
    return Gold(where, comparator, gold_value(value), str(unit), subject)


@dataclass
class Tally:
    extracted: int = 0
    expected: int = 0
    matched_extracted: int = 0
    matched_expected: int = 0

    @property
    def precision(self) -> float:
        return self.matched_extracted / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched_expected / self.expected if self.expected else 1.0


@dataclass
class Score:
    kinds: dict[str, Tally] = field(default_factory=dict)
    false_positives: list[tuple[str, str]] = field(default_factory=list)  # (where, text)
    misses: list[Gold] = field(default_factory=list)
    subjects_scored: int = 0
    subjects_right: int = 0
    wrong_subjects: list[tuple[Gold, str | None]] = field(default_factory=list)

    def tally(self, kind: str) -> Tally:
        return self.kinds.setdefault(kind, Tally())

    @property
    def total(self) -> Tally:
        t = Tally()
        for k in self.kinds.values():
            t.extracted += k.extracted
            t.expected += k.expected
            t.matched_extracted += k.matched_extracted
            t.matched_expected += k.matched_expected
        return t

    @property
    def subject_accuracy(self) -> float:
        return self.subjects_right / self.subjects_scored if self.subjects_scored else 1.0


def kind_of(unit: str, table: UnitTable) -> str:
    return table.kind(unit) or "other"


def _agrees(g: Gold, q: Quantity) -> bool:
    return (q.comparator == g.comparator and q.canonical_unit == g.unit
            and abs(float(q.value) - g.value) <= TOLERANCE * max(1.0, abs(g.value)))


def score_into(s: Score, where: str, expected: list[Gold], found: list[Quantity], table: UnitTable) -> None:
    """Pair expected and found quantities of one place one to one, in reading order."""
    left = list(found)
    for g in expected:
        s.tally(kind_of(g.unit, table)).expected += 1
        hit = next((q for q in left if _agrees(g, q)), None)
        if hit is None:
            s.misses.append(g)
            continue
        left.remove(hit)
        s.tally(kind_of(g.unit, table)).matched_expected += 1
        if g.subject:
            s.subjects_scored += 1
            if hit.subject and g.subject in hit.subject:
                s.subjects_right += 1
            else:
                s.wrong_subjects.append((g, hit.subject))
    for q in found:
        t = s.tally(kind_of(q.canonical_unit, table))
        t.extracted += 1
        if q not in left:
            t.matched_extracted += 1
    s.false_positives += [(where, q.text) for q in left]


def describe(s: Score) -> str:
    lines = [f"{'kind':<10}{'expected':>9}{'extracted':>10}{'precision':>10}{'recall':>8}"]
    for kind, t in sorted(s.kinds.items()) + [("all", s.total)]:
        lines.append(f"{kind:<10}{t.expected:>9}{t.extracted:>10}{t.precision:>10.3f}{t.recall:>8.3f}")
    lines.append(f"subjects right: {s.subjects_right}/{s.subjects_scored} ({s.subject_accuracy:.3f})")
    return "\n".join(lines)
