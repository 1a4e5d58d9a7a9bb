"""Points in time: each published version of a document on its own permanent page
(texts/<doc>/<version>/), and the 新旧对照 of consecutive versions (templates/site/versions-compare.md.j2)
from the revisions diff, its words escaped as the site escapes policy text."""
from __future__ import annotations

from markupsafe import Markup

from generator.model import Version
from generator.policy import parse_date
from generator.revisions.chardiff import DELETE, INSERT
from generator.revisions.compare import compare
from generator.revisions.data import document
from generator.revisions.formats import marked_block
from generator.site.context import Site, comparison_uri, version_uri
from generator.site.markup import md
from generator.site.templates import render
from generator.site.validity import validity


def _escape(text: str) -> Markup:
    return Markup(md(text))


def comparison_page(site: Site, old: Version, new: Version) -> str:
    diff = document(compare(old, new, site.policy.vocabulary))
    for row in diff["table"]:
        row["old_marked"] = marked_block(row["segments"], DELETE, escape=_escape)
        row["new_marked"] = marked_block(row["segments"], INSERT, escape=_escape)
    for m in diff["metadata"]:  # dates as dates: the template writes them as readers do
        if m["field"].startswith("dates."):
            m["old"], m["new"] = parse_date(m["old"]), parse_date(m["new"])
    listed = {entry["uri"]: entry for entry in site.version_list(old.doc_id)}
    day = site.settings.build_date
    return render("versions-compare.md.j2", uri=comparison_uri(old, new),
                  doc_name=site.policy.documents[new.doc_id].name_of(new),
                  old=listed[version_uri(old.doc_id, old.version)], new=listed[version_uri(new.doc_id, new.version)],
                  old_validity=validity(old.meta, day), new_validity=validity(new.meta, day), as_of=day, diff=diff)
