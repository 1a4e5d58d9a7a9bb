"""Render a Revision: JSON (the data itself), text (templates/revisions/diff.txt.j2), and
Markdown or .docx through the one renderer (templates/revisions/diff.md.j2, block Markdown)."""
from __future__ import annotations

import copy
import json

import jinja2
from markupsafe import Markup

from generator import TEMPLATES_DIR, render
from generator.revisions.chardiff import DELETE, EQUAL, INSERT
from generator.revisions.data import revision_data
from generator.revisions.report import Revision

FORMATS = ("text", "json", "md", "docx")
TEXT_MARKS = ("[-", "-]", "{+", "+}")
TEXT_CONTEXT = 24  # unchanged characters kept on each side of a change in the text format


def marked_text(segs, context: int | None = None) -> str:
    """Segments as [-deleted-]{+inserted+}; unchanged stretches longer than 2×context are elided."""
    d0, d1, i0, i1 = TEXT_MARKS
    out = []
    for k, (op, text) in enumerate(segs):
        if op == EQUAL:
            if context is not None and len(text) > 2 * context:
                text = (text[:context] if k > 0 else "") + "…" + (text[-context:] if k < len(segs) - 1 else "")
            out.append(text)
        else:
            out.append((d0 + text + d1) if op == DELETE else (i0 + text + i1))
    return "".join(out)


def marked_block(segs, only: str | None = None, escape=render.escape) -> Markup:
    """Segments as block Markdown: <del>…</del> and <ins>…</ins>; only='-' or '+' keeps one side.
    `escape` makes a piece of text safe Markup (the site passes its own, stricter one)."""
    out = []
    for op, text in segs:
        if op == EQUAL:
            out.append(escape(text))
        elif op == DELETE and only != INSERT:
            out.append(Markup("<del>") + escape(text) + Markup("</del>"))
        elif op == INSERT and only != DELETE:
            out.append(Markup("<ins>") + escape(text) + Markup("</ins>"))
    return Markup("").join(out)


def template_context(data: dict, style: str) -> dict:
    """The JSON data plus each change already marked in the output's style."""
    ctx = copy.deepcopy(data)
    for o in ctx["outputs"]:
        o["groups"] = _by_stem(o["files"])
    for d in ctx["documents"]:
        for p in d["provisions"]:
            p["marked"] = marked_text(p["segments"], TEXT_CONTEXT) if style == "text" else marked_block(p["segments"])
        for row in d["table"]:
            row["old_marked"] = marked_block(row["segments"], DELETE) if style != "text" else None
            row["new_marked"] = marked_block(row["segments"], INSERT) if style != "text" else None
    return ctx


def _by_stem(files: list[dict]) -> list[dict]:
    """forms/a.docx + forms/a.md (both changed) -> one entry forms/a with extensions .docx .md."""
    groups: dict[tuple, dict] = {}
    for f in files:
        stem, dot, ext = f["path"].rpartition(".")
        key = (stem if dot and "/" not in ext else f["path"], f["change"])
        groups.setdefault(key, {"path": key[0], "change": f["change"], "extensions": []})
        if dot and "/" not in ext:
            groups[key]["extensions"].append("." + ext)
    return list(groups.values())


def _text_environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)


def render_revision(rev: Revision, fmt: str) -> bytes:
    data = revision_data(rev)
    if fmt == "json":
        return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    if fmt == "text":
        return _text_environment().get_template("revisions/diff.txt.j2").render(**template_context(data, "text")).encode("utf-8")
    return render.render("revisions/diff.md.j2", template_context(data, "block"), formats=(fmt,))[fmt]
