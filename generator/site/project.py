"""What the hand-written pages of site/ say about this policy, so a workspace's site names its own
place and documents: the site's name, description, home-page intro and address (project.yaml `site:`,
each missing key from templates/site/site.yml.j2), and facts computed from the policy (its types,
documents, output folders, the comparison's sides). The pages are Jinja2 templates over these values;
a workspace's own site/ folder (beside its policy/) replaces or adds pages."""
from __future__ import annotations

from generator import yamlio
from generator.generators import comparison, reports
from generator.site import downloads
from generator.site.context import Site, type_uri
from generator.site.templates import SITE_TEMPLATES, environment, render

DEFAULTS = "site.yml.j2"


def jurisdiction_name(site: Site, jurisdiction: str) -> str:
    return site.policy.project["jurisdictions"][jurisdiction]["name"]


def facts(site: Site) -> dict:
    """The values computed from the policy that the hand-written pages may print."""
    policy = site.policy
    types = [t for t in policy.vocabulary["institution_types"] if site.versions_for(t)]
    sides = comparison.sides(policy)
    return {
        "home": jurisdiction_name(site, policy.home_jurisdiction),
        "types": [policy.type_name(t) for t in types],
        "guides": [{"name": policy.type_name(t), "uri": type_uri(t)} for t in types],
        "example_citation": example_citation(policy.home),
        "documents": [policy.documents[v.doc_id].name_of(v) for v in site.versions],
        "folders": downloads.folders(site),
        "assessments": any(rel.startswith("reports/assessment-") for rel in site.documents),
        "report_duties": [{"type": policy.type_name(d.institution_type), "periods": list(d.periods)}
                          for d in reports.report_duties(policy)],
        "comparison": sides and {
            "type": policy.type_name(comparison.compared_type(policy)),
            **{side: {"name": jurisdiction_name(site, v.jurisdiction), "title": policy.documents[v.doc_id].name_of(v)} for side, v in sides.items()}},
    }


def example_citation(version) -> str:
    """How a provision of the home text is cited, as an example: its third item (项), else its third
    article or part, else its third provision (or last, when it has fewer)."""
    provisions = [p for p in version.provisions.values() if p.kind != "preamble"]
    for kinds in (("point", "item"), ("article", "part")):
        if chosen := [p for p in provisions if p.kind in kinds]:
            return chosen[min(2, len(chosen) - 1)].citation
    return provisions[min(2, len(provisions) - 1)].citation


def settings(site: Site) -> dict:
    """name, description, intro, url, search_examples: project.yaml `site:` over the template's defaults."""
    defaults = yamlio.load_text(render(DEFAULTS, **facts(site)), SITE_TEMPLATES / DEFAULTS)[0]
    return {**defaults, **(site.policy.project.get("site") or {})}


def page(site: Site, markdown: str) -> str:
    """A hand-written page (front matter included) rendered with `site` (settings) and the facts."""
    return environment().from_string(markdown).render(site=settings(site), **facts(site))
