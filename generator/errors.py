"""User-facing errors: each names a file, a line, a column and what is wrong."""
from __future__ import annotations

from dataclasses import dataclass, field


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
