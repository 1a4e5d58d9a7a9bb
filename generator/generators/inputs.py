"""Reading the generators' outside input (notice lists, assessment results) with precise messages.

Rows come from YAML (via generator.yamlio, which keeps line numbers) or CSV. Every problem names
the file, the line and the field; all problems of a file are reported together.
"""
from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError, Problem, display_path
from generator.yamlio import MAX_BYTES, Marks, control_chars, load_file


@dataclass
class Reader:
    """Collects problems for one input file; `at(path)` gives the line of a YAML path."""

    path: Path
    marks: Marks = field(default_factory=Marks)
    problems: list[Problem] = field(default_factory=list)
    lines: dict = field(default_factory=dict)  # CSV: row index -> line number

    def add(self, where: tuple, message: str, path: Path | None = None) -> None:
        if path is not None and path != self.path:
            line, col = self.lines.get(where[1] if len(where) > 1 else None, 1), 1
            self.problems.append(Problem(display_path(path), line, col, message))
            return
        line, col = self.marks.at(where)
        self.problems.append(Problem(display_path(self.path), line, col, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


def load_mapping(path: Path, allowed: dict[str, str], required: tuple[str, ...]) -> tuple[dict, Reader]:
    """A YAML mapping with only the allowed keys (key -> what it is, for messages)."""
    data, marks = load_file(path)
    reader = Reader(path, marks)
    if not isinstance(data, dict):
        raise InputError.single(display_path(path), "expected a mapping with keys: " + ", ".join(allowed))
    for key in data:
        if key not in allowed:
            hint = difflib.get_close_matches(key, list(allowed), n=1)
            reader.add((key,), f"unknown key '{key}'" + (f" (did you mean '{hint[0]}'?)" if hint else f" (allowed: {', '.join(allowed)})"))
    for key in required:
        if data.get(key) in (None, ""):
            reader.add((), f"missing required key '{key}' ({allowed[key]})")
    return data, reader


def text_value(reader: Reader, where: tuple, value, label: str, *, required: bool = True, src: Path | None = None) -> str | None:
    """A single-line text field: present if required, no control characters."""
    name = ".".join(str(w) for w in where)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            reader.add(where, f"{name}: missing {label}", src)
        return None
    if isinstance(value, (dict, list, bool)):
        reader.add(where, f"{name}: {label} must be text, got {type(value).__name__}", src)
        return None
    text = str(value).strip()
    bad = control_chars(text) or [c for c in text if c in "\n\r"]
    if bad:
        reader.add(where, f"{name}: {label} contains control character U+{ord(bad[0]):04X}; remove it", src)
        return None
    return text


def read_rows(reader: Reader, value, key: str, columns: dict[str, tuple[str, ...]]) -> tuple[list[dict], Path]:
    """A list of row mappings, given inline in YAML or as a CSV file path relative to the YAML.
    Returns the rows (keys = canonical column names) and the file they came from."""
    if isinstance(value, str):
        return _csv_rows(reader, reader.path.parent / value, key, columns)
    if not isinstance(value, list):
        reader.add((key,), f"{key}: expected a list of rows or the name of a CSV file")
        return [], reader.path
    rows = []
    for i, row in enumerate(value):
        if not isinstance(row, dict):
            reader.add((key, i), f"{key}[{i}]: expected a mapping with keys {', '.join(columns)}")
            rows.append({})
            continue
        aliases = {a: c for c, names in columns.items() for a in (c, *names)}
        for k in row:
            if k not in aliases:
                reader.add((key, i, k), f"{key}[{i}]: unknown field '{k}' (fields: {', '.join(columns)})")
        rows.append({aliases[k]: v for k, v in row.items() if k in aliases})
    return rows, reader.path


def _csv_rows(reader: Reader, path: Path, key: str, columns: dict[str, tuple[str, ...]]) -> tuple[list[dict], Path]:
    try:
        raw = path.read_bytes()
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the name
        reader.add((key,), f"{key}: cannot read {display_path(path)!r}: {getattr(exc, 'strerror', None) or exc}")
        return [], reader.path
    if len(raw) > MAX_BYTES:
        reader.add((key,), f"{key}: {display_path(path)} is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
        return [], reader.path
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(display_path(path), line, 1, "not valid UTF-8 (save the CSV as UTF-8)")]) from None
    table = csv.reader(io.StringIO(text, newline=""))
    try:
        records = [(table.line_num, cells) for cells in table]
    except csv.Error as exc:  # e.g. a field longer than the csv module's limit
        raise InputError([Problem(display_path(path), table.line_num, 1, f"unreadable CSV: {exc}")]) from None
    header = records[0][1] if records else None
    aliases = {a: c for c, names in columns.items() for a in (c, *names)}
    if not header:
        raise InputError([Problem(display_path(path), 1, 1, "empty CSV file; expected a header row: " + ",".join(columns))])
    names = [aliases.get(h.strip()) for h in header]
    missing = [c for c in columns if c not in names]
    if missing:
        raise InputError([Problem(display_path(path), 1, 1, f"header row lacks column(s) {', '.join(missing)} (have: {', '.join(header)})")])
    rows = []
    for line_no, cells in records[1:]:
        if not any(c.strip() for c in cells):
            continue
        reader.lines[len(rows)] = line_no
        rows.append({n: c for n, c in zip(names, cells) if n})
    return rows, path
