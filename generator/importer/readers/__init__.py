"""Readers: one module per input format, each giving plain text, one paragraph per line.

`read(path)` picks the reader by the file's suffix; the structure parser does the rest. Each
reader records what it removed or resolved (page furniture, wrapped lines, navigation, automatic
numbering) as meta.yaml normalisations.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")


@dataclass(frozen=True)
class Reading:
    text: str
    records: tuple = field(default=())


def read(path: Path) -> Reading:
    """The plain text of a .txt, .docx, .pdf or .html file; InputError when it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError.single(path, f"cannot import a {suffix or 'suffix-less'} file; give one of {', '.join(SUFFIXES)}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError.single(path, f"cannot read file: {exc.strerror or exc}") from None
    limit = MAX_BYTES if suffix != ".txt" else 2 * 1024 * 1024
    if len(raw) > limit:
        raise InputError.single(path, f"file is {len(raw):,} bytes; the limit is {limit:,} bytes")
    if suffix == ".txt":
        from generator.importer.readers.plain import read_text
        return Reading(read_text(raw, path))
    try:
        if suffix == ".docx":
            from generator.importer.readers.word import read_docx
            return read_docx(raw)
        if suffix == ".pdf":
            from generator.importer.readers.pdf import read_pdf
            return read_pdf(raw)
        from generator.importer.readers.web import read_html
        return read_html(raw)
    except InputError:
        raise
    except Exception as exc:  # a damaged file of that format: say so, with no traceback
        raise InputError.single(path, f"cannot read this {suffix} file ({type(exc).__name__}: {exc})") from None
