"""The site's wording: each generated page (or part of one) is a Jinja2 template in templates/site/
that renders Markdown. Python gathers the values; the templates hold every Chinese word."""
from __future__ import annotations

import html
from functools import lru_cache

import jinja2

from generator import TEMPLATES_DIR
from generator.eligibility.arith import fmt
from generator.numerals import to_chinese
from generator.render import cn_date
from generator.site.markup import link, md, mermaid_label, rel

SITE_TEMPLATES = TEMPLATES_DIR / "site"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(SITE_TEMPLATES), str(TEMPLATES_DIR)]), autoescape=False,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=False)
    env.filters.update(md=md, cn_date=cn_date, html=lambda s: html.escape(str(s), quote=True), mermaid=mermaid_label, fmt=fmt,
                       cn_number=to_chinese)
    env.globals.update(link=link, rel=rel)
    return env


def render(template: str, **context) -> str:
    """templates/site/<name> rendered with context: Markdown (with inline HTML) for a page."""
    return environment().get_template(template).render(**context).strip("\n") + "\n"


def macro(name: str, macro_name: str):
    """A macro of a template, callable from Python (a shared piece of wording)."""
    return getattr(environment().get_template(name).module, macro_name)
