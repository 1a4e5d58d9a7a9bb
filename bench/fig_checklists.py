"""Figure 2: tailored checklists (.docx) for generated profiles, in documents per second.

Three ways to the same document, each from the same profile:
- fuhua: evaluate, then the shared renderer (Jinja2 -> block Markdown -> WordprocessingML -> zip);
- docxtpl: evaluate, then the same context into bench/docxtpl_template.py's Word template;
- the floor: zipfile alone writing the parts of fuhua's document (no evaluation, no templating).
Each runs in one process, then in a process pool of one worker per core. The batch command
(`fuhua check --profiles`, which also reads YAML, writes .md and a summary) is timed end to end.
"""
from __future__ import annotations

import hashlib
import io
import multiprocessing
import os
import shutil
import tempfile
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

from measure import PYTHON, median, run_child, timed

DOCXTPL_GOAL, FLOOR_GOAL = 3.0, 2.0
_STATE: dict = {}  # what the workers read (inherited through fork)


def _fuhua(i: int) -> bytes:
    from generator.eligibility import evaluate, outputs
    j, t, profile = _STATE["cases"][i]
    return outputs.render({j: evaluate(_STATE["rules"], t, j, profile)}, _STATE["rules"], "docx", j)


def _docxtpl(i: int) -> bytes:
    from docxtpl import DocxTemplate

    from generator.eligibility import evaluate, report
    j, t, profile = _STATE["cases"][i]
    context = report.context(evaluate(_STATE["rules"], t, j, profile), _STATE["rules"]["phrases"])
    document = DocxTemplate(io.BytesIO(_STATE["template"]))
    document.render(context, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _floor(i: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in _STATE["parts"][i]:
            z.writestr(name, data)
    return out.getvalue()


def _evaluate_only(i: int):
    from generator.eligibility import evaluate, report
    j, t, profile = _STATE["cases"][i]
    return report.context(evaluate(_STATE["rules"], t, j, profile), _STATE["rules"]["phrases"])


METHODS = {"fuhua": _fuhua, "docxtpl": _docxtpl, "zipfile floor": _floor}


def _serial(func, n: int) -> list[bytes]:
    return [func(i) for i in range(n)]


def _pooled(func, n: int) -> list[bytes]:
    workers = os.cpu_count() or 1
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(func, range(n), chunksize=max(1, n // (workers * 8))))


def _batch_cli(rules: dict, cases: list, reps: int) -> tuple[str, list]:
    """`fuhua check --profiles DIR --type T` over the YAML files of the most frequent type."""
    inst_type = "incubator"
    chosen = [p for j, t, p in cases if t == inst_type and j == "tianjin"]
    work = Path(tempfile.mkdtemp(prefix="fuhua-bench-batch-"))
    try:
        for k, profile in enumerate(chosen):
            (work / "in").mkdir(exist_ok=True)
            (work / "in" / f"p{k:04d}.yaml").write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
        runs = [run_child([PYTHON, "-m", "generator", "check", "--profiles", work / "in", "--type", inst_type,
                           "--out", work / f"out{r}"]) for r in range(reps)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return f"fuhua check --profiles (CLI: {len(chosen)} {inst_type} YAML files -> .md + .docx each + summary)", \
        [len(chosen), runs]


def figure(profiles: int, reps: int, docxtpl_profiles: int | None = None) -> dict:
    """docxtpl_profiles: render only the first so many with docxtpl (quick runs: it is the slow one)."""
    from generator.eligibility import export_rules
    from generator.policy import load_policy

    from docxtpl_template import write_template
    from profiles import generate

    rules = export_rules(load_policy(extra_checks=False))
    cases = generate(rules, profiles)
    folder = Path(tempfile.mkdtemp(prefix="fuhua-bench-docxtpl-"))
    try:
        template = write_template(folder).read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    _STATE.update(rules=rules, cases=cases, template=template)
    reference = _serial(_fuhua, profiles)
    _STATE["parts"] = [[(info.filename, z.read(info)) for info in z.infolist()]
                       for z in (zipfile.ZipFile(io.BytesIO(doc)) for doc in reference)]
    n = profiles
    rows, rate = [], {}
    for label, func in METHODS.items():
        count = min(docxtpl_profiles or n, n) if label == "docxtpl" else n
        for mode, runner in (("1 process", _serial), (f"pool of {os.cpu_count()}", _pooled)):
            times = [timed(runner, func, count) for _ in range(reps)]
            wall, cpu = median(t[0] for t in times), median(t[1] for t in times)
            if label == "fuhua" and any(_digest(t[2]) != _digest(reference) for t in times):
                raise RuntimeError("fuhua's checklists differ between runs: output is not deterministic")
            rate[label, mode] = count / wall
            rows.append((label, mode, count, wall, cpu if mode == "1 process" else "-", count / wall))
    evaluation = median(timed(_serial, _evaluate_only, n)[0] for _ in range(reps))
    rows.append(("evaluation + context only (in every row but the floor)", "1 process", n, evaluation, "-", n / evaluation))
    label, (count, runs) = _batch_cli(rules, cases, reps)
    wall = median(r.wall for r in runs)
    rows.append((label, "1 process", count, wall, median(r.cpu for r in runs), count / wall))
    serial, pooled = "1 process", f"pool of {os.cpu_count()}"
    best = max((serial, pooled), key=lambda m: rate["fuhua", m])
    ratios = {
        "fuhua / docxtpl (1 process each)": rate["fuhua", serial] / rate["docxtpl", serial],
        "fuhua / docxtpl (pool each)": rate["fuhua", pooled] / rate["docxtpl", pooled],
        "floor / fuhua (1 process each)": rate["zipfile floor", serial] / rate["fuhua", serial],
        f"floor (1 process) / fuhua ({best})": rate["zipfile floor", serial] / rate["fuhua", best],
        "floor / fuhua (pool each)": rate["zipfile floor", pooled] / rate["fuhua", pooled],
        "fuhua pool / fuhua 1 process": rate["fuhua", pooled] / rate["fuhua", serial],
    }
    ratios["goal ≥ 3× docxtpl met (1 process each)"] = rate["fuhua", serial] / rate["docxtpl", serial] >= DOCXTPL_GOAL
    ratios[f"goal within 2× of the floor met (fuhua {best})"] = rate["zipfile floor", serial] / rate["fuhua", best] <= FLOOR_GOAL
    return {
        "title": f"2. Tailored checklists (.docx) for {n:,} generated profiles, {reps} runs (median)",
        "header": ("method", "processes", "documents", "wall s", "CPU s (parent)", "documents / s"),
        "rows": rows, "ratios": ratios,
        "notes": ["the floor is zipfile alone in one process; fuhua may use the pool (the goal's terms), "
                  "and the like-for-like ratios are printed too",
                  f"documents are ~{median(len(d) for d in reference) / 1024:.1f} KB; fuhua output is byte-identical across runs and modes"],
    }


def _digest(docs: list[bytes]) -> str:
    h = hashlib.sha256()
    for d in docs:
        h.update(hashlib.sha256(d).digest())
    return h.hexdigest()
