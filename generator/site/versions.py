"""Points in time: each published version of a document on its own permanent page
(texts/<doc>/<version>/), and the 新旧对照 of consecutive versions from the revisions diff."""
from __future__ import annotations

from generator.model import Version
from generator.revisions.compare import compare
from generator.revisions.formats import render_revision
from generator.revisions.report import Revision
from generator.site.context import Site, comparison_uri, version_uri
from generator.site.templates import render
from generator.site.validity import validity
from generator.site.xref import demote_title


def comparison_page(site: Site, old: Version, new: Version) -> str:
    rev = Revision(old.version, new.version, [compare(old, new, site.policy.vocabulary)])
    body = demote_title(render_revision(rev, "md").decode("utf-8"))
    day = site.settings.build_date
    return render("versions-compare.md.j2", uri=comparison_uri(old, new),
                  doc_name=site.policy.documents[old.doc_id].name_of(old),
                  old_status=old.meta["status"], new_status=new.meta["status"],
                  old_uri=version_uri(old.doc_id, old.version), new_uri=version_uri(new.doc_id, new.version),
                  old_validity=validity(old.meta, day), new_validity=validity(new.meta, day), as_of=day, body=body)
