"""The corpus figures: every hand-counted text (tests/corpus/texts/NAME.* with its expectations in
tests/corpus/thresholds/NAME.yaml, and tests/fixtures/thresholds/texts/NAME.txt with NAME.expected.yaml
beside it) read as
`fuhua extract FILE` and `fuhua lint FILE` read it; thresholds scored per kind (tests/gold.py), lint
findings compared with the true ones. Used by tests/test_thresholds_corpus.py and bench."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.crossref.analysis import analyse
from generator.crossref.lint import lint_version
from generator.crossref.quantities import UnitTable
from generator.importer.readers import read
from generator.importer.standalone import version_of_text
from tests.gold import Score, gold, score_into

HERE = Path(__file__).parent
# (folder of texts, folder of expectations, suffix of an expectation file)
CORPUS_DIRS = ((HERE / "corpus" / "texts", HERE / "corpus" / "thresholds", ".yaml"),
               (HERE / "fixtures" / "thresholds" / "texts", HERE / "fixtures" / "thresholds" / "texts", ".expected.yaml"))
READABLE = (".txt", ".docx", ".pdf", ".html")
TODAY = dt.date(2026, 11, 23)


def corpus_texts() -> list[tuple[Path, Path]]:
    """(text file, expected file) of every annotated text; every text of tests/corpus/texts must be."""
    texts, expectations, suffix = CORPUS_DIRS[0]
    missing = [p.name for p in sorted(texts.iterdir()) if p.suffix in READABLE and not (expectations / (p.stem + suffix)).exists()]
    assert not missing, f"count the thresholds and lint findings of {missing} by hand into {expectations}/NAME{suffix}"
    out = []
    for texts, expectations, suffix in CORPUS_DIRS:
        for expected in sorted(expectations.glob("*" + suffix)):
            stem = expected.name.removesuffix(suffix)
            text = next((p for p in sorted(texts.glob(stem + ".*")) if p.suffix in READABLE), None)
            assert text is not None, f"{expected}: no text {stem}.* in {texts}"
            out.append((text, expected))
    return out


@dataclass
class TextResult:
    name: str
    false_alarms: list[tuple] = field(default_factory=list)  # (citation, kind, words) not among the true ones
    missed_findings: list[tuple] = field(default_factory=list)
    notes: int = 0
    true_findings: int = 0
    unknown_citations: list[str] = field(default_factory=list)  # expected thresholds at no provision


@dataclass
class CorpusResult:
    thresholds: Score = field(default_factory=Score)
    texts: list[TextResult] = field(default_factory=list)


def run(policy) -> CorpusResult:
    table = UnitTable.from_vocabulary(policy.vocabulary)
    result = CorpusResult()
    for path, expected_path in corpus_texts():
        expected = yaml.safe_load(expected_path.read_text(encoding="utf-8"))
        v = version_of_text(read(path), path, policy)
        by_citation: dict[str, list] = {}
        for f in analyse(policy, v).quantities:
            by_citation.setdefault(v.provisions[f.node].citation, []).append(f.quantity)
        t = TextResult(path.name)
        wanted = expected.get("thresholds") or {}
        for citation in sorted(set(by_citation) | set(wanted)):
            golds = [gold(f"{path.name} {citation}", row) for row in wanted.get(citation, [])]
            score_into(result.thresholds, f"{path.name} {citation}", golds, by_citation.get(citation, []), table)
            if citation not in by_citation and golds and not any(p.citation == citation for p in v.walk()):
                t.unknown_citations.append(citation)
        true = {tuple(row) for row in expected.get("lint") or []}
        found = [f for f in lint_version(policy, v, TODAY)]
        t.notes = sum(f.is_note for f in found)
        reported = {(f.citation, f.kind, f.text) for f in found if not f.is_note}
        t.false_alarms = sorted(reported - true)
        t.missed_findings = sorted(true - reported)
        t.true_findings = len(true & reported)
        result.texts.append(t)
    return result
