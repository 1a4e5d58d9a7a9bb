"""The corpus goals of issue 14, measured on every hand-counted text: threshold precision and recall
of at least 0.95 for each kind of unit, and at most one lint false alarm per text (notes are not
alarms), every true finding reported. bench/RESULTS.md reports the same figures."""
import pytest

from tests.corpus_scoring import corpus_texts, run


@pytest.fixture(scope="module")
def result(policy):
    return run(policy)


def test_the_corpus_is_there():
    assert len(corpus_texts()) >= 20


def test_threshold_precision_and_recall_per_kind(result):
    s = result.thresholds
    assert set(s.kinds) >= {"money", "count", "area", "share", "duration"}
    for kind, t in s.kinds.items():
        assert t.precision >= 0.95, (kind, t.precision, s.false_positives)
        assert t.recall >= 0.95, (kind, t.recall, [g for g in s.misses])
    assert s.subject_accuracy >= 0.9, s.wrong_subjects


def test_every_expected_citation_exists(result):
    assert [(t.name, t.unknown_citations) for t in result.texts if t.unknown_citations] == []


def test_lint_false_alarms_at_most_one_per_text_and_no_true_finding_missed(result):
    assert [(t.name, t.false_alarms) for t in result.texts if len(t.false_alarms) > 1] == []
    assert [(t.name, t.missed_findings) for t in result.texts if t.missed_findings] == []
