"""fuhua benchmarks: speed and scale, side by side with the obvious alternatives.

    python bench/run.py              # every figure, several repetitions each (a few minutes)
    python bench/run.py --quick      # reduced sizes and repetitions, under a minute, every ratio
    python bench/run.py --only build checklists --json bench/out/results.json

Figures: build, checklists, crossref, extract, site, impact (see bench/RESULTS.md). Times are medians;
"wall" is elapsed time, "CPU" the process's own user + system time (steadier on a busy machine).
Benchmarks are not tests: nothing here fails because a machine is slow.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import machine  # noqa: E402

FIGURES = ("build", "checklists", "crossref", "extract", "site", "impact")
# settings of each figure (module bench/fig_<name>.py, function figure) per mode
SETTINGS = {
    "full": {"build": {"reps": 5}, "checklists": {"profiles": 1000, "reps": 3}, "crossref": {"sizes": (10, 100, 1000), "pair_factors": (1, 4, 16, 32)},
             "extract": {"docs": 200, "reps": 5}, "site": {"reps": 3},
             "impact": {"sizes": (1000, 5000, 15000), "batch_sizes": (1000, 5000, 15000), "reps": 3}},
    "quick": {"build": {"reps": 1}, "checklists": {"profiles": 300, "reps": 1, "docxtpl_profiles": 50}, "crossref": {"sizes": (10, 100), "pair_factors": (1, 4, 8)},
              "extract": {"docs": 40, "reps": 3}, "site": {"reps": 1},
              "impact": {"sizes": (1000, 5000), "batch_sizes": (300, 1000), "reps": 1}},
    "tiny": {"build": {"reps": 1}, "checklists": {"profiles": 4, "reps": 1}, "crossref": {"sizes": (2, 4), "pair_factors": (1, 2)},
             "extract": {"docs": 2, "reps": 1}, "site": {"reps": 1},
             "impact": {"sizes": (40, 80), "batch_sizes": (6, 12), "reps": 1, "sweep_points": 3}},
}


def _cell(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:,.3f}" if value < 10 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def markdown(fig: dict) -> str:
    lines = [f"### {fig['title']}", "", "| " + " | ".join(fig["header"]) + " |", "|" + "---|" * len(fig["header"])]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in fig["rows"]]
    if fig.get("ratios"):
        lines += ["", "Ratios: " + "; ".join(f"{k} = {_cell(v)}" for k, v in fig["ratios"].items())]
    lines += [f"- {note}" for note in fig.get("notes", [])]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="reduced run (under a minute) that still prints every ratio")
    parser.add_argument("--tiny", action="store_true", help=argparse.SUPPRESS)  # the harness test: smallest sizes
    parser.add_argument("--only", nargs="+", choices=FIGURES, default=list(FIGURES), metavar="FIGURE",
                        help=f"run only these figures ({', '.join(FIGURES)})")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    info = machine()
    print(f"fuhua bench — {info['date']}, {info['cores']} cores ({info['cpu']}), {info['memory_gb']} GB, "
          f"Python {info['python']}, load {info['load_1min']}{' — quick run' if args.quick else ''}\n", flush=True)
    results = {"machine": info, "quick": args.quick, "figures": {}}
    started = time.perf_counter()
    for name in args.only:
        settings = SETTINGS["tiny" if args.tiny else "quick" if args.quick else "full"][name]
        t = time.perf_counter()
        fig = importlib.import_module(f"fig_{name}").figure(**settings)
        fig["seconds"] = round(time.perf_counter() - t, 1)
        results["figures"][name] = fig
        print(markdown(fig) + f"({fig['seconds']} s)\n", flush=True)
    print(f"total {time.perf_counter() - started:.1f} s")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
