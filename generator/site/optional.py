"""Pages a policy may have nothing for. A policy with every part has them all; a workspace with one
document of its own (`fuhua init`) has no reference document to compare with, may lack documents for
some institution types, and its policy reads fewer facts than the default synthetic population
describes. Such pages are left out: their file, their nav entry, and each list item of a
hand-written page that links one (a link to any other missing page still fails the strict build)."""
from __future__ import annotations

import posixpath
import re

from generator.generators import comparison
from generator.impact import site as impact_site
from generator.site.context import Site, type_uri

COMPARISON_PAGE = "compare.md"  # hand-written around the comparison report (fuhua:comparison)
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]")
LINK = re.compile(r"\]\(([^)\s#]+)")


def absent(site: Site) -> set[str]:
    """The src uris of the pages this policy has nothing for."""
    gone = {type_uri(t) for t in site.policy.vocabulary["institution_types"] if not site.versions_for(t)}
    if comparison.sides(site.policy) is None:  # no reference document: no comparison report
        gone.add(COMPARISON_PAGE)
    if site.impact is None:  # the default population is written for a larger policy
        gone.add(impact_site.PAGE)
    return gone


def unlinked(site: Site, uri: str, markdown: str) -> str:
    """The page without its list items that link an absent page."""
    gone = absent(site)
    if not gone:
        return markdown
    here = posixpath.dirname(uri)

    def dead(line: str) -> bool:
        return bool(LIST_ITEM.match(line)) and any(posixpath.normpath(posixpath.join(here, target)) in gone
                                                   for target in LINK.findall(line))
    return "".join(line for line in markdown.splitlines(keepends=True) if not dead(line))
