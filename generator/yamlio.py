"""Safe YAML/JSON reading that keeps the line and column of every value.

Outside input (policy files, applicant profiles, notice lists) is read here and nowhere else, so
every reader shares the same limits: bounded size and nesting, no aliases, strict UTF-8, no
duplicate keys. Dates stay strings (the schemas check them), so "2026-02-30" is reported, not
silently parsed. libyaml reads when it can; anything it finds unusual is read again by the
pure-Python parser, whose messages are the ones reported.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.errors import InputError, Problem

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64

JsonPath = tuple  # keys and indexes from the document root


class _Loader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1 timestamps and '=' value tags."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value")]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _CLoader(getattr(yaml, "CSafeLoader", _Loader)):
    """The same loader parsed by libyaml (about ten times faster), when PyYAML was built with it."""


_CLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
_FAST = hasattr(yaml, "CSafeLoader")
# Characters libyaml treats differently from the pure-Python reader (tabs, "?" in flow context, a
# BOM inside the text, other line breaks, control characters): text with any of them is read by
# the pure-Python parser only.
_UNUSUAL = re.compile("[^\n\x20-\x3e\x40-\x7e\xa0-\u2027\u202a-\ufefe\uff00-\U0010ffff]")


class Marks(dict):
    """Maps a JSON path (tuple) to (line, column), both 1-based."""

    def at(self, path: JsonPath) -> tuple[int, int]:
        path = tuple(path)
        while path and path not in self:
            path = path[:-1]
        return self.get(path, (1, 1))


def _decode(raw: bytes, path: str) -> str:
    if len(raw) > MAX_BYTES:
        raise InputError.single(path, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError.single(path, f"not valid UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded", line, col)
    return text.removeprefix("\ufeff")


def _precheck_events(text: str, path: str) -> None:
    """Walk the event stream (iteratively) to refuse aliases and deep nesting before composing."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                m = event.start_mark
                raise InputError.single(path, "YAML aliases (*name) are not allowed in fuhua input", m.line + 1, m.column + 1)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    m = event.start_mark
                    raise InputError.single(path, f"nesting deeper than {MAX_DEPTH} levels", m.line + 1, m.column + 1)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        raise _yaml_problem(exc, path) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise InputError.single(path, f"character U+{ord(exc.character) if isinstance(exc.character, str) else exc.character:04X} is not allowed in YAML", line, col) from None
    except yaml.YAMLError as exc:
        raise InputError.single(path, f"YAML error: {exc}") from None


def _compose_fast(text: str) -> tuple[bool, yaml.Node | None]:
    """(True, root node) read by libyaml, or (False, None) when anything is unusual: a syntax
    error, an alias, deep nesting, an empty value. Then the pure-Python reader reads it again and words the message,
    so messages and limits are the same either way."""
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_CLoader):
            if isinstance(event, yaml.ScalarEvent):
                if not event.value and not event.style:  # an empty value: libyaml marks it elsewhere
                    return False, None
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return False, None
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                return False, None
        loader = _CLoader(text)
        try:
            return True, loader.get_single_node()
        finally:
            loader.dispose()
    except Exception:  # noqa: BLE001 - any failure: the pure-Python reader decides and explains
        return False, None


def _yaml_problem(exc: yaml.MarkedYAMLError, path: str) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = exc.problem or str(exc)
    if "\\t" in what or "'\\t'" in what or "\t" in what:
        what = "a tab character cannot be used for indentation in YAML; use spaces"
    elif exc.context:
        what = f"{exc.context}: {what}"
    return InputError.single(path, f"YAML syntax: {what}", line, col)


def _to_python(node: yaml.Node, loader: _Loader, path: JsonPath, marks: Marks, problems: list, fname: str) -> Any:
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = _to_python(key_node, loader, path + ("<key>",), marks, problems, fname)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                problems.append(Problem(fname, key_node.start_mark.line + 1, key_node.start_mark.column + 1, f"mapping key must be text, got {key!r}"))
                continue
            key = str(key)
            if key in out:
                problems.append(Problem(fname, key_node.start_mark.line + 1, key_node.start_mark.column + 1, f"duplicate key '{key}'"))
                continue
            out[key] = _to_python(value_node, loader, path + (key,), marks, problems, fname)
            marks.setdefault(path + (key,), (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
        marks.pop(path + ("<key>",), None)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(child, loader, path + (i,), marks, problems, fname) for i, child in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        problems.append(Problem(fname, node.start_mark.line + 1, node.start_mark.column + 1, f"cannot read value {node.value!r}: {exc}"))
        return None


def load_text(text: str, path: str | Path) -> tuple[Any, Marks]:
    """Parse YAML (or JSON, a YAML subset) text; return (data, marks) or raise InputError."""
    fname = str(path)
    fast, node = _compose_fast(text) if _FAST and not _UNUSUAL.search(text) else (False, None)
    data, marks, problems = _convert(node if fast else _compose(text, fname), fname)
    if problems and fast:  # the pure-Python nodes' marks quote the line in the message
        data, marks, problems = _convert(_compose(text, fname), fname)
    if problems:
        raise InputError(problems)
    return data, marks


def _convert(node: yaml.Node | None, fname: str) -> tuple[Any, Marks, list[Problem]]:
    marks = Marks()
    problems: list[Problem] = []
    data = None if node is None else _to_python(node, _Loader(""), (), marks, problems, fname)
    return data, marks, problems


def _compose(text: str, fname: str) -> yaml.Node | None:
    _precheck_events(text, fname)
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _yaml_problem(exc, fname) from None
    except yaml.YAMLError as exc:
        raise InputError.single(fname, f"YAML error: {exc}") from None
    finally:
        loader.dispose()


def load_file(path: str | Path) -> tuple[Any, Marks]:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError.single(path, f"file is {size:,} bytes; the limit is {MAX_BYTES:,} bytes")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError.single(path, f"cannot read file: {exc.strerror or exc}") from None
    return load_text(_decode(raw, str(path)), path)


# Characters that XML 1.0 (and so .docx) cannot carry; also exported in rules.json for selfcheck.js.
CONTROL_CHARACTERS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]"
_CONTROL = re.compile(CONTROL_CHARACTERS)


def control_chars(text: str) -> list[str]:
    """Characters that XML 1.0 (and so .docx) cannot carry."""
    return _CONTROL.findall(text)
