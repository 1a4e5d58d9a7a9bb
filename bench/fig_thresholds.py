"""Threshold extraction and lint on the hand-counted texts: precision and recall per kind of unit,
subject accuracy, and lint false alarms per text (tests/corpus_scoring.py; tests/gold.py).

    python bench/fig_thresholds.py      # prints the Markdown tables for bench/RESULTS.md
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.crossref.quantities import UnitTable, find_quantities  # noqa: E402
from generator.policy import load_policy  # noqa: E402
from tests.corpus_scoring import run  # noqa: E402
from tests.gold import Score, gold, score_into  # noqa: E402

SENTENCES = ROOT / "tests" / "fixtures" / "thresholds" / "sentences.yaml"


def table(name: str, s: Score) -> str:
    lines = [f"| {name}: kind | expected | extracted | precision | recall |", "|---|---:|---:|---:|---:|"]
    for kind, t in sorted(s.kinds.items()) + [("all", s.total)]:
        lines.append(f"| {kind} | {t.expected} | {t.extracted} | {t.precision:.3f} | {t.recall:.3f} |")
    lines.append(f"\nSubjects right: {s.subjects_right}/{s.subjects_scored} ({s.subject_accuracy:.3f}).")
    return "\n".join(lines)


def main() -> None:
    policy = load_policy(None, extra_checks=False)
    units = UnitTable.from_vocabulary(policy.vocabulary)
    sentences = Score()
    for i, item in enumerate(yaml.safe_load(SENTENCES.read_text(encoding="utf-8"))):
        score_into(sentences, f"s{i}", [gold(f"s{i}", r) for r in item["expect"]], find_quantities(item["text"], units), units)
    corpus = run(policy)
    print(table("sentences", sentences) + "\n")
    print(table(f"corpus ({len(corpus.texts)} texts)", corpus.thresholds) + "\n")
    print("| text | lint findings that are true | false alarms | true findings missed | notes |")
    print("|---|---:|---:|---:|---:|")
    for t in corpus.texts:
        print(f"| {t.name} | {t.true_findings} | {len(t.false_alarms)} | {len(t.missed_findings)} | {t.notes} |")
    alarms = sum(len(t.false_alarms) for t in corpus.texts)
    print(f"\nFalse alarms per text: {alarms}/{len(corpus.texts)} = {alarms / len(corpus.texts):.2f} (worst text: "
          f"{max(len(t.false_alarms) for t in corpus.texts)}).")


if __name__ == "__main__":
    main()
