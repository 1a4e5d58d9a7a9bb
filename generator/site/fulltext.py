"""A document's full text as one page (templates/site/text.md.j2): status and validity first, then
every provision with its own anchor (its id), its visible citation, its counterpart in the other
document, the rules that rest on it and the drafting problems `fuhua lint` finds in it."""
from __future__ import annotations

from generator.model import Provision, Version, format_doc_number
from generator.policy import parse_date
from generator.site.context import Site, docx_text_uri, drafting_uri, rules_uri, text_uri, type_uri, version_uri
from generator.site.markup import link, md, rel
from generator.site.rulesindex import GROUPS, refs_by_provision
from generator.site.templates import render
from generator.site.validity import validity

SEP = "\u3000"

# provision id -> [(other version, its provision id)], from the cross-reference alignment
Counterparts = dict[str, list[tuple[Version, str]]]


def page(site: Site, version: Version, counterparts: Counterparts, uri: str | None = None) -> str:
    """The text of one version; `uri` is the page it is written to (the undated or the dated one)."""
    uri = uri or text_uri(version.doc_id)
    doc = site.policy.documents[version.doc_id]
    meta = version.meta
    state = validity(meta, site.settings.build_date)
    dates_of = meta.get("dates") or {}
    source = dates_of.get("source")
    where = link(version.citation(source["provision"]), uri, uri, source["provision"]) if source else None
    dates = [{"key": key, "day": day, "source": where}
             for key in ("issued", "effective", "expires") if (day := parse_date(dates_of.get(key)))]
    writer = _Writer(site, version, uri, counterparts)
    nodes = [n for root in version.roots for n in writer.node(root)]
    return render(
        "text.md.j2", uri=uri, title=version.title, short_title=doc.short_title,
        description=f"{version.title}全文，逐条可链接；{meta['status']}。",
        searchable=version.is_current and uri == text_uri(version.doc_id),
        is_current=version.is_current, current_uri=text_uri(version.doc_id),
        validity=state, as_of=site.settings.build_date, issuer=meta["issuer"], number=version.number,
        status_text=meta["status"], dates=dates,
        based_on=[_cited(site, uri, ref) for ref in meta.get("based_on") or []],
        repeals=[_cited(site, uri, ref) for ref in meta.get("repeals") or []],
        status_marks=[h for h in version.text.get("header") or [] if meta["status"] in h],
        versions=site.version_list(version.doc_id), comparisons=site.comparison_list(version.doc_id),
        docx_uri=docx_text_uri(version), header=version.text.get("header") or [], nodes=nodes)


def _cited(site: Site, uri: str, ref: dict) -> str:
    """《title》（number）, linked to its full text when that document is in policy/."""
    number = format_doc_number(ref.get("number"))
    label = f"{ref.get('issuer', '')}《{ref['title']}》" + (f"（{number}）" if number else "")
    target = ref.get("document")
    if target in site.policy.documents:
        return link(label, uri, text_uri(target))
    return md(label)


class _Writer:
    """The provision tree as a flat list of headings and blocks, each with its links."""

    def __init__(self, site: Site, version: Version, uri: str, counterparts: Counterparts) -> None:
        self.site, self.version, self.uri, self.counterparts = site, version, uri, counterparts
        self.rules = refs_by_provision(version) if version.is_current else {}
        self.lint = site.lint_provisions(version)
        self.cited: dict[str, list[str]] = {}  # provision id -> documents of policy/ it cites (meta.yaml)
        for ref in (*version.meta.get("based_on", []), *version.meta.get("repeals", [])):
            if ref.get("document") in site.policy.documents and ref.get("provision"):
                self.cited.setdefault(ref["provision"], []).append(ref["document"])
        self.guides: dict[str, list[str]] = {}
        for t, spec in version.rules.institution_types.items():
            for pid in (spec.defined_in, spec.conditions_in):
                self.guides.setdefault(pid, []).append(t)

    def node(self, p: Provision) -> list[dict]:
        if p.kind in ("chapter", "part"):
            title = md(p.citation if p.kind == "part" else p.citation + SEP) + md(p.heading or "")
            out = [{"kind": "heading", "level": 2, "title": title, "id": p.id, "links": self.links(p, own=False)}]
        elif p.kind == "article":
            out = [{"kind": "heading", "level": 3, "title": md(p.citation), "id": p.id, "links": self.links(p, own=False)}]
        elif p.kind == "item":
            title = md(p.citation) + (md(SEP + p.heading) if p.heading else "")
            return [{"kind": "heading", "level": 3, "title": title, "id": p.id, "links": {}}, self.block(p, number=False)]
        else:
            out = [self.block(p, number=p.kind == "point")]
        for child in p.children:
            out += self.node(child)
        return out

    def block(self, p: Provision, number: bool) -> dict:
        """One provision's own words, in a div carrying its id."""
        paragraphs = [t for t in ((p.heading if p.kind == "point" else None), p.text, *p.continuation) if t]
        if number and paragraphs:
            paragraphs = [f'<span class="fuhua-num">{p.num}.</span>' + md(paragraphs[0])] + [md(t) for t in paragraphs[1:]]
        else:
            paragraphs = [md(t) for t in paragraphs]
        return {"kind": p.kind, "id": p.id, "paragraphs": paragraphs, "links": self.links(p, own=True)}

    def links(self, p: Provision, own: bool) -> dict:
        """Citation (a link to itself), counterparts, cited documents, guides, rules, drafting problems."""
        docs = self.site.policy.documents
        parent = p.parent.citation if p.parent is not None else None
        groups: dict[str, str] = {}
        for r in self.rules.get(p.id, []):  # one link per kind of rule, to its first rule: no rule ids shown
            groups.setdefault(r.group, link(GROUPS[r.group], self.uri, rules_uri(self.version.doc_id), r.anchor))
        return {
            "self": link(p.citation, self.uri, self.uri, p.id) if own and p.citation != parent else None,
            "counterparts": [link(f"{docs[v.doc_id].short_title} {v.citation(pid)}", self.uri, text_uri(v.doc_id), pid)
                             for v, pid in self.counterparts.get(p.id, [])],
            "cited": [link(f"《{docs[d].short_title}》", self.uri, text_uri(d)) for d in self.cited.get(p.id, [])],
            "guides": [link(self.site.policy.type_name(t), self.uri, type_uri(t)) for t in self.guides.get(p.id, [])],
            "rules": list(groups.values()),
            "lint": rel(self.uri, drafting_uri(), self.site.lint_anchor(self.version, p.id)) if p.id in self.lint else None,
        }


def version_page_uri(version: Version) -> str:
    return version_uri(version.doc_id, version.version)
