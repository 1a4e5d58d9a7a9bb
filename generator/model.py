"""The in-memory model of policy/: documents, versions, the provision tree and the typed rules.

Everything here is frozen: `load_policy` (policy.py) builds it once and every consumer reads it.
Rules are typed records (ruleset.py) with their citations resolved; ids and citations come from
citations.py. The validated YAML stays reachable read-only (`Version.meta`, `Version.text`, and
`Version.raw_rules` for the few readers not yet moved to the typed rules).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Mapping

from generator import citations
from generator.frozen import FrozenDict, freeze
from generator.ruleset import Condition, Rules, rules_from

# 效力状态, meta.yaml's `status` (meta.schema.json's enum): the values that are not law yet (a draft
# for consultation, whose dates are only proposed; a text issued but not yet in force), and the value
# of a text that has lapsed. Every reader of the status takes them from here.
CONSULTATION_STATUS = "征求意见稿"
DRAFT_STATUSES = (CONSULTATION_STATUS, "尚未生效")
LAPSED_STATUS = "已失效"


@dataclass(frozen=True, eq=False)
class Provision:
    id: str
    kind: str  # chapter | section | article | paragraph | point | preamble | part | item | attachment
    num: int | None
    citation: str
    heading: str | None = None
    text: str | None = None
    continuation: tuple[str, ...] = ()
    children: tuple["Provision", ...] = ()
    yaml_path: tuple = ()
    label: str | None = None  # an item's number as printed: 1. （二） ③
    parent: "Provision | None" = field(default=None, repr=False)  # set once, when the parent is built

    @property
    def own_citation(self) -> str:
        """The number a heading prints before its title: the citation, except that a 节 prints only
        its own (第二节, where its citation is 第一章第二节)."""
        if self.kind == "section" and self.parent is not None:
            return self.citation.removeprefix(self.parent.citation)
        return self.citation

    @property
    def own_text(self) -> str:
        """Heading, text and continuation paragraphs of this provision alone."""
        return "\n".join(t for t in (self.heading, self.text, *self.continuation) if t)

    @cached_property
    def full_text(self) -> str:
        """This provision's words including every descendant's."""
        return "\n".join(t for t in (self.own_text, *(c.full_text for c in self.children)) if t)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def article(self) -> "Provision":
        node = self
        while node.parent is not None and node.kind not in ("article", "part"):
            node = node.parent
        return node

    @property
    def is_leaf_text(self) -> bool:
        return bool(self.text) and not self.children


@dataclass(frozen=True, eq=False)
class Version:
    doc_id: str
    version: str
    directory: Path
    meta: Mapping  # read-only meta.yaml
    text: Mapping  # read-only text.yaml
    raw_rules: Mapping  # read-only rules.yaml: prefer `rules`, the typed records
    roots: tuple[Provision, ...]
    provisions: Mapping[str, Provision]  # first provision of each id
    is_current: bool = False
    role: str = "local"  # the document's role: local | reference (document.yaml)
    marks: Mapping = field(default_factory=FrozenDict, repr=False)  # file part -> yamlio.Marks, for messages

    @cached_property
    def rules(self) -> Rules:
        return rules_from(self.raw_rules, lambda pid: p.citation if (p := self.provisions.get(pid)) else None)

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def draft_status(self) -> str | None:
        """The status the text's own title carries, as in 《…（征求意见稿）》: meta.yaml's `status`
        where the title lines of text.yaml (its `header`) print it in brackets after the title."""
        status = self.status
        heading = "".join(self.text.get("header") or ())
        return status if status and f"{self.title}（{status}）" in heading else None

    @property
    def cited_title(self) -> str:
        """The title as the text gives it, to cite inside 《》: the draft status included."""
        return f"{self.title}（{self.draft_status}）" if self.draft_status else self.title

    @property
    def jurisdiction(self) -> str:
        return self.meta["jurisdiction"]

    @property
    def status(self) -> str | None:
        return self.meta.get("status")

    @property
    def issuer(self) -> str | None:
        return self.meta.get("issuer")

    @property
    def number(self) -> str | None:
        return format_doc_number(self.meta.get("document_number"))

    def walk(self):
        for root in self.roots:
            yield from root.walk()

    def citation(self, provision_id: str) -> str:
        return self.provisions[provision_id].citation

    def conditions(self, inst_type: str) -> tuple[Condition, ...]:
        return self.rules.conditions.get(inst_type, ())

    @property
    def institution_types(self) -> list[str]:
        return list(self.rules.institution_types)


@dataclass(frozen=True, eq=False)
class Document:
    id: str
    current: str
    versions: Mapping[str, Version]
    role: str = "local"  # local: a measure of the home jurisdiction or another; reference: a national text
    # document.yaml `short_title: {text, official}`; only an official one is ever shown (never invent a title)
    short_title: Mapping | None = None

    @property
    def latest(self) -> Version:
        return self.versions[self.current]

    @property
    def official_short_title(self) -> str | None:
        st = self.short_title
        return st["text"] if st and st.get("official") else None

    def name_of(self, version: Version | None = None) -> str:
        """How public outputs name the document: its official short title, else the version's title
        as the text gives it (cited_title)."""
        return self.official_short_title or (version or self.latest).cited_title

    @property
    def name(self) -> str:
        return self.name_of()


@dataclass(frozen=True, eq=False)
class Policy:
    directory: Path
    vocabulary: Mapping
    documents: Mapping[str, Document]
    project: Mapping = field(default_factory=FrozenDict)  # project.yaml: home_jurisdiction, jurisdictions

    def version(self, doc_id: str, version: str | None = None) -> Version:
        doc = self.documents[doc_id]
        return doc.versions[version or doc.current]

    def current_versions(self) -> list[Version]:
        return [d.latest for d in self.documents.values()]

    @property
    def home_jurisdiction(self) -> str:
        """The jurisdiction this policy folder serves (project.yaml `home_jurisdiction`)."""
        return self.project["home_jurisdiction"]

    @property
    def home(self) -> Version:
        """The current version of the home jurisdiction's measure: what forms, notices and reports follow."""
        return self.by_jurisdiction(self.home_jurisdiction)

    def references(self) -> list[Version]:
        """Current versions of the documents whose role is `reference` (national texts), by id."""
        return sorted((v for v in self.current_versions() if v.role == "reference"), key=lambda v: v.doc_id)

    @cached_property
    def cited_names(self) -> tuple[dict[str, list[Version]], dict[tuple, list[Version]]]:
        """Current versions by title, and by document number (issuer, year, seq): how texts cite them."""
        titles: dict[str, list[Version]] = {}
        numbers: dict[tuple, list[Version]] = {}
        for v in self.current_versions():
            titles.setdefault(v.title, []).append(v)
            if number := v.meta.get("document_number"):
                numbers.setdefault((number["issuer"], number["year"], number["seq"]), []).append(v)
        return titles, numbers

    def by_jurisdiction(self, jurisdiction: str) -> Version:
        for v in self.current_versions():
            if v.jurisdiction == jurisdiction:
                return v
        raise KeyError(jurisdiction)

    def metric(self, metric_id: str) -> Mapping:
        return self.vocabulary["metrics"][metric_id]

    def type_name(self, inst_type: str) -> str:
        return self.vocabulary["institution_types"][inst_type]["name"]


def format_doc_number(number: Mapping | None) -> str | None:
    """{'issuer': '火炬', 'year': 2024, 'seq': 3} -> '火炬〔2024〕3号'."""
    if not number:
        return None
    return f"{number['issuer']}〔{number['year']}〕{number['seq']}号"


def make_version(doc_id: str, name: str, directory: Path, meta: dict, text: dict, rules: dict, *,
                 is_current: bool = False, role: str = "local", marks: Mapping | None = None) -> Version:
    """A frozen Version from validated mappings; `provisions` keeps the first node of each id
    (`duplicate_ids` lists the others, for validation)."""
    roots = tuple(build_tree(text))
    provisions: dict[str, Provision] = {}
    for root in roots:
        for node in root.walk():
            provisions.setdefault(node.id, node)
    return Version(doc_id, name, directory, freeze(meta), freeze(text), freeze(rules), roots, FrozenDict(provisions),
                   is_current, role, FrozenDict(marks or {}))


def duplicate_ids(v: Version) -> list[tuple[Provision, Provision]]:
    """(the later node, the first node) for every provision id used twice."""
    return [(node, v.provisions[node.id]) for node in v.walk() if v.provisions[node.id] is not node]


# --- building the provision tree from text.yaml --------------------------------------------------

def build_tree(text: Mapping) -> list[Provision]:
    roots = []
    for i, p in enumerate(text.get("preamble", [])):
        pid = p.get("id") or citations.preamble_id(i + 1)
        node = Provision(pid, "preamble", i + 1, citations.PREAMBLE, text=p["text"], yaml_path=("preamble", i))
        roots.append(_with_children(node, _items(p, pid, "point", lambda label, n: citations.point("", n), ("preamble", i))))
    if "items" in text:  # a plain numbered list
        roots += _items(text, "items", "point", lambda label, n: citations.point("", n), ())
    roots += [_chapter(c, ("chapters", i)) for i, c in enumerate(text.get("chapters", []))]
    roots += [_article(a, ("articles", i)) for i, a in enumerate(text.get("articles", []))]
    roots += [_part(p, ("parts", i)) for i, p in enumerate(text.get("parts", []))]
    roots += [_attachment(a, ("attachments", i)) for i, a in enumerate(text.get("attachments", []))]
    return roots


def _with_children(node: Provision, children: list[Provision]) -> Provision:
    node = replace(node, children=tuple(children))
    for child in children:
        object.__setattr__(child, "parent", node)  # the one write: linking a finished child to its parent
    return node


def _chapter(c: Mapping, path: tuple) -> Provision:
    node = Provision(c["id"], "chapter", c["num"], citations.chapter(c["num"]), heading=c["heading"], yaml_path=path)
    children = [_article(a, path + ("articles", i)) for i, a in enumerate(c.get("articles", []))]
    for j, sec in enumerate(c.get("sections", [])):
        spath = path + ("sections", j)
        snode = Provision(sec["id"], "section", sec["num"], citations.section(c["num"], sec["num"]), heading=sec["heading"], yaml_path=spath)
        children.append(_with_children(snode, [_article(a, spath + ("articles", i)) for i, a in enumerate(sec["articles"])]))
    return _with_children(node, children)


def _article(a: Mapping, path: tuple) -> Provision:
    node = Provision(a["id"], "article", a["num"], citations.article(a["num"]), heading=a.get("heading"), yaml_path=path)
    several = len(a["paragraphs"]) > 1
    paras = []
    for k, p in enumerate(a["paragraphs"], start=1):
        pid = p.get("id") or citations.child_id(a["id"], "paragraph", k)
        pcite = citations.paragraph(a["num"], k, several)
        ppath = path + ("paragraphs", k - 1)
        points = _items(p, pid if several else a["id"], "point", lambda label, n, c=pcite: citations.point(c, n), ppath)
        paras.append(_with_children(Provision(pid, "paragraph", k, pcite, text=p["text"], yaml_path=ppath), points))
    return _with_children(node, paras)


def _items(holder: Mapping, prefix: str, kind: str, cite, path: tuple, depth: int = 0) -> list[Provision]:
    """The numbered items of a paragraph, part or item; `cite(label, num)` gives an item's citation."""
    style = holder.get("numbering", "1.")
    out = []
    for j, it in enumerate(holder.get("items", [])):
        label = citations.label(it["num"], style)
        iid = it.get("id") or citations.child_id(prefix, "sub" if depth else kind, it["num"])
        citation = cite(label, it["num"])
        ipath = path + ("items", j)
        node = Provision(iid, kind, it["num"], citation, heading=it.get("heading"), text=it.get("text"),
                         continuation=tuple(it.get("continuation", ())), yaml_path=ipath, label=label)
        if kind == "point":
            sub_cite = lambda lab, n, c=citation: citations.sub_point(c, n)  # noqa: E731
        else:
            sub_cite = lambda lab, n, c=citation: citations.sub_item(c, lab)  # noqa: E731
        out.append(_with_children(node, _items(it, iid, kind, sub_cite, ipath, depth + 1)))
    return out


def _part(p: Mapping, path: tuple) -> Provision:
    node = Provision(p["id"], "part", p["num"], citations.part(p["num"]), heading=p.get("heading"), yaml_path=path)
    paragraphs = p.get("paragraphs", [])
    if p.get("heading"):
        cites = [citations.part_lead(p["num"], k) for k in range(1, len(paragraphs) + 1)]
    else:
        cites = [citations.part_paragraph(p["num"], k, len(paragraphs)) for k in range(1, len(paragraphs) + 1)]
    children = [Provision(q.get("id") or citations.child_id(p["id"], "paragraph", k), "paragraph", k, cites[k - 1],
                          text=q["text"], yaml_path=path + ("paragraphs", k - 1))
                for k, q in enumerate(paragraphs, start=1)]
    children += _items(p, p["id"], "item", lambda label, n: citations.item(p["num"], label), path)
    return _with_children(node, children)


def _attachment(a: Mapping, path: tuple) -> Provision:
    node = Provision(a["id"], "attachment", a["num"], citations.attachment(a["num"]), heading=a.get("heading"), yaml_path=path)
    return _with_children(node, [Provision(citations.child_id(a["id"], "paragraph", k), "paragraph", k, citations.attachment(a["num"]),
                                           text=q["text"], yaml_path=path + ("paragraphs", k - 1))
                                 for k, q in enumerate(a.get("paragraphs", []), start=1)])
