"""Batch pre-screening: many profiles (a folder of YAML/JSON files, or a CSV with one applicant
per row) -> a tailored checklist per applicant and one summary table (.xlsx and .csv).

A bad profile is reported on stderr and skipped; the rest still completes. Exit code 0 when
every applicant was evaluated, 1 when some were skipped. The files are written together: a
failure while writing them leaves the output folder as it was.
"""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

from tqdm import tqdm

from generator.eligibility import outputs, summary
from generator.eligibility.evaluate import evaluate
from generator.eligibility.profile import load_profile, validate_profile
from generator.errors import InputError, display_path
from generator.output import write_all_atomic
from generator.yamlio import Marks, _decode

PROFILE_SUFFIXES = (".yaml", ".yml", ".json")
TRUE_WORDS, FALSE_WORDS = {"true", "yes", "y", "1", "是", "有"}, {"false", "no", "n", "0", "否", "无"}
CHECKLIST_FORMATS = ("md", "docx")
STEM_BYTES = 120  # file names are limited to 255 bytes; leaves room for "-2", ".docx" and the temporary name


def run(rules: dict, inst_type: str, jurisdictions: list[str], source: Path, out_dir: Path, primary: str) -> int:
    items = _items(source, rules)
    rows, failed = [], 0
    names: set[str] = set()
    files: dict[Path, bytes] = {}
    progress = tqdm(items, desc="fuhua check", unit="份", file=sys.stderr, disable=not sys.stderr.isatty())
    for label, stem, load in progress:
        stem = _unique(stem, names)
        try:
            profile = load()
        except InputError as exc:
            failed += 1
            print(exc, file=sys.stderr)
            rows.append({"source": label, "file": None, "applicant": None, "results": None,
                         "problems": [p.message for p in sorted(exc.problems)]})
            continue
        results = {j: evaluate(rules, inst_type, j, profile) for j in jurisdictions}
        for fmt, data in outputs.documents(results, rules, CHECKLIST_FORMATS, primary).items():
            files[out_dir / f"{stem}.{fmt}"] = data
        rows.append({"source": label, "file": stem, "applicant": profile.get("applicant"), "results": results, "problems": []})
    table = summary.table(rows, rules, inst_type, jurisdictions)
    files[out_dir / "summary.csv"] = summary.to_csv(table)
    files[out_dir / "summary.xlsx"] = summary.to_xlsx(table)
    write_all_atomic(files)  # all or none: the checklists and the summary table always agree
    verdicts = [r["results"][j]["verdict"] for r in rows if r["results"] for j in jurisdictions]
    counts = ", ".join(f"{v} {verdicts.count(v)}" for v in ("eligible", "undetermined", "not_eligible"))
    print(f"checked {len(rows) - failed} of {len(rows)} applicants ({counts}); {failed} skipped for bad input; "
          f"wrote {display_path(out_dir)}/summary.xlsx, summary.csv and {len(rows) - failed} checklists")
    return 1 if failed else 0


def _items(source: Path, rules: dict) -> list[tuple]:
    """(label, output stem, loader) for each applicant."""
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.suffix.lower() in PROFILE_SUFFIXES and p.is_file())
        if not files:
            raise InputError.single(source, f"no profiles ({', '.join(PROFILE_SUFFIXES)}) in this folder")
        return [(display_path(p), p.stem, lambda p=p: load_profile(p, rules)) for p in files]
    if source.suffix.lower() == ".csv" and source.is_file():
        return _csv_items(source, rules)
    raise InputError.single(source, "expected a folder of profiles or a .csv file")


def _unique(stem: str, taken: set[str]) -> str:
    """A file name from an applicant's name: no separators or control characters, and short
    enough (in UTF-8 bytes) for any file system once the suffixes are added."""
    stem = re.sub(r'[\\/:*?"<>|\s\x00-\x1f\x7f]+', "_", stem).strip("._") or "applicant"
    stem = stem.encode("utf-8")[:STEM_BYTES].decode("utf-8", "ignore")
    candidate, n = stem, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem}-{n}"
    taken.add(candidate.lower())
    return candidate


# --- CSV -------------------------------------------------------------------------------------

def _csv_items(path: Path, rules: dict) -> list[tuple]:
    try:
        text = _decode(path.read_bytes(), display_path(path))
    except OSError as exc:
        raise InputError.single(path, f"cannot read file: {exc.strerror or exc}") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        records = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:  # e.g. a field longer than the csv module's limit
        raise InputError.single(display_path(path), f"unreadable CSV: {exc}", reader.line_num) from None
    if not records or not records[0][1]:
        raise InputError.single(path, "the CSV is empty; its first row names the facts (applicant, site_area, ...)")
    keys = _header_keys(records[0][1], path, rules)
    items = []
    for line, row in records[1:]:
        if not any(cell.strip() for cell in row):
            continue
        data, marks = _row_profile(keys, row, line, rules)
        name = data.get("applicant") or f"row{line}"
        label = f"{display_path(path)}:{line}"
        items.append((label, f"{line:03d}-{name}", lambda d=data, m=marks: validate_profile(d, m, display_path(path), rules)))
    return items


def _header_keys(header: list[str], path: Path, rules: dict) -> list[str]:
    """Column names are fact ids or their Chinese labels; unknown ones fail the whole file."""
    facts = {k: f for k, f in rules["facts"].items() if f["scope"] != "firm"}
    by_label = {f["label"]: k for k, f in facts.items()}
    keys, problems = [], []
    for col, name in enumerate(header, start=1):
        name = name.strip().removeprefix("\ufeff")
        key = name if name in facts or name == "applicant" else by_label.get(name)
        if key is None:
            # let the profile validator word the message (with its did-you-mean)
            try:
                validate_profile({name: None}, Marks({(name,): (1, col)}), display_path(path), rules)
            except InputError as exc:
                problems += exc.problems
            continue
        keys.append(key)
    if problems:
        raise InputError(problems)
    return keys


def _row_profile(keys: list[str], row: list[str], line: int, rules: dict) -> tuple[dict, Marks]:
    data, marks = {}, Marks()
    for col, (key, cell) in enumerate(zip(keys, row), start=1):
        cell = cell.strip()
        if not cell:
            continue
        marks[(key,)] = (line, col)
        fact = rules["facts"].get(key)
        if fact is None:
            data[key] = cell
        elif fact["type"] == "series":
            data[key] = [_scalar(x.strip(), fact["item"]) for x in re.split(r"[;；|]", cell)]
            for i in range(len(data[key])):
                marks[(key, i)] = (line, col)
        else:
            data[key] = _scalar(cell, fact["type"])
    return data, marks


def _scalar(cell: str, kind: str):
    """'600' -> 600, '是' -> True; anything unreadable stays text for the validator to report."""
    if kind == "boolean":
        word = cell.lower()
        return True if word in TRUE_WORDS else False if word in FALSE_WORDS else cell
    try:
        value = float(cell.replace(",", ""))
    except ValueError:
        return cell
    return int(value) if value.is_integer() and abs(value) < 1e15 else value
