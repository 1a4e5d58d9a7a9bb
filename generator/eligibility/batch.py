"""Batch pre-screening: many profiles (a folder of YAML/JSON files, or a CSV/.xlsx table with one
applicant per row) -> a tailored checklist per applicant and one summary table (.xlsx and .csv).

A bad profile is reported on stderr and skipped; the rest still completes. Exit code 0 when
every applicant was evaluated, 1 when some were skipped. A table with a type column (类型) is
screened for the rows of the type asked for; the others are counted and left aside.

Scale: applicants are evaluated and their checklists rendered by a pool of worker processes (as
many as the machine has cores, `--workers`), in blocks, each checklist written to a staging
folder as soon as it is made, and the summary streamed row by row (summary.StreamedSummary), so
memory stays flat however many rows there are: a table is read twice (once to check every row's
type and count, once to screen), row by row, and the parent keeps no row. The files are still all-or-none: everything is
staged beside the output and renamed into place only once every applicant is done.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterator

from tqdm import tqdm

from generator.eligibility import outputs, summary
from generator.eligibility.evaluate import evaluate
from generator.eligibility.profile import load_profile
from generator.eligibility.table import Row, iter_rows, type_of, type_problem
from generator.errors import InputError, display_path

PROFILE_SUFFIXES = (".yaml", ".yml", ".json")
TABLE_SUFFIXES = (".csv", ".xlsx")
CHECKLIST_FORMATS = ("md", "docx")
STEM_BYTES = 120  # file names are limited to 255 bytes; leaves room for "-2", ".docx" and the temporary name
BLOCK = 256  # applicants handed to the pool at a time: bounds what is in flight


@dataclass(frozen=True)
class Item:
    label: str
    stem: str
    path: Path | None = None  # a profile file
    row: Row | None = None  # or a table row


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def run(rules: dict, inst_type: str, jurisdictions: list[str], source: Path, out_dir: Path, primary: str,
        workers: int | None = None) -> int:
    total, aside, items = _plan(source, rules, inst_type)
    workers = 1 if total < 2 else max(1, workers or default_workers())
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".fuhua-batch.", dir=out_dir))
    table = summary.StreamedSummary(summary.header(rules, inst_type, jurisdictions), staging / "summary.csv", staging / "summary.xlsx")
    failed, verdicts, checklists = 0, Counter(), 0
    try:
        progress = tqdm(total=total, desc="fuhua check", unit="份", file=sys.stderr, disable=not sys.stderr.isatty())
        job = (rules, inst_type, jurisdictions, primary, str(staging))
        for n, (item, (problems, files, found, cells)) in enumerate(_outcomes(items(), job, workers), start=1):
            if problems:
                failed += 1
                print("\n".join(str(p) for p in problems), file=sys.stderr)
                row = {"source": item.label, "applicant": None, "results": None, "problems": [p.message for p in problems]}
                cells = summary.row_cells(n, row, rules, inst_type, jurisdictions)
            else:
                cells = ([n] + cells[0][1:], cells[1])
            verdicts.update(found)
            checklists += bool(files)
            table.add(*cells)
            progress.update()
        progress.close()
        table.close()
        with os.scandir(staging) as staged:  # all staged: now into place
            for entry in sorted(staged, key=lambda e: e.name):
                os.replace(entry.path, out_dir / entry.name)
    except BaseException:
        table.abort()
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    counts = ", ".join(f"{v} {verdicts[v]}" for v in ("eligible", "undetermined", "not_eligible"))
    others = f"; {aside} rows of other types left aside" if aside else ""
    print(f"checked {total - failed} of {total} applicants ({counts}); {failed} skipped for bad input{others}; "
          f"wrote {display_path(out_dir)}/summary.xlsx, summary.csv and {checklists} checklists")
    return 1 if failed else 0


# --- the work of one applicant, in a worker process -------------------------------------------------

_job: tuple | None = None


def _init(job: tuple) -> None:
    global _job
    _job = job


def _one(item: Item):
    """(problems, files written, verdicts, (summary cells, marks)) for one applicant."""
    rules, inst_type, jurisdictions, primary, staging = _job
    try:
        profile = item.row.profile(rules) if item.row else load_profile(item.path, rules)
    except InputError as exc:
        return sorted(exc.problems), [], [], None
    results = {j: evaluate(rules, inst_type, j, profile) for j in jurisdictions}
    files = []
    for fmt, data in outputs.documents(results, rules, CHECKLIST_FORMATS, primary).items():
        name = f"{item.stem}.{fmt}"
        _stage(Path(staging, name), data.encode("utf-8") if isinstance(data, str) else data)
        files.append(name)
    row = {"source": item.label, "applicant": profile.get("applicant"), "results": results, "problems": []}
    cells = summary.row_cells(0, row, rules, inst_type, jurisdictions)
    return [], files, [r["verdict"] for r in results.values()], cells


def _stage(path: Path, data: bytes) -> None:
    """Write one checklist into the staging folder (an OSError names the file)."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        exc.filename = str(path.parent.parent / path.name)  # the file the user will look for
        raise


def _outcomes(items: Iterator[Item], job: tuple, workers: int):
    """(item, outcome) in the order of the items; in a pool of `workers` processes when more than
    one, BLOCK items at a time, so that only a block is ever held."""
    if workers == 1:
        _init(job)
        for item in items:
            yield item, _one(item)
        return
    with get_context("fork").Pool(workers, initializer=_init, initargs=(job,)) as pool:
        while block := list(islice(items, BLOCK)):
            yield from zip(block, pool.imap(_one, block, chunksize=8))


# --- what to screen -------------------------------------------------------------------------------

def _plan(source: Path, rules: dict, inst_type: str) -> tuple[int, int, Callable[[], Iterator[Item]]]:
    """How many applicants there are, how many table rows are of another type, and a function that
    yields the applicants, each with a unique output stem. Any row without a readable type fails
    the whole table before anything is screened."""
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.suffix.lower() in PROFILE_SUFFIXES and p.is_file())
        if not files:
            raise InputError.single(source, f"no profiles ({', '.join(PROFILE_SUFFIXES)}) in this folder")
        names: set[str] = set()
        return len(files), 0, lambda: (Item(display_path(p), _unique(p.stem, names), path=p) for p in files)
    if source.suffix.lower() in TABLE_SUFFIXES and source.is_file():
        total, aside, problems = 0, 0, []
        for row in iter_rows(source, rules):
            t = type_of(row, rules)
            if t == "":
                problems.append(type_problem(row, rules))
            elif t is not None and t != inst_type:
                aside += 1
            else:
                total += 1
        if problems:
            raise InputError(problems)
        return total, aside, lambda: _table_items(source, rules, inst_type)
    raise InputError.single(source, "expected a folder of profiles, or a .csv or .xlsx table")


def _table_items(source: Path, rules: dict, inst_type: str) -> Iterator[Item]:
    names: set[str] = set()
    for row in iter_rows(source, rules):
        if type_of(row, rules) in (None, inst_type):
            name = row.data.get("applicant") or f"row{row.line}"
            yield Item(row.label, _unique(f"{row.line:03d}-{name}", names), row=row)


def _unique(stem: str, taken: set[str]) -> str:
    """A file name from an applicant's name: no separators or control characters, and short
    enough (in UTF-8 bytes) for any file system once the suffixes are added."""
    stem = re.sub(r'[\\/:*?"<>|\s\x00-\x1f\x7f]+', "_", str(stem)).strip("._") or "applicant"
    stem = stem.encode("utf-8")[:STEM_BYTES].decode("utf-8", "ignore")
    candidate, n = stem, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem}-{n}"
    taken.add(candidate.lower())
    return candidate
