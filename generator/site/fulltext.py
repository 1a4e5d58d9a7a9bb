"""A document's full text as one page (templates/site/text.md.j2): status and validity first, then
every provision with its own anchor (its id), its visible citation, its counterpart in the other
document, the rules that rest on it and the drafting problems `fuhua lint` finds in it."""
from __future__ import annotations

from generator.model import Provision, Version, format_doc_number
from generator.policy import parse_date
from generator.site.context import Site, docx_text_uri, drafting_uri, rules_uri, text_uri, type_uri, version_uri
from generator.site.markup import link, rel
from generator.site.rulesindex import refs_by_provision
from generator.site.templates import render
from generator.site.validity import validity

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
        "text.md.j2", uri=uri, title=version.title, doc_name=doc.name_of(version),
        searchable=version.is_current and uri == text_uri(version.doc_id),
        is_current=version.is_current, current_uri=text_uri(version.doc_id), current_name=doc.name,
        validity=state, as_of=site.settings.build_date, issuer=meta["issuer"], number=version.number,
        status_text=meta["status"], dates=dates,
        based_on=[_cited(site, ref) for ref in meta.get("based_on") or []],
        repeals=[_cited(site, ref) for ref in meta.get("repeals") or []],
        status_marks=[h for h in version.text.get("header") or [] if meta["status"] in h],
        versions=site.version_list(version.doc_id), comparisons=site.comparison_list(version.doc_id),
        docx_uri=docx_text_uri(version), header=version.text.get("header") or [], nodes=nodes)


def _cited(site: Site, ref: dict) -> dict:
    """A document the text rests on or repeals; `uri`: its full text when that document is in policy/."""
    target = ref.get("document")
    return {"issuer": ref.get("issuer", ""), "title": ref["title"], "number": format_doc_number(ref.get("number")),
            "uri": text_uri(target) if target in site.policy.documents else None}


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
            for pid in dict.fromkeys((spec.defined_in, spec.conditions_in)):  # one link when both are one provision
                self.guides.setdefault(pid, []).append(t)

    def node(self, p: Provision) -> list[dict]:
        """A provision and everything under it: chapters, sections, parts, attachments, articles and a
        part's items are headings (with their titles); paragraphs, points and sub-items are blocks,
        points and sub-items led by their printed label. A part without a title (一、 with its words on
        the same line) is no heading: its first paragraph is led by its number and carries its anchor."""
        if p.kind == "part" and not p.heading and p.children and p.children[0].kind == "paragraph":
            first, *rest = p.children
            lead = self.block(first)
            links = _merged(self.links(p, own=False), lead["links"])
            links["self"] = links["self"] or {"label": p.citation, "uri": self.uri, "anchor": p.id}
            lead.update(label=p.citation, anchors=[p.id], links=links)
            return [lead, *(n for child in rest for n in self.node(child))]
        if p.kind in HEADING_LEVELS or _major_item(p):
            level = HEADING_LEVELS.get(p.kind, 3) + (p.kind == "article" and p.parent is not None and p.parent.kind == "section")
            out = [{"kind": "heading", "level": level, "of": p.kind, "citation": p.own_citation, "heading": p.heading,
                    "id": p.id, "links": self.links(p, own=False) if p.kind != "item" else {}}]
            body = self.block(p, anchor=False) if p.kind == "item" else None  # the heading carries the anchor
            if body and (body["paragraphs"] or any(v for k, v in body["links"].items() if k != "self")):
                out.append(body)
        else:
            out = [self.block(p)]
        for child in p.children:
            out += self.node(child)
        return out

    def block(self, p: Provision, anchor: bool = True) -> dict:
        """One provision's own words, in a div carrying its id (unless its heading does)."""
        nested = p.kind in ("point", "item") and not _major_item(p) and p.parent is not None and p.parent.kind == p.kind
        paragraphs = [t for t in ((p.heading if p.kind == "point" or nested else None), p.text, *p.continuation) if t]
        labelled = p.kind == "point" or nested
        return {"kind": "sub" if nested else p.kind, "id": p.id if anchor else None, "paragraphs": paragraphs,
                "label": p.label if labelled and paragraphs else None, "anchors": [], "links": self.links(p, own=True)}

    def links(self, p: Provision, own: bool) -> dict:
        """What follows a provision, as (label, page, anchor) data: its citation (a link to itself),
        counterparts, cited documents, guides, rules (one per kind of rule, to its first rule: no rule
        ids shown), drafting problems."""
        docs = self.site.policy.documents
        parent = p.parent.citation if p.parent is not None else None
        groups: dict[str, dict] = {}
        for r in self.rules.get(p.id, []):
            groups.setdefault(r.group, {"group": r.group, "uri": rules_uri(self.version.doc_id), "anchor": r.anchor})
        return {
            "self": {"label": p.citation, "uri": self.uri, "anchor": p.id} if own and p.citation != parent else None,
            "counterparts": [{"title": docs[v.doc_id].name_of(v), "citation": v.citation(pid), "uri": text_uri(v.doc_id), "anchor": pid}
                             for v, pid in self.counterparts.get(p.id, [])],
            "cited": [{"title": docs[d].name, "uri": text_uri(d)} for d in self.cited.get(p.id, [])],
            "guides": [{"label": self.site.policy.type_name(t), "uri": type_uri(t)} for t in self.guides.get(p.id, [])],
            "rules": list(groups.values()),
            "lint": rel(self.uri, drafting_uri(), self.site.lint_anchor(self.version, p.id)) if p.id in self.lint else None,
        }


# the provisions shown as headings, by kind: their level (an article inside a section one deeper)
HEADING_LEVELS = {"chapter": 2, "part": 2, "attachment": 2, "section": 3, "article": 3}


def _merged(a: dict, b: dict) -> dict:
    """Two provisions' link lines as one: lists joined, single links from the second unless it has none."""
    return {k: (a.get(k) or []) + (b.get(k) or []) if isinstance(b.get(k, a.get(k)), list) else (b.get(k) or a.get(k))
            for k in {**a, **b}}


def _major_item(p: Provision) -> bool:
    """An item of a part (三、3): a heading; the items of an item are sub-items, shown by their label."""
    return p.kind == "item" and p.parent is not None and p.parent.kind == "part"


def version_page_uri(version: Version) -> str:
    return version_uri(version.doc_id, version.version)
