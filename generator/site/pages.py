"""The site's pages: which exist, what builds each, and the navigation. Hand-written pages in
site/ may hold markers such as `<!-- fuhua:documents -->` that are replaced at build time."""
from __future__ import annotations

import json
import re
from pathlib import Path

from generator import eligibility
from generator.eligibility.rules import export_rules

from generator.site import downloads, fulltext, institutions, rulesindex, xref
from generator.site.context import Site, rules_uri, text_uri, type_uri
from generator.site.markup import link, md, rel, table
from generator.site.validity import validity

SELFCHECK_JS = Path(eligibility.__file__).with_name("selfcheck.js")  # the browser twin of `fuhua check`
MARKER = re.compile(r"<!--\s*fuhua:([a-z_]+)(?::([\w*-]+))?\s*-->")


def generated(site: Site) -> dict[str, str]:
    """src uri -> Markdown of every page built from policy/ and the generators' outputs."""
    requirements = institutions.requirements(site)
    aligned = xref.counterparts(site)
    pages = {}
    for v in site.versions:
        pages[text_uri(v.doc_id)] = fulltext.page(site, v, aligned[v.doc_id])
        pages[rules_uri(v.doc_id)] = rulesindex.page(site, v, requirements)
    for t in site.policy.vocabulary["institution_types"]:
        if site.versions_for(t):
            pages[type_uri(t)] = institutions.page(site, t, requirements)
    return pages


def extra_files(site: Site) -> dict[str, str | bytes]:
    """Generated files besides the pages above: the exported rules and the browser evaluator for
    the self-check page, and the documents of the other build targets (downloads/)."""
    rules = json.dumps(export_rules(site.policy), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return {
        "assets/fuhua-rules.js": f"window.FUHUA_RULES = {rules};\n",
        "assets/selfcheck.js": SELFCHECK_JS.read_text(encoding="utf-8"),
        **downloads.files(site),
    }


def nav(site: Site) -> list:
    texts = [text_uri(v.doc_id) for v in site.versions]
    types = [type_uri(t) for t in site.policy.vocabulary["institution_types"] if site.versions_for(t)]
    return [
        {"首页": "index.md"},
        {"政策原文": texts},
        {"机构类型指南": types},
        {"申报自评": "selfcheck.md"},
        {"对比与核对": ["compare.md", "crossref.md", *[rules_uri(v.doc_id) for v in site.versions]]},
        {"下载": "downloads.md"},
        {"关于本站": "about.md"},
    ]


MERMAID_JS = "assets/vendor/mermaid/mermaid.tiny.js"


def with_mermaid(uri: str, markdown: str) -> str:
    """Load the vendored Mermaid on pages that have a diagram, and only there (it is 2.5 MB).
    Material draws the diagrams with a global `mermaid`; without one it would fetch it from a CDN."""
    if "```mermaid" not in markdown:
        return markdown
    return markdown + f'\n\n<script src="{rel(uri, MERMAID_JS)}"></script>\n'


def fill(site: Site, uri: str, markdown: str) -> str:
    """Replace each `<!-- fuhua:NAME -->` or `<!-- fuhua:NAME:ARG -->` marker of a hand-written page
    with its generated part. `fuhua:downloads:*` lists the output folders no other marker names."""
    named = {m.group(2) for m in MARKER.finditer(markdown) if m.group(1) == "downloads"}

    def replace(match: re.Match) -> str:
        name, arg = match.groups()
        if name == "downloads":
            chosen = [f for f in downloads.folders(site) if f not in named] if arg == "*" else [arg]
            return "\n\n".join(downloads.listing(site, uri, f) for f in chosen)
        builder = FILLERS.get(name)
        if builder is None:
            raise KeyError(f"{uri}: unknown marker fuhua:{name}; known: downloads, {', '.join(FILLERS)}")
        return builder(site, uri)
    return MARKER.sub(replace, markdown)


def documents_table(site: Site, uri: str) -> str:
    rows = []
    for v in site.versions:
        state = validity(v.meta, site.settings.build_date)
        rows.append([link(v.title, uri, text_uri(v.doc_id)), md(v.meta["issuer"]), md(v.number or "—"),
                     md("已失效" if state.expired else state.status), md(state.term_text())])
    return table(["文件", "发文机关", "文号", "效力状态", "有效期"], rows)


def types_list(site: Site, uri: str) -> str:
    lines = []
    for t in site.policy.vocabulary["institution_types"]:
        names = "、".join(v.rules["institution_types"][t]["recognised_as"] for v in site.versions_for(t))
        if names:
            lines.append(f"- {link(site.policy.type_name(t), uri, type_uri(t))}（{md(names)}）")
    return "\n".join(lines)


FILLERS = {
    "documents": documents_table,
    "types": types_list,
    "chain": lambda site, uri: institutions.chain_diagram(site, None),
    "crossref": lambda site, uri: xref.report_markdown(site),
    "comparison": lambda site, uri: xref.demote_title(site.documents["reports/accelerator-comparison.md"].decode("utf-8")),
}
