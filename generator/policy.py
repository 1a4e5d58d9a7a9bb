"""Load and validate policy/: schema, referential integrity and quotes, every problem at once.

    policy/vocabulary.yaml                     shared metrics, units, periods, institution types
    policy/<doc-id>/document.yaml              the work: its versions and which one is current
    policy/<doc-id>/<version>/meta.yaml        title, number, status, dates, based-on, repeals
    policy/<doc-id>/<version>/text.yaml        the full text, verbatim
    policy/<doc-id>/<version>/rules.yaml       conditions, definitions, procedures, rewards, sanctions
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
from functools import lru_cache
from pathlib import Path

import jsonschema

from generator import SCHEMAS_DIR
from generator.checks import check_policy
from generator.errors import InputError, Problem, display_path, dotted
from generator.frozen import FrozenDict, freeze
from generator.model import Document, Policy, Version, duplicate_ids, make_version
from generator.workspace import find_policy_dir
from generator.yamlio import Marks, control_chars, load_file

VERSION_FILES = ("meta", "text", "rules")


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    return json.loads((SCHEMAS_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


REVIEW = "review"  # the mark `fuhua import` puts on each guess; the schemas refuse it


def review_marks(node, where: tuple = ()) -> list[tuple[tuple, str]]:
    """(where, message) of every review mark in a meta.yaml or rules.yaml; a mark that is a mapping
    (meta.yaml's {field: message}) names each field: ((field,), message)."""
    out = []
    if isinstance(node, dict):
        mark = node.get(REVIEW)
        if isinstance(mark, dict):
            out += [(where + (k,), str(m)) for k, m in mark.items()]
        elif mark is not None:
            out.append((where, str(mark)))
        for k, v in node.items():
            if k != REVIEW:
                out += review_marks(v, where + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += review_marks(v, where + (i,))
    return out


def without_review_marks(node):
    """The data with every review mark deleted (as a drafter does after checking each one)."""
    if isinstance(node, dict):
        return {k: without_review_marks(v) for k, v in node.items() if k != REVIEW}
    if isinstance(node, list):
        return [without_review_marks(v) for v in node]
    return node


class Collector:
    """Gathers problems with their positions, so one run reports everything. With `pending` (review
    marks tolerated) a problem inside a record that awaits review is not one."""

    def __init__(self, pending: bool = False) -> None:
        self.problems: list[Problem] = []
        self.pending = pending
        self.excused: dict[Path, list[tuple]] = {}

    def add(self, path: Path, marks: Marks | None, where: tuple, message: str) -> None:
        if any(where[:len(w)] == w for w in self.excused.get(path, ())):
            return
        line, col = marks.at(where) if marks is not None else (1, 1)
        self.problems.append(Problem(display_path(path), line, col, message))

    def load(self, path: Path):
        try:
            data, marks = load_file(path)
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None, None
        for where, text in _texts(data, ()):
            if bad := control_chars(text):  # written as an escape such as "\a": .docx and HTML cannot carry it
                self.add(path, marks, where, f"{dotted(where)}: control character U+{ord(bad[0]):04X}; remove it")
        return data, marks

    def check_schema(self, path: Path, data, marks: Marks, name: str) -> bool:
        validator = jsonschema.Draft202012Validator(schema(name), format_checker=jsonschema.FormatChecker())
        errors = list(validator.iter_errors(data))
        for err in errors:
            where, message = describe_schema_error(err)
            self.add(path, marks, where, message)
        return not errors


def _texts(node, where: tuple):
    if isinstance(node, dict):
        for k, v in node.items():
            yield where + (k,), k
            yield from _texts(v, where + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _texts(v, where + (i,))
    elif isinstance(node, str):
        yield where, node


def describe_schema_error(err: jsonschema.ValidationError) -> tuple[tuple, str]:
    """A message that names the key and what was expected, and the path to report it at."""
    where = tuple(err.absolute_path)
    key = dotted(where)
    v = err.validator
    if v == "required":
        missing = err.message.split("'")[1]
        return where, f"{key}: missing required key '{missing}'"
    if v == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extras = [k for k in err.instance if k not in err.schema.get("properties", {})]
        name = extras[0] if extras else "?"
        hint = difflib.get_close_matches(name, allowed, n=1)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else f" (allowed: {', '.join(allowed)})"
        return where + (name,), f"{key}: unknown key '{name}'{suggestion}"
    if v == "type":
        expected = err.validator_value if isinstance(err.validator_value, str) else " or ".join(err.validator_value)
        return where, f"{key}: expected {expected}, got {type_name(err.instance)} {err.instance!r}"
    if v == "enum":
        options = ", ".join(repr(o) for o in err.validator_value)
        return where, f"{key}: expected one of {options}, got {err.instance!r}"
    if v == "format":
        return where, f"{key}: {err.instance!r} is not a valid {err.validator_value} (YYYY-MM-DD, a real calendar day)"
    if v == "pattern":
        return where, f"{key}: {err.instance!r} does not match the expected form {err.validator_value}"
    if v == "oneOf" and isinstance(err.instance, dict) and err.schema.get("oneOf") and all("required" in s for s in err.schema["oneOf"]):
        keys = " or ".join(s["required"][0] for s in err.schema["oneOf"])
        return where, f"{key}: needs exactly one of {keys}"
    return where, f"{key}: {err.message}"


def type_name(value) -> str:
    return {bool: "boolean", int: "integer", float: "number", str: "text", list: "list", dict: "mapping", type(None): "nothing"}.get(type(value), type(value).__name__)


def load_policy(directory: str | Path | None = None, *, extra_checks: bool = True, pending: bool = False) -> Policy:
    """Load policy/ or raise InputError listing every problem found. `pending`: a version's review
    marks are dropped, not refused, and so are the problems of the records they mark (`fuhua diff`
    of a version still under review)."""
    directory = find_policy_dir(directory)
    c = Collector(pending)
    if not directory.is_dir():
        raise InputError.single(directory, "policy folder not found")
    vocab_path = directory / "vocabulary.yaml"
    vocabulary, vmarks = c.load(vocab_path)
    if vocabulary is not None and not c.check_schema(vocab_path, vocabulary, vmarks, "vocabulary"):
        vocabulary = None
    project_path = directory / "project.yaml"
    project, pmarks = c.load(project_path)
    if project is not None and not c.check_schema(project_path, project, pmarks, "project"):
        project = None
    documents: dict[str, Document] = {}
    for doc_dir in sorted(p for p in directory.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        doc = _load_document(doc_dir, c)
        if doc is not None:
            documents[doc.id] = doc
    policy = Policy(directory, freeze(vocabulary or {}), FrozenDict(documents), freeze(project or {}))
    if vocabulary is not None and project is not None:
        check_policy(policy, c, extra=extra_checks)
    if c.problems:
        raise InputError(c.problems)
    return policy


def _load_document(doc_dir: Path, c: Collector) -> Document | None:
    path = doc_dir / "document.yaml"
    if not path.exists():
        c.add(path, None, (), f"missing document.yaml in {display_path(doc_dir)}")
        return None
    data, marks = c.load(path)
    if data is None or not c.check_schema(path, data, marks, "document"):
        return None
    if data["id"] != doc_dir.name:
        c.add(path, marks, ("id",), f"id: '{data['id']}' must equal the folder name '{doc_dir.name}'")
    if data["current"] not in data["versions"]:
        c.add(path, marks, ("current",), f"current: '{data['current']}' is not one of versions {data['versions']}")
    versions = {}
    for name in data["versions"]:
        v = _load_version(doc_dir, name, data, c, marks, path)
        if v is not None:
            versions[name] = v
    if len(versions) != len(data["versions"]):
        return None
    return Document(data["id"], data["current"], FrozenDict(versions), data["role"], freeze(data.get("short_title")))


def _load_version(doc_dir: Path, name: str, doc: dict, c: Collector, dmarks: Marks, dpath: Path) -> Version | None:
    vdir = doc_dir / name
    if not vdir.is_dir():
        c.add(dpath, dmarks, ("versions",), f"versions: folder '{name}' not found in {display_path(doc_dir)}")
        return None
    parts, marks = {}, {}
    for part in VERSION_FILES:
        path = vdir / f"{part}.yaml"
        if not path.exists():
            c.add(path, None, (), f"missing {part}.yaml")
            continue
        data, m = c.load(path)
        if data is not None and c.pending and part in ("meta", "rules"):
            c.excused[path] = [where for where, _ in review_marks(data) if where]
            data = without_review_marks(data)
        if data is not None and c.check_schema(path, data, m, part):
            parts[part], marks[part] = data, m
    if len(parts) != len(VERSION_FILES):
        return None
    v = make_version(doc["id"], name, vdir, parts["meta"], parts["text"], parts["rules"],
                     is_current=name == doc["current"], role=doc["role"], marks=marks)
    for node, first in duplicate_ids(v):
        c.add(vdir / "text.yaml", marks["text"], node.yaml_path + ("id",), f"duplicate provision id '{node.id}' (also used by {first.citation})")
    return v


def parse_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
