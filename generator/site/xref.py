"""What the site takes from the cross-reference pass: each provision's counterpart in the other
document (clause alignment), and the report's Markdown for the cross-reference page."""
from __future__ import annotations

import re

from generator.crossref.align import align, units_of
from generator.crossref.report import document_pairs, report_data, report_files
from generator.site.context import Site, text_uri
from generator.site.fulltext import Counterparts
from generator.site.markup import link


def counterparts(site: Site) -> dict[str, Counterparts]:
    """doc id -> provision id -> [(other version, its aligned provision id)]."""
    out: dict[str, Counterparts] = {v.doc_id: {} for v in site.versions}
    for a, b in document_pairs(site.policy):
        for pair in align(units_of(a), units_of(b)):
            if pair.a and pair.b:
                out[a.doc_id].setdefault(pair.a.key, []).append((b, pair.b.key))
                out[b.doc_id].setdefault(pair.b.key, []).append((a, pair.a.key))
    return out


def report_markdown(site: Site) -> str:
    """The cross-reference report (fuhua crossref) as published Markdown, without its own title."""
    text = report_files(report_data(site.policy, site.settings.build_date), formats=("md",))["md"].decode("utf-8")
    return demote_title(text)


CITED = re.compile(r"(（)([^（）\n]{2,24}?)(）)")  # a bracketed citation (reads generated text)


def link_citations(site: Site, uri: str, text: str) -> str:
    """Each bracketed citation of a generated document, （第七条第一项） or （三、1）, linked to its
    provision, where the citation names one provision of one document's current version."""
    where: dict[str, list[tuple[str, str]]] = {}
    for v in site.versions:
        for p in v.walk():
            where.setdefault(p.citation, []).append((v.doc_id, p.id))

    def replace(m: re.Match) -> str:
        opening, citation, closing = m.groups()
        found = where.get(citation)
        if not found or len(found) != 1:
            return m.group(0)
        doc_id, pid = found[0]
        return opening + link(citation, uri, text_uri(doc_id), pid) + closing
    return CITED.sub(replace, text)


def demote_title(text: str) -> str:
    """Drop a generated document's leading `# title` line: the site page has its own."""
    lines = text.splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines).strip() + "\n"
