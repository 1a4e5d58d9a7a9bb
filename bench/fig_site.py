"""Figure 5: the documentation site — `mkdocs build --strict` time (fresh process, the generated
pages and downloads included) and the size of its search index."""
from __future__ import annotations

import gzip
import json
import shutil
import tempfile
from pathlib import Path

from measure import PYTHON, child_env, median, run_child

BUILD_DATE = "2025-01-01"


def figure(reps: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="fuhua-bench-site-"))
    env = child_env(FUHUA_BUILD_DATE=BUILD_DATE)
    try:
        runs = [run_child([PYTHON, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", work / f"site{i}"], env=env)
                for i in range(reps)]
        site = work / "site0"
        index = (site / "search" / "search_index.json").read_bytes()
        entries = json.loads(index)["docs"]
        pages = sum(1 for _ in site.rglob("*.html"))
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    wall = median(r.wall for r in runs)
    return {
        "title": f"5. Site: `mkdocs build --strict` (fresh process, {reps} runs) and its search index",
        "header": ("measure", "value"),
        "rows": [("build wall s (median)", wall), ("build CPU s (median)", median(r.cpu for r in runs)),
                 ("peak RSS MB", max(r.maxrss_mb for r in runs)), ("HTML pages", pages),
                 ("search index entries (pages and sections)", len(entries)),
                 ("search_index.json KB", len(index) / 1024), ("search_index.json gzipped KB", len(gzip.compress(index)) / 1024),
                 ("whole site MB", total / 1024 / 1024)],
        "ratios": {"index KB per page": len(index) / 1024 / pages, "gzip ratio": len(gzip.compress(index)) / len(index),
                   "build s per page": wall / pages},
    }
