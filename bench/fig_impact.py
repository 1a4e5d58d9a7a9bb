"""Figure 8: reform impact and batch pre-screening at the scale of a country's institutions.

- `fuhua impact` on a synthetic population of 1,000 / 5,000 / 15,000 institutions under two
  policies (the current one and a revised copy with one threshold halved), JSON out: the whole
  command (read and validate every row, evaluate both policies column-wise, switchers, pass
  rates, districts, the fiscal exposure). Goal at 15,000: ≤ 10 s on 2 cores, ≤ 1 GB peak.
- The same with a 20-point sweep of one threshold (goal ≤ 30 s at 15,000), and with the .docx
  report (charts drawn).
- Batch `fuhua check --profiles` on one CSV of 1,000 / 5,000 / 15,000 incubators: one checklist
  (.md and .docx) per row and the streamed summary, with the default pool (one worker per core)
  and with one worker. Peak memory should stay flat as the rows grow.
Every command runs as a child process (bench/measure.run_child): wall, CPU (its own and its
workers') and peak resident memory of the largest process.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from measure import PYTHON, ROOT, median, run_child

IMPACT_GOAL_S, IMPACT_GOAL_MB, SWEEP_GOAL_S, GOAL_SIZE = 10.0, 1024.0, 30.0, 15000
FUHUA = [PYTHON, "-m", "generator"]


def revised_policy(dest: Path) -> Path:
    """A copy of policy/ with the incubator site requirement halved, in the text and its rule."""
    shutil.copytree(ROOT / "policy", dest)
    version = dest / "tianjin-measures" / "draft-2024"
    rules = (version / "rules.yaml").read_text(encoding="utf-8")
    start = rules.index("id: inc_site_area")
    value_at = rules.index("value: ", start)
    end = rules.index("\n", value_at)
    old = int(rules[value_at + 7:end])
    rules = rules[:value_at] + f"value: {old // 2}" + rules[end:]
    quote_at = rules.index("quote: ", start)
    quote_end = rules.index("\n", quote_at)
    old_quote = rules[quote_at + 7:quote_end]
    new_quote = old_quote.replace(str(old), str(old // 2))
    rules = rules[:quote_at] + "quote: " + new_quote + rules[quote_end:]
    (version / "rules.yaml").write_text(rules, encoding="utf-8")
    text = (version / "text.yaml").read_text(encoding="utf-8")
    (version / "text.yaml").write_text(text.replace(old_quote, new_quote), encoding="utf-8")
    return dest


def _best(args: list, reps: int):
    runs = [run_child(args) for _ in range(reps)]
    return median([r.wall for r in runs]), median([r.cpu for r in runs]), max(r.maxrss_mb for r in runs)


def figure(sizes=(1000, 5000, 15000), batch_sizes=(1000, 5000, 15000), reps: int = 3, sweep_points: int = 20) -> dict:
    rows, notes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        reform = revised_policy(tmp / "reform")
        largest = max(sizes)
        impact = {}
        for n in sizes:
            pop = tmp / f"pop-{n}.csv"
            wall, cpu, peak = _best(FUHUA + ["population", "--size", n, "--seed", 1, "--out", pop], 1)
            rows.append(["population (write CSV)", n, round(wall, 2), round(cpu, 2), round(peak), "—"])
            args = FUHUA + ["impact", "--population", pop, "--reform", reform, "--format", "json", "--out", tmp / "r.json", "--date", "2026-03-01"]
            impact[n] = _best(args, reps)
            wall, cpu, peak = impact[n]
            goal = "—" if n != GOAL_SIZE else ("yes" if wall <= IMPACT_GOAL_S and peak <= IMPACT_GOAL_MB else "NO")
            rows.append(["impact, two policies", n, round(wall, 2), round(cpu, 2), round(peak), goal])
        pop = tmp / f"pop-{largest}.csv"
        step = 250
        sweep = f"inc_site_area={step}:{step * sweep_points}:{step}"
        args = FUHUA + ["impact", "--population", pop, "--reform", reform, "--sweep", sweep, "--format", "json", "--out", tmp / "s.json", "--date", "2026-03-01"]
        s_wall, s_cpu, s_peak = _best(args, reps)
        s_goal = "—" if largest != GOAL_SIZE else "yes" if s_wall <= SWEEP_GOAL_S else "NO"
        rows.append([f"impact + {sweep_points}-point sweep", largest, round(s_wall, 2), round(s_cpu, 2), round(s_peak), s_goal])
        args = FUHUA + ["impact", "--population", pop, "--reform", reform, "--sweep", sweep, "--format", "docx", "--out", tmp / "r.docx", "--date", "2026-03-01"]
        d_wall, d_cpu, d_peak = _best(args, 1)
        rows.append([f"impact + sweep, .docx report with charts", largest, round(d_wall, 2), round(d_cpu, 2), round(d_peak), "—"])
        batch = {}
        for n in batch_sizes:
            src = tmp / f"inc-{n}.csv"
            run_child(FUHUA + ["population", "--size", n, "--seed", 2, "--type", "incubator", "--out", src])
            for workers in (None, 1) if n == min(batch_sizes) else (None,):
                out = tmp / f"batch-{n}-{workers}"
                extra = ["--workers", workers] if workers else []
                r = run_child(FUHUA + ["check", "--profiles", src, "--type", "incubator", "--out", out, *extra])
                shutil.rmtree(out, ignore_errors=True)
                label = "batch check --profiles (pool, 1 worker per core)" if workers is None else "batch check --profiles (1 worker)"
                batch[(n, workers)] = r
                rows.append([label, n, round(r.wall, 2), round(r.cpu, 2), round(r.maxrss_mb), "—"])
    small, large = min(sizes), largest
    b_small, b_large = min(batch_sizes), max(batch_sizes)
    ratios = {
        f"impact wall {large:,} / {small:,}": round(impact[large][0] / impact[small][0], 2),
        f"impact peak memory {large:,} / {small:,}": round(impact[large][2] / impact[small][2], 2),
        f"impact at {large:,}: goal {IMPACT_GOAL_S:.0f} s / wall": round(IMPACT_GOAL_S / impact[large][0], 2),
        f"{sweep_points}-point sweep at {large:,}: goal {SWEEP_GOAL_S:.0f} s / wall": round(SWEEP_GOAL_S / s_wall, 2),
        "sweep cost over the plain run (wall)": round(s_wall / impact[large][0], 2),
        f"batch wall {b_large:,} / {b_small:,}": round(batch[(b_large, None)].wall / batch[(b_small, None)].wall, 2),
        f"batch peak memory {b_large:,} / {b_small:,}": round(batch[(b_large, None)].maxrss_mb / batch[(b_small, None)].maxrss_mb, 2),
        f"batch at {b_small:,}: 1 worker / pool (wall)": round(batch[(b_small, 1)].wall / batch[(b_small, None)].wall, 2),
    }
    notes.append("CPU is user + system time of the command and its pool workers; peak is the largest process's resident memory.")
    notes.append(f"Batch rows per second at {b_large:,}: {b_large / batch[(b_large, None)].wall:,.0f} (each row: evaluation, a .md and a .docx checklist, a summary row).")
    return {"title": "8. Reform impact and batch pre-screening at scale",
            "header": ["what", "institutions", "wall s", "CPU s", "peak MB", "goal met"], "rows": rows, "ratios": ratios, "notes": notes}
