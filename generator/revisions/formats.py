"""Render a Revision as text, JSON or Markdown (templates/revisions/); .docx goes through generator.render."""
from __future__ import annotations

import json
import re

import jinja2

from generator import TEMPLATES_DIR
from generator.revisions.chardiff import DELETE, EQUAL, INSERT
from generator.revisions.data import revision_data
from generator.revisions.report import Revision

FORMATS = ("text", "json", "md", "docx")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#~^])")

# How each style marks deleted and inserted words.
MARKS = {
    "text": ("[-", "-]", "{+", "+}"),
    "md": ("<del>", "</del>", "<ins>", "</ins>"),
}


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "<br>")


def marked(segs, style: str, only: str | None = None, context: int | None = None) -> str:
    """Segments as one marked string. only='-' keeps the old side, '+' the new; context elides
    unchanged stretches longer than 2×context characters (for terminals)."""
    d0, d1, i0, i1 = MARKS["md" if style == "md" else "text"]
    esc = md_escape if style == "md" else (lambda t: t)
    out = []
    for k, (op, text) in enumerate(segs):
        if op == EQUAL:
            if context is not None and len(text) > 2 * context:
                head = text[:context] if k > 0 else ""
                tail = text[-context:] if k < len(segs) - 1 else ""
                text = head + "…" + tail
            out.append(esc(text))
        elif op == DELETE and only != INSERT:
            out.append(d0 + esc(text) + d1)
        elif op == INSERT and only != DELETE:
            out.append(i0 + esc(text) + i1)
    return "".join(out)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)
    env.filters.update(marked=marked, md=md_escape)
    return env


def render(rev: Revision, fmt: str) -> str:
    data = revision_data(rev)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    template = {"text": "revisions/diff.txt.j2", "md": "revisions/diff.md.j2"}[fmt]
    return environment().get_template(template).render(**data)
