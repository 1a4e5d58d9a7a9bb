"""One size of figure 3, in its own process (so its peak memory is its own):

    python bench/crossref_child.py N      # prints one JSON line

Runs the real cross-reference pass (generator.crossref.report.report_data) over policy/ plus N
synthetic documents (bench/corpus.py). Its stages are timed by wrapping the functions report_data
calls; the wrapper around `align` also counts the document pairs and the largest similarity matrix,
so an all-pairs loop over the corpus would show. Alignment quality is scored separately, each
synthetic document against the text it was made from (ids are kept, so the truth is known).
"""
from __future__ import annotations

import datetime as dt
import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

TODAY = dt.date(2025, 1, 1)
QUALITY_SAMPLE = 100  # synthetic documents scored for alignment quality


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _instrument(module, name: str, seconds: dict, calls: dict, sizes: list | None = None) -> None:
    original = getattr(module, name)

    def timed(*args, **kwargs):
        if sizes is not None:
            sizes.append(len(args[0]) * len(args[1]))
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            seconds[name] += time.process_time() - start
            calls[name] += 1

    setattr(module, name, timed)


def quality(corpus, n: int) -> dict:
    """Of the provisions a synthetic document kept from its source, the share aligned to the
    same provision; of those it added, the share left without a counterpart."""
    from generator.crossref.align import align, units_of

    kept = right = added = alone = 0
    for doc_id in sorted(corpus.documents)[:n]:
        version = corpus.version(doc_id)
        if not doc_id.startswith("sim-"):
            continue
        source = corpus.version(version.meta["source_document"])
        ids = set(source.provisions)
        for pair in align(units_of(version), units_of(source)):
            if pair.a is None:
                continue
            if pair.a.key in ids:
                kept += 1
                right += pair.b is not None and pair.b.key == pair.a.key
            else:
                added += 1
                alone += pair.b is None
    return {"kept": kept, "kept_aligned_right": right / kept if kept else None,
            "added": added, "added_left_alone": alone / added if added else None}


def main(n: int) -> dict:
    import generator.crossref.report as report
    from corpus import synthetic_policy
    from generator.crossref.align import units_of
    from generator.policy import load_policy

    started = time.process_time()
    policy = load_policy()
    corpus = synthetic_policy(policy, n)
    provisions = sum(len(units_of(v)) for v in corpus.current_versions())
    setup_cpu, setup_rss = time.process_time() - started, _rss_mb()
    seconds, calls, sizes = defaultdict(float), defaultdict(int), []
    for name in ("analyse", "reference_rows", "lint", "alignment"):
        _instrument(report, name, seconds, calls)
    _instrument(report, "align", seconds, calls, sizes)
    wall, cpu = time.perf_counter(), time.process_time()
    data = report.report_data(corpus, TODAY)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "documents": len(corpus.documents), "synthetic": n, "provisions": provisions,
        "wall": wall, "cpu": cpu, "setup_cpu": setup_cpu, "rss_before_mb": setup_rss, "peak_rss_mb": _rss_mb(),
        "stages": {k: round(v, 3) for k, v in seconds.items()}, "calls": dict(calls),
        "largest_similarity_matrix": max(sizes, default=0), "similarity_cells": sum(sizes),
        "thresholds": len(data["thresholds"]), "findings": len(data["lint"]), "alignments": len(data["alignments"]),
        "quality": quality(corpus, QUALITY_SAMPLE),
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
