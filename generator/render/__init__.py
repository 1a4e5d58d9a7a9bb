"""The one renderer: a Jinja2 template in templates/ -> block Markdown -> .md and .docx.

Public API (stable; the generators, eligibility, cross-reference and revision code call it):

    render(template_name, context, formats=("docx", "md"), layout=None) -> {"docx": bytes, "md": bytes}
        Renders templates/<template_name> with `context`. `layout` is "official" (GB/T 9704 公文)
        or "form"; None takes the template's own `{# layout: official #}` first-line comment,
        else "form".
    render_markdown(text, formats=("docx", "md"), layout="form", source="", media=None, header=None) -> {ext: bytes}
        The same from block Markdown you already have; `media` maps the names of `![说明](name.png)`
        pictures to PNG bytes, `header` is a line printed at the top of every page of the .docx.
    template_text(template_name, context) -> str
        The block Markdown a template produces (for tests and debugging).
    MD(text)
        Marks a context value as trusted block Markdown, inserted without escaping. Every other
        value is escaped, so names containing <&>|* stay text.

Templates get these filters besides Jinja's: cn (12 -> 十二), num (drop a float's ".0"),
cn_date (a date -> YYYY年M月D日),
md (same as MD); and `join`/`replace` escape like `{{ }}` does. MD() is also a template global, and so
are balanced(units, per_line) (a title in balanced lines broken between words) and
signature_indents(name, date) (right indents centring the 署名 over the 成文日期), see typeset.py.
Block Markdown is documented in templates/README.md and generator/render/blocks.py.
"""
from __future__ import annotations

import re
from functools import lru_cache

import jinja2
from markupsafe import Markup

from generator import TEMPLATES_DIR
from generator.numerals import to_chinese
from generator.render import blocks as _blocks
from generator.render import docx as _docx
from generator.render import markdown as _markdown
from generator.render import typeset
from generator.render.blocks import MarkupError

LAYOUTS = ("official", "form")
FORMATS = ("docx", "md")
MD = Markup
_LAYOUT_COMMENT = re.compile(r"^\{#-?\s*layout:\s*(\w+)\s*-?#\}")
_TEMPLATE_ESCAPE = {c: f"&#{ord(c)};" for c in "\\*|#{"}
_TEMPLATE_ESCAPE.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "<br>", "\r": ""})
_TEMPLATE_ESCAPE_RE = re.compile("[" + re.escape("".join(_TEMPLATE_ESCAPE)) + "]")

__all__ = ["render", "render_markdown", "template_text", "MD", "LAYOUTS", "MarkupError", "escape"]


def escape(value) -> Markup:
    """A value as block-Markdown text: markup characters become entities, newlines <br>."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return Markup(_TEMPLATE_ESCAPE_RE.sub(lambda m: _TEMPLATE_ESCAPE[m.group(0)], str(value)))


def _join(items, sep="", attribute=None):
    if attribute is not None:
        items = [getattr(i, attribute, None) if not isinstance(i, dict) else i.get(attribute) for i in items]
    return Markup(escape(sep).join(escape(i) for i in items))


def _replace(value, old, new, count=-1):
    return escape(str(value).replace(str(old), str(new), count))


def cn_date(value) -> str:
    """A date as YYYY年M月D日, without leading zeros."""
    return f"{value.year}年{value.month}月{value.day}日"


def _num(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


@lru_cache(maxsize=None)
def environment(directory: str = str(TEMPLATES_DIR)) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(directory),
        autoescape=True,
        finalize=escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(cn=to_chinese, num=_num, cn_date=cn_date, md=Markup, join=_join, replace=_replace, e=escape, escape=escape)
    env.globals["MD"] = Markup
    env.globals["balanced"] = lambda units, per_line: Markup("<br>").join(escape(x) for x in typeset.balance(units, per_line))
    env.globals["signature_indents"] = lambda name, date, margin=2: [_num(round(x, 2)) for x in typeset.signature_indents(name, date, margin)]
    return env


_layouts: dict[tuple[str, str], tuple[str, object]] = {}  # (directory, template) -> (layout, still up to date?)


def template_layout(template_name: str, directory: str = str(TEMPLATES_DIR)) -> str:
    cached = _layouts.get((directory, template_name))
    if cached and cached[1]():  # the file is unchanged: no need to read it again (as Jinja does)
        return cached[0]
    source, _, uptodate = environment(directory).loader.get_source(environment(directory), template_name)
    m = _LAYOUT_COMMENT.match(source)
    layout = m.group(1) if m else "form"
    if layout not in LAYOUTS:
        raise ValueError(f"{template_name}: unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    _layouts[(directory, template_name)] = (layout, uptodate or (lambda: False))
    return layout


def template_text(template_name: str, context: dict, directory: str = str(TEMPLATES_DIR)) -> str:
    return environment(directory).get_template(template_name).render(context)


def render_markdown(text: str, formats=FORMATS, layout: str = "form", source: str = "", media: dict | None = None,
                    header: str | None = None) -> dict[str, bytes]:
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    parsed = _blocks.parse(text, source)
    out: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "docx":
            out["docx"] = _docx.write(parsed, reference_path(layout), media, header)
        elif fmt == "md":
            out["md"] = _markdown.write(parsed).encode("utf-8")
        else:
            raise ValueError(f"unknown format {fmt!r}; use docx or md")
    return out


def render(template_name: str, context: dict, formats=FORMATS, layout: str | None = None,
           directory: str = str(TEMPLATES_DIR)) -> dict[str, bytes]:
    text = template_text(template_name, context, directory)
    return render_markdown(text, formats, layout or template_layout(template_name, directory), source=template_name)


def reference_path(layout: str):
    return TEMPLATES_DIR / f"reference-{layout}.docx"
