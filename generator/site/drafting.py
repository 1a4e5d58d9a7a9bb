"""The drafting-problems page: `fuhua lint`'s findings on the build date, one anchored block per
provision, so that each provision's text can link to its own problems."""
from __future__ import annotations

from generator.crossref.lint import KIND_NAMES
from generator.site.context import Site, drafting_uri, text_uri
from generator.site.templates import render


def page(site: Site) -> str:
    documents = []
    for v in site.versions:
        by_provision: dict[str, list] = {}
        for f in site.lint_findings:
            if f.document == v.doc_id and f.provision:
                by_provision.setdefault(f.provision, []).append(
                    {"kind": KIND_NAMES.get(f.kind, f.kind), "text": f.text, "message": f.message})
        order = {p.id: i for i, p in enumerate(v.walk())}
        provisions = [{"id": pid, "anchor": site.lint_anchor(v, pid), "citation": v.citation(pid), "findings": found}
                      for pid, found in sorted(by_provision.items(), key=lambda kv: order.get(kv[0], 0))]
        documents.append({"title": v.title, "uri": text_uri(v.doc_id), "provisions": provisions})
    return render("drafting.md.j2", uri=drafting_uri(), as_of=site.settings.build_date, documents=documents)
