"""The benchmark harness (bench/) runs and reports every figure; its corpus and profile generators
do what the figures rely on. No timing is asserted: speed is reported by bench/run.py, not tested."""
from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from generator import PROJECT_ROOT

pytestmark = pytest.mark.slow  # runs the benchmarks

BENCH = PROJECT_ROOT / "bench"
sys.path.insert(0, str(BENCH))

from corpus import synthetic_policy  # noqa: E402
from profiles import generate  # noqa: E402


def test_tiny_run_prints_and_writes_every_figure(tmp_path):
    out = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, str(BENCH / "run.py"), "--tiny", "--json", str(out)],
                          capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    assert set(results["figures"]) == {"build", "checklists", "crossref", "extract", "site", "impact"}
    assert results["machine"]["cores"] >= 1
    for name, fig in results["figures"].items():
        assert fig["title"][0].isdigit() and f"### {fig['title']}" in proc.stdout, name
        assert fig["rows"] and all(len(row) == len(fig["header"]) for row in fig["rows"]), name
        numbers = {k: v for k, v in fig["ratios"].items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        assert numbers and all(math.isfinite(v) for v in numbers.values()), (name, fig["ratios"])
        # a scaling exponent fitted to a tiny run's timings may come out at or below 0 (noise); the rest are sizes and ratios
        assert all(v > 0 for k, v in numbers.items() if "measured k" not in k), (name, fig["ratios"])
        assert "Ratios: " in proc.stdout
    crossref = results["figures"]["crossref"]
    docs = [row[1] for row in crossref["rows"]]
    align_calls = [row[9] for row in crossref["rows"]]
    assert align_calls == [d - 1 for d in docs]  # one alignment per document against the reference, not all pairs


@pytest.fixture(scope="module")
def corpus(policy):
    return synthetic_policy(policy, 6, seed=1)


def test_synthetic_documents_are_perturbed_copies_that_keep_provision_ids(policy, corpus):
    synthetic = [d for d in corpus.documents if d.startswith("sim-")]
    assert len(synthetic) == 6 and set(policy.documents) < set(corpus.documents)
    sources = {corpus.version(d).meta["source_document"] for d in synthetic}
    assert sources == set(policy.documents)  # both texts are used
    for doc_id in synthetic:
        version, source = corpus.version(doc_id), policy.version(corpus.version(doc_id).meta["source_document"])
        assert version.jurisdiction == doc_id and version.title != source.title
        kept = [n for n in version.walk() if n.id in source.provisions]
        added = [n for n in version.walk() if n.id not in source.provisions]
        assert kept and len(set(n.id for n in version.walk())) == len(list(version.walk()))
        assert [n.own_text for n in version.walk()] != [n.own_text for n in source.walk()]
        assert all(n.id.startswith("added_") for n in added)
    changed = sum(corpus.version(d).provisions[p].own_text != policy.version(corpus.version(d).meta["source_document"]).provisions[p].own_text
                  for d in synthetic for p in corpus.version(d).provisions
                  if p in policy.version(corpus.version(d).meta["source_document"]).provisions)
    assert changed > 0


def test_synthetic_corpus_is_deterministic(policy, corpus):
    again = synthetic_policy(policy, 6, seed=1)
    other = synthetic_policy(policy, 6, seed=2)
    texts = lambda p: [n.own_text for d in sorted(p.documents) for n in p.version(d).walk()]  # noqa: E731
    assert texts(again) == texts(corpus)
    assert texts(other) != texts(corpus)


def test_generated_profiles_cover_every_case_and_vary(policy):
    from generator.eligibility import evaluate, export_rules

    rules = export_rules(policy)
    cases = generate(rules, 40)
    assert {(j, t) for j, t, _ in cases} == {(j, t) for j, spec in rules["jurisdictions"].items() for t in spec["types"]}
    verdicts = {evaluate(rules, t, j, p)["verdict"] for j, t, p in cases}
    assert len(verdicts) >= 2
    assert generate(rules, 40) == cases
