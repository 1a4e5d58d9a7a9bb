"""Profiles in a table: one applicant or institution per row of a CSV or .xlsx file, the columns
named by fact ids or their Chinese labels. Batch pre-screening (`fuhua check --profiles`) and
`fuhua impact --population` both read populations here, so a file reads the same in both.

Besides the facts, a table may describe each row: its name (applicant / 申报主体名称), its
institution type (type / 类型), its district (district / 所在区) and its operating entity
(operator / 运营主体), and whether the row is synthetic (synthetic / 合成数据, written by
`fuhua population`). Those columns are never facts: they sort and group rows.

Series cells are written `1;2;3` (oldest first), yes/no as 是/否 (or true/false). Every row is
validated as a profile would be; a bad row is reported with its line and skipped by the caller.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from generator.eligibility.profile import validate_profile
from generator.errors import InputError, Problem
from generator.errors import display_path
from generator.yamlio import Marks, _decode

TRUE_WORDS, FALSE_WORDS = {"true", "yes", "y", "1", "是", "有"}, {"false", "no", "n", "0", "否", "无"}
# descriptive columns (never facts): key -> the headers that name it besides the key itself
DESCRIPTIVE = {"applicant": ("申报主体名称", "申报主体", "机构名称"), "type": ("类型", "机构类型"),
               "district": ("所在区",), "operator": ("运营主体",), "synthetic": ("合成数据",)}
SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class Row:
    line: int
    label: str  # file:line
    data: dict  # the profile as read (facts and applicant), not yet validated
    marks: Marks = field(compare=False)
    about: dict  # descriptive columns: type, district, operator (text, as written)
    source: str  # the file, as shown in messages

    def profile(self, rules: dict) -> dict:
        """The validated profile, or InputError naming the bad cells with line and column."""
        return validate_profile(self.data, self.marks, self.source, rules)


def read_rows(path: Path, rules: dict) -> list[Row]:
    """Every non-empty row of a .csv or .xlsx file; an unreadable file or an unknown column fails
    the whole file (InputError); bad cells are left for Row.profile to report."""
    return list(iter_rows(path, rules))


def iter_rows(path: Path, rules: dict) -> Iterator[Row]:
    """read_rows one row at a time, so that a caller that passes over a large table holds one row,
    not the table. The file is checked (readable, header known) before the first row is yielded."""
    shown = display_path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES or not path.is_file():
        raise InputError.single(shown, f"expected a {' or '.join(SUFFIXES)} file with one row per institution")
    records = _xlsx_records(path, shown) if suffix == ".xlsx" else _csv_records(path, shown)
    first = next(records, None)
    if first is None or not any(c.strip() for c in first[1]):
        records.close()
        raise InputError.single(shown, "the table is empty; its first row names the facts (applicant, site_area, ...)")
    try:
        plan = _plan(header_keys(first[1], shown, rules), rules)
    except InputError:
        records.close()
        raise
    return _rows(records, plan, shown)


def _rows(records: Iterator[tuple[int, list[str]]], plan: list, shown: str) -> Iterator[Row]:
    for line, cells in records:
        if any(cell.strip() for cell in cells):
            data, marks, about = _row(plan, cells, line)
            yield Row(line, f"{shown}:{line}", data, marks, about, shown)


def _csv_records(path: Path, shown: str) -> Iterator[tuple[int, list[str]]]:
    try:
        text = _decode(path.read_bytes(), shown)
    except OSError as exc:
        raise InputError.single(shown, f"cannot read file: {exc.strerror or exc}") from None
    return _csv_lines(csv.reader(io.StringIO(text, newline="")), shown)


def _csv_lines(reader, shown: str) -> Iterator[tuple[int, list[str]]]:
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as exc:  # e.g. a field longer than the csv module's limit
        raise InputError.single(shown, f"unreadable CSV: {exc}", reader.line_num) from None


def _xlsx_records(path: Path, shown: str) -> Iterator[tuple[int, list[str]]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError.single(shown, f"not a readable .xlsx workbook: {exc}") from None
    return _xlsx_lines(wb)


def _xlsx_lines(wb) -> Iterator[tuple[int, list[str]]]:
    try:
        for n, values in enumerate(wb.worksheets[0].iter_rows(values_only=True), start=1):
            yield n, [_xlsx_text(v) for v in values]
    finally:
        wb.close()


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def header_keys(header: list[str], shown: str, rules: dict) -> list[str | None]:
    """Column names are fact ids, their Chinese labels, or a descriptive column; unknown ones
    fail the whole file."""
    facts = {k: f for k, f in rules["facts"].items() if f["scope"] != "firm"}
    by_label = {f["label"]: k for k, f in facts.items()}
    by_label.update({name: key for key, names in DESCRIPTIVE.items() for name in names})
    keys, problems = [], []
    for col, name in enumerate(header, start=1):
        name = name.strip().removeprefix("\ufeff")
        key = name if name in facts or name in DESCRIPTIVE else by_label.get(name)
        if key is None:
            # let the profile validator word the message (with its did-you-mean)
            try:
                validate_profile({name: None}, Marks({(name,): (1, col)}), shown, rules)
            except InputError as exc:
                problems += exc.problems
            else:
                problems.append(Problem(shown, 1, col, f"{name}: unknown column"))
            keys.append(None)
            continue
        keys.append(key)
    if problems:
        raise InputError(problems)
    return keys


def _plan(keys: list[str], rules: dict) -> list[tuple[int, str, str]]:
    """(column, key, how to read its cells) for each column, worked out once per file."""
    plan = []
    for col, key in enumerate(keys, start=1):
        fact = rules["facts"].get(key)
        if key in DESCRIPTIVE and key != "applicant":
            how = "about"
        elif fact is None:
            how = "text"
        elif fact["type"] == "series":
            how = "series:" + fact["item"]
        else:
            how = fact["type"]
        plan.append((col, key, how))
    return plan


_SERIES_SEP = re.compile(r"[;；|]")


def _row(plan: list[tuple[int, str, str]], row: list[str], line: int) -> tuple[dict, Marks, dict]:
    data, marks, about = {}, Marks(), {}
    for (col, key, how), cell in zip(plan, row):
        cell = cell.strip()
        if not cell:
            continue
        marks[(key,)] = (line, col)
        if how == "about":
            about[key] = cell
        elif how == "text":
            data[key] = cell
        elif how.startswith("series:"):
            kind = how[7:]
            items = data[key] = [scalar(x.strip(), kind) for x in _SERIES_SEP.split(cell)]
            for i in range(len(items)):
                marks[(key, i)] = (line, col)
        else:
            data[key] = scalar(cell, how)
    return data, marks, about


def scalar(cell: str, kind: str):
    """'600' -> 600, '是' -> True; anything unreadable stays text for the validator to report."""
    if kind == "boolean":
        word = cell.lower()
        return True if word in TRUE_WORDS else False if word in FALSE_WORDS else cell
    if cell.isascii() and cell.isdigit() and len(cell) < 16:  # the common case: a whole number, read exactly
        return int(cell)
    try:
        value = float(cell.replace(",", ""))
    except ValueError:
        return cell
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def type_of(row: Row, rules: dict) -> str | None:
    """The row's institution type id from its type column (an id or a Chinese name), or None."""
    written = row.about.get("type")
    if written is None:
        return None
    names = {name: t for t, name in rules["types"].items()}
    return written if written in rules["types"] else names.get(written, "")


def type_problem(row: Row, rules: dict) -> Problem:
    line, col = row.marks.at(("type",))
    known = "、".join(f"{t}（{n}）" for t, n in rules["types"].items())
    return Problem(row.source, line, col, f"type: unknown institution type '{row.about['type']}'; use one of {known}")
