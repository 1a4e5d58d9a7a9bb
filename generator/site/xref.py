"""What the site takes from the cross-reference pass: each provision's counterpart in the other
document (clause alignment), and the report's Markdown for the cross-reference page."""
from __future__ import annotations

from generator.crossref.align import align, units_of
from generator.crossref.report import document_pairs, report_data, report_files
from generator.site.context import Site
from generator.site.fulltext import Counterparts


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


def demote_title(text: str) -> str:
    """Drop a generated document's leading `# title` line: the site page has its own."""
    lines = text.splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines).strip() + "\n"
