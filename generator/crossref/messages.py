"""The words of the drafting lint: problem kinds and every finding's message, read from
templates/crossref/messages.yaml so that a drafter changes them without Python.

    say("doubled", words="孵化器")           -> "“孵化器”连写两次，应删去一个。"
    say("no_point", "references", ...)       -> a reference check's detail
    kind_names()                             -> {"duplicated_words": "字词重复", ...}

Dates given as fields are written in Chinese form (2026年12月31日).
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from generator import TEMPLATES_DIR
from generator.render import cn_date
from generator.yamlio import load_file

MESSAGES_FILE = TEMPLATES_DIR / "crossref" / "messages.yaml"


@lru_cache(maxsize=1)
def _messages() -> dict:
    return load_file(MESSAGES_FILE)[0]


def say(key: str, section: str = "lint", **fields) -> str:
    shown = {k: cn_date(v) if isinstance(v, dt.date) else v for k, v in fields.items()}
    return _messages()[section][key].format(**shown)


def kind_names() -> dict[str, str]:
    return dict(_messages()["kinds"])
