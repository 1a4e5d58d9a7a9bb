"""The site's pages: which exist, what builds each, and the navigation. Hand-written pages in
site/ may hold markers such as `<!-- fuhua:documents -->` that are replaced at build time."""
from __future__ import annotations

import json
import re
from pathlib import Path

from generator import eligibility, yamlio
from generator.eligibility.rules import export_rules

from generator.generators import comparison
from generator.impact import site as impact_site
from generator.site import downloads, drafting, fulltext, institutions, optional, rulesindex, textdocx, versions, xref
from generator.site.context import (Site, comparison_uri, docx_text_uri, download_uri, drafting_uri, rules_uri, text_uri, type_uri,
                                    version_uri)
from generator.site.markup import link, rel
from generator.site.templates import SITE_TEMPLATES, render
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
        for version in site.published(v.doc_id):  # each version's permanent page, the current one too
            uri = version_uri(v.doc_id, version.version)
            pages[uri] = fulltext.page(site, version, aligned[v.doc_id] if version.is_current else {}, uri)
        for old, new in site.comparisons(v.doc_id):
            pages[comparison_uri(old, new)] = versions.comparison_page(site, old, new)
    pages[drafting_uri()] = drafting.page(site)
    for t in site.policy.vocabulary["institution_types"]:
        if site.versions_for(t):
            pages[type_uri(t)] = institutions.page(site, t, requirements)
    if site.impact:
        pages[impact_site.PAGE] = site.impact[0]
    return pages


def guide_pages(site: Site) -> set[str]:
    """The built type guides (types/<type>.html): they quote the provisions in tables."""
    return {type_uri(t).removesuffix(".md") + ".html" for t in site.policy.vocabulary["institution_types"] if site.versions_for(t)}


def extra_files(site: Site) -> dict[str, str | bytes]:
    """Generated files besides the pages above: the exported rules and the browser evaluator for
    the self-check page, and the documents of the other build targets (downloads/)."""
    rules = json.dumps(export_rules(site.policy), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return {
        "assets/fuhua-rules.js": f"window.FUHUA_RULES = {rules};\n",
        "assets/fuhua-site-data.js": f"window.FUHUA_SITE = {json.dumps(site_data(site), ensure_ascii=False, sort_keys=True)};\n",
        "assets/selfcheck.js": SELFCHECK_JS.read_text(encoding="utf-8"),
        **form_filling(site),
        **downloads.files(site),
        **{docx_text_uri(version): textdocx.docx(version) for v in site.versions for version in site.published(v.doc_id)},
        **(site.impact[1] if site.impact else {}),  # the impact page's charts
    }


def site_data(site: Site) -> dict:
    """What the site's own scripts need besides the rules: the build date and each document's status."""
    day = site.settings.build_date
    docs = {}
    for v in site.versions:
        state = validity(v.meta, day)
        docs[v.doc_id] = {"status": v.meta["status"], "draft": state.draft and not state.expired,
                          "expired": state.expired, "term": state.term_text()}
    return {"build_date": day.isoformat(), "documents": docs}


def form_filling(site: Site) -> dict[str, str | bytes]:
    """The pre-filled form download of the self-check page (docs helper's hook): formfill.js, the
    zip library it uses and its licence, and which forms exist (window.FUHUA_FORMS)."""
    from generator.eligibility.build import FORMFILL
    from generator.generators import forms
    available = {t: download_uri(f"forms/application-{t}.docx") for t in forms.types(site.policy)
                 if f"forms/application-{t}.docx" in site.documents}
    spec = json.dumps({"jurisdiction": site.policy.home_jurisdiction, "forms": available}, ensure_ascii=False, sort_keys=True)
    return {"assets/fuhua-forms.js": f"window.FUHUA_FORMS = {spec};\n",
            **{"assets/" + name.rsplit("/", 1)[1]: path.read_bytes() for name, path in FORMFILL.items()}}


def nav(site: Site) -> list:
    """The navigation (templates/site/nav.yml.j2: the section names are the template's), without the
    pages this policy has nothing for (site/optional.py)."""
    texts = [text_uri(v.doc_id) for v in site.versions]
    types = [type_uri(t) for t in site.policy.vocabulary["institution_types"] if site.versions_for(t)]
    text = render("nav.yml.j2", texts=texts, types=types, drafting=drafting_uri(),
                  rules=[rules_uri(v.doc_id) for v in site.versions], impact=impact_site.PAGE)
    entries = yamlio.load_text(text, SITE_TEMPLATES / "nav.yml.j2")[0]
    gone = optional.absent(site)
    kept = [(title, [p for p in pages if p not in gone] if isinstance(pages, list) else pages)
            for entry in entries for title, pages in entry.items()]
    return [{title: pages} for title, pages in kept if pages and (isinstance(pages, list) or pages not in gone)]


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
    rows = [{"link": link(v.title, uri, text_uri(v.doc_id)), "issuer": v.meta["issuer"], "number": v.number,
             "validity": validity(v.meta, site.settings.build_date)} for v in site.versions]
    return render("documents.md.j2", rows=rows, as_of=site.settings.build_date)


def types_list(site: Site, uri: str) -> str:
    types = [{"name": site.policy.type_name(t), "uri": type_uri(t),
              "recognised": [v.rules.institution_types[t].recognised_as for v in site.versions_for(t)]}
             for t in site.policy.vocabulary["institution_types"] if site.versions_for(t)]
    return render("types-list.md.j2", uri=uri, types=types)


FILLERS = {
    "documents": documents_table,
    "status": downloads.status_banners,
    "texts": lambda site, uri: render("text-downloads.md.j2", rows=[
        {"title": version.title, "link": rel(uri, docx_text_uri(version)), "page": rel(uri, version_uri(v.doc_id, version.version)),
         "validity": validity(version.meta, site.settings.build_date), "current": version.is_current}
        for v in site.versions for version in site.published(v.doc_id)]),
    "types": types_list,
    "chain": lambda site, uri: institutions.chain_diagram(site, None),
    "crossref": lambda site, uri: xref.report_markdown(site),
    "comparison": lambda site, uri: xref.link_citations(
        site, uri, xref.demote_title(site.documents[comparison.report_name(site.policy) + ".md"].decode("utf-8"))),
}
