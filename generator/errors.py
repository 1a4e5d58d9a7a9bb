"""User-facing errors: each names a file, a line, a column and what is wrong; and how a message
names a file (display_path) and a place inside a YAML file (dotted)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def display_path(path: Path | str) -> str:
    """A file as messages name it: relative to the current folder where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)


def dotted(path) -> str:
    """A place in a YAML document as messages name it: `conditions.incubator[2].value`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        message = " ".join(self.message.split())  # one problem, one line
        return f"{self.path}:{self.line}:{self.column}: {message}"


@dataclass
class InputError(Exception):
    """Bad input: reported as one line per problem, exit code 2, no traceback."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in sorted(self.problems))

    @classmethod
    def single(cls, path, message: str, line: int = 1, column: int = 1) -> "InputError":
        return cls([Problem(str(path), line, column, message)])
