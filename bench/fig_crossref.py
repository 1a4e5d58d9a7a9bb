"""Figure 3: the cross-reference pass over policy/ plus a synthetic corpus (bench/corpus.py) of
10, 100 and 1,000 documents, each size in its own process (bench/crossref_child.py): time, peak
memory, the stages, and how the alignment's cost grows with the number of provisions."""
from __future__ import annotations

import json
import math
from pathlib import Path

from measure import PYTHON, run_child, timed

TIME_GOAL, MEMORY_GOAL_MB, GOAL_SIZE = 60.0, 2048.0, 1000
CHILD = Path(__file__).with_name("crossref_child.py")


def pair_scaling(factors: tuple[int, ...]) -> list[tuple[int, float]]:
    """(provisions, CPU ms per provision) of aligning one synthetic Tianjin-like document with the
    real one, both made k times longer by repeating them (k synthetic variants on one side)."""
    from corpus import synthetic_policy
    from generator.crossref.align import Unit, align, units_of
    from generator.policy import load_policy

    policy = load_policy()
    corpus = synthetic_policy(policy, 2 * max(factors))
    variants = [units_of(corpus.version(f"sim-{2 * j + 2:04d}")) for j in range(max(factors))]  # even: from Tianjin
    reference = units_of(policy.version("tianjin-measures"))
    out = []
    for k in factors:
        a = [Unit(f"{j}:{u.key}", u.citation, f"{j}:{u.group}", u.text) for j in range(k) for u in variants[j]]
        b = [Unit(f"{j}:{u.key}", u.citation, f"{j}:{u.group}", u.text) for j in range(k) for u in reference]
        _, cpu, _ = timed(align, a, b)
        out.append((len(a) + len(b), 1e3 * cpu / (len(a) + len(b))))
    return out


def figure(sizes: tuple[int, ...], pair_factors: tuple[int, ...]) -> dict:
    results = []
    for n in sizes:
        run = run_child([PYTHON, CHILD, n])
        results.append({**json.loads(run.stdout), "process_wall": run.wall, "process_peak_mb": run.maxrss_mb})
    rows = []
    for r in results:
        s = r["stages"]
        rows.append((r["synthetic"], r["documents"], r["provisions"], r["wall"], r["cpu"], r["process_peak_mb"],
                     s.get("analyse", 0), s.get("lint", 0), s.get("alignment", 0), r["calls"].get("align", 0),
                     1e3 * s.get("align", 0) / r["provisions"], 1e6 * r["cpu"] / r["provisions"]))
    first, last = results[0], results[-1]
    growth = math.log(last["provisions"] / first["provisions"])
    exponent = math.log(max(last["stages"]["align"], 1e-9) / max(first["stages"]["align"], 1e-9)) / growth
    nlogn = 1 + math.log(math.log(last["provisions"]) / math.log(first["provisions"])) / growth
    goal = next((r for r in results if r["synthetic"] == GOAL_SIZE), None)
    how = "measured"
    if goal is None:  # a quick run: project the largest size linearly (the figure shows the pass is linear)
        scale, how = GOAL_SIZE / last["synthetic"], "projected"
        goal = {"wall": last["wall"] * scale,
                "process_peak_mb": last["rss_before_mb"] + (last["process_peak_mb"] - last["rss_before_mb"]) * scale}
    ratios = {
        "alignment time ∝ provisions^k, measured k": exponent,
        "k for n log n over these sizes (all pairs of documents: 2)": nlogn,
        "align calls / documents (largest run)": last["calls"]["align"] / last["documents"],
        "largest similarity matrix (cells)": last["largest_similarity_matrix"],
    }
    ratios[f"{GOAL_SIZE:,} documents ({how}): time / goal"] = goal["wall"] / TIME_GOAL
    ratios[f"{GOAL_SIZE:,} documents ({how}): peak memory / goal"] = goal["process_peak_mb"] / MEMORY_GOAL_MB
    ratios[f"goal (≤ 60 s and ≤ 2 GB) met ({how})"] = goal["wall"] <= TIME_GOAL and goal["process_peak_mb"] <= MEMORY_GOAL_MB
    pairs = pair_scaling(pair_factors)
    q = last["quality"]
    return {
        "title": "3. Cross-reference pass (`report_data`: extraction, references, lint, alignment, threshold comparison) "
                 f"over policy/ plus a synthetic corpus of {', '.join(f'{n:,}' for n in sizes)} documents",
        "header": ("synthetic docs", "documents", "provisions", "wall s", "CPU s", "peak RSS MB", "extraction s", "lint s",
                   "alignment + comparison s", "align calls", "align ms / provision", "µs CPU / provision"),
        "rows": rows, "ratios": ratios,
        "notes": [f"before the pass: {first['rss_before_mb']:.0f} MB resident (Python, spaCy, SciPy, the corpus of the smallest run)",
                  f"alignment quality on {min(last['synthetic'], 100)} synthetic documents against their sources: "
                  f"{q['kept_aligned_right']:.1%} of {q['kept']:,} kept provisions paired with their origin, "
                  f"{q['added_left_alone']:.1%} of {q['added']:,} added provisions left without a counterpart",
                  "one pair of documents made k times longer (k = " + ", ".join(map(str, pair_factors)) + "): "
                  + ", ".join(f"{n:,} provisions {ms:.2f} ms/provision" for n, ms in pairs)
                  + " (within a pair the similarity matrix is dense and the assignment Hungarian; a document has a few hundred provisions)"],
    }
