"""Figure 1: a full `fuhua build` of every target but the HTML site, into an empty folder, and a
no-change rebuild of the same folder. Each run is a fresh process, as a user runs it. The full
build is also timed without the cross-reference target, whose imports (spaCy, SciPy) dominate."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from measure import PYTHON, median, run_child

FULL_GOAL, NOCHANGE_GOAL = 2.0, 0.2
HEAVY = "crossref"  # imports spaCy and scipy.optimize
IMPORTS = "import spacy, scipy.optimize"


def targets() -> list[str]:
    from generator.build import TARGETS
    return [t.name for t in TARGETS if "site" not in t.name]


def figure(reps: int) -> dict:
    names = targets()
    light = [n for n in names if n != HEAVY]
    work = Path(tempfile.mkdtemp(prefix="fuhua-bench-build-"))
    try:
        def build(out: Path, only: list[str]):
            return run_child([PYTHON, "-m", "generator", "build", "--out", out, "-q", "--only", *only])

        build(work / "warmup", names)  # compiles bytecode into the cache, not counted
        full, nochange, without, imports = [], [], [], []
        for i in range(reps):
            out = work / f"run{i}"
            full.append(build(out, names))
            nochange.append(build(out, names))
            if "0 written" not in nochange[-1].stdout or "rebuilt: none" not in nochange[-1].stdout:
                raise RuntimeError(f"the second build was not a no-change build: {nochange[-1].stdout}")
            without.append(build(work / f"light{i}", light))
            imports.append(run_child([PYTHON, "-c", IMPORTS]))
        files = sum(1 for p in (work / "run0").rglob("*") if p.is_file() and not p.name.startswith(".fuhua"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = [(f"full build ({files} files)", full, FULL_GOAL), ("no-change rebuild", nochange, NOCHANGE_GOAL),
            (f"full build without the {HEAVY} target", without, FULL_GOAL),
            (f"`python -c '{IMPORTS}'` alone (the {HEAVY} target needs both)", imports, FULL_GOAL)]
    wall = {label: median(r.wall for r in runs) for label, runs, _ in rows}
    return {
        "title": f"1. Build: `fuhua build --only {' '.join(names)}` (every target but the site), fresh process each run, {reps} runs",
        "header": ("run", "wall s (median)", "CPU s (median)", "peak RSS MB", "goal s", "met"),
        "rows": [(label, wall[label], median(r.cpu for r in runs), max(r.maxrss_mb for r in runs), goal, wall[label] <= goal)
                 for label, runs, goal in rows],
        "ratios": {"full / goal": wall[rows[0][0]] / FULL_GOAL, "no-change / goal": wall[rows[1][0]] / NOCHANGE_GOAL,
                   f"full without {HEAVY} / goal": wall[rows[2][0]] / FULL_GOAL,
                   f"{HEAVY} target's share of the full build": 1 - wall[rows[2][0]] / wall[rows[0][0]]},
    }
