"""A document's full text as one page: status and validity first, then every provision with its
own anchor (its id), its visible citation, its counterpart in the other document and the rules
that rest on it."""
from __future__ import annotations

import html

from generator.model import Provision, Version, format_doc_number
from generator.policy import parse_date
from generator.site.context import Site, rules_uri, text_uri, type_uri
from generator.site.markup import cn_date, link, md, table
from generator.site.rulesindex import GROUPS, refs_by_provision
from generator.site.validity import validity

SEP = "\u3000"

# provision id -> [(other version, its provision id)], from the cross-reference alignment
Counterparts = dict[str, list[tuple[Version, str]]]


def page(site: Site, version: Version, counterparts: Counterparts) -> str:
    uri = text_uri(version.doc_id)
    writer = _Writer(site, version, uri, counterparts)
    short = site.policy.documents[version.doc_id].short_title
    out = ["---", f"title: {short}", "---", "", f"# {md(version.title)}", "",
           status_block(site, version), "", metadata_table(site, version, uri), ""]
    header = version.text.get("header") or []
    if header:
        out += ['<div class="fuhua-header" markdown>', "", "<br>".join(md(h) for h in header), "", "</div>", ""]
    for root in version.roots:
        out += writer.node(root)
    return "\n".join(out)


def status_block(site: Site, version: Version) -> str:
    """The prominent banner: 效力状态 and the validity on the build date."""
    v = validity(version.meta, site.settings.build_date)
    badge = "已失效" if v.expired else v.status
    return (f'<div class="fuhua-status fuhua-status--{v.css_class}">'
            f'<span class="fuhua-badge">{html.escape(badge)}</span> '
            f'<span class="fuhua-term">{html.escape(v.term_text())}</span> '
            f'<span class="fuhua-asof">（按{cn_date(site.settings.build_date)}计算）</span></div>')


def metadata_table(site: Site, version: Version, uri: str) -> str:
    meta = version.meta
    dates = meta.get("dates") or {}
    source = dates.get("source")
    where = f"（{link(version.citation(source['provision']), uri, uri, source['provision'])}）" if source else ""
    rows = [["发文机关", md(meta["issuer"])],
            ["文号", md(version.number or "无")],
            ["效力状态", md(meta["status"])]]
    for key, label in (("issued", "发布日期"), ("effective", "施行日期"), ("expires", "有效期至")):
        day = parse_date(dates.get(key))
        if day:
            rows.append([label, md(cn_date(day)) + where])
    rows += [[label, "<br>".join(_cited(site, uri, ref) for ref in meta[key])]
             for key, label in (("based_on", "依据"), ("repeals", "废止")) if meta.get(key)]
    return table(["项目", "内容"], rows)


def _cited(site: Site, uri: str, ref: dict) -> str:
    """《title》（number）, linked to its full text when that document is in policy/."""
    number = format_doc_number(ref.get("number"))
    label = f"{ref.get('issuer', '')}《{ref['title']}》" + (f"（{number}）" if number else "")
    target = ref.get("document")
    if target in site.policy.documents:
        return link(label, uri, text_uri(target))
    return md(label)


class _Writer:
    def __init__(self, site: Site, version: Version, uri: str, counterparts: Counterparts) -> None:
        self.site, self.version, self.uri, self.counterparts = site, version, uri, counterparts
        self.rules = refs_by_provision(version)
        self.cited: dict[str, list[str]] = {}  # provision id -> documents of policy/ it cites (meta.yaml)
        for ref in (*version.meta.get("based_on", []), *version.meta.get("repeals", [])):
            if ref.get("document") in site.policy.documents and ref.get("provision"):
                self.cited.setdefault(ref["provision"], []).append(ref["document"])
        self.guides: dict[str, list[str]] = {}
        for t, spec in version.rules.get("institution_types", {}).items():
            for field in ("defined_in", "conditions_in"):
                self.guides.setdefault(spec[field], []).append(t)

    def node(self, p: Provision) -> list[str]:
        if p.kind in ("chapter", "part"):
            out = [f"## {md(p.citation if p.kind == 'part' else p.citation + SEP)}{md(p.heading or '')} {{#{p.id}}}", ""]
            out += self.links(p, own=False)
        elif p.kind == "article":
            out = [f"### {md(p.citation)} {{#{p.id}}}", ""] + self.links(p, own=False)
        elif p.kind == "item":
            out = [f"### {md(p.citation)}{md(SEP + p.heading) if p.heading else ''} {{#{p.id}}}", ""]
            out += self.block(p, number=False)
            return out
        else:
            out = self.block(p, number=p.kind == "point")
        for child in p.children:
            out += self.node(child)
        return out

    def block(self, p: Provision, number: bool) -> list[str]:
        """One provision's own words in a div carrying its id, then its links line."""
        paragraphs = [t for t in ((p.heading if p.kind == "point" else None), p.text, *p.continuation) if t]
        if number and paragraphs:
            paragraphs[0] = f'<span class="fuhua-num">{p.num}.</span>' + md(paragraphs[0])
            paragraphs[1:] = [md(t) for t in paragraphs[1:]]
        else:
            paragraphs = [md(t) for t in paragraphs]
        out = [f'<div class="fuhua-prov fuhua-prov--{p.kind}" id="{p.id}" markdown>', ""]
        for text in paragraphs:
            out += [text, ""]
        out += self.links(p, own=True)
        return out + ["</div>", ""]

    def links(self, p: Provision, own: bool) -> list[str]:
        """Citation (a link to itself), counterparts, guides and rules, excluded from search."""
        parent = p.parent.citation if p.parent is not None else None
        parts = [link(p.citation, self.uri, self.uri, p.id)] if own and p.citation != parent else []
        others = [link(f"{self.site.policy.documents[v.doc_id].short_title} {v.citation(pid)}", self.uri, text_uri(v.doc_id), pid)
                  for v, pid in self.counterparts.get(p.id, [])]
        if others:
            parts.append("对应：" + "、".join(others))
        cited = [link(f"《{self.site.policy.documents[d].short_title}》", self.uri, text_uri(d)) for d in self.cited.get(p.id, [])]
        if cited:
            parts.append("引用：" + "、".join(cited))
        guides = [link(self.site.policy.type_name(t), self.uri, type_uri(t)) for t in self.guides.get(p.id, [])]
        if guides:
            parts.append("指南：" + "、".join(guides))
        groups: dict[str, list[str]] = {}
        for r in self.rules.get(p.id, []):
            groups.setdefault(GROUPS[r.group], []).append(link(r.key, self.uri, rules_uri(self.version.doc_id), r.anchor))
        parts += [f"{group}：" + "、".join(keys) for group, keys in groups.items()]
        if not parts:
            return []
        return [" · ".join(parts), '{: .fuhua-links data-search-exclude="" }', ""]
