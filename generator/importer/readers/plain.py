"""Plain text: UTF-8 (a byte-order mark is dropped)."""
from __future__ import annotations

from pathlib import Path

from generator.errors import InputError


def read_text(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InputError.single(path, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); convert the text to UTF-8 first", line) from None
