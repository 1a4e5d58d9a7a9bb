"""The in-memory model of policy/: documents, versions, the provision tree and the rules.

Rules stay as the validated YAML mappings (their shape is fixed by schemas/rules.schema.json);
the model adds the provision tree with ids and citations, and lookups used by every consumer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.numerals import to_chinese


@dataclass
class Provision:
    id: str
    kind: str  # chapter | article | paragraph | point | preamble | part | item
    num: int | None
    citation: str
    heading: str | None = None
    text: str | None = None
    continuation: list[str] = field(default_factory=list)
    children: list["Provision"] = field(default_factory=list)
    parent: "Provision | None" = field(default=None, repr=False)
    yaml_path: tuple = ()

    @property
    def own_text(self) -> str:
        """Heading, text and continuation paragraphs of this provision alone."""
        return "\n".join(t for t in (self.heading, self.text, *self.continuation) if t)

    @property
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


@dataclass
class Version:
    doc_id: str
    version: str
    directory: Path
    meta: dict
    text: dict
    rules: dict
    roots: list[Provision] = field(default_factory=list)
    provisions: dict[str, Provision] = field(default_factory=dict)
    is_current: bool = False

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def jurisdiction(self) -> str:
        return self.meta["jurisdiction"]

    @property
    def number(self) -> str | None:
        return format_doc_number(self.meta.get("document_number"))

    def walk(self):
        for root in self.roots:
            yield from root.walk()

    def citation(self, provision_id: str) -> str:
        return self.provisions[provision_id].citation

    def conditions(self, inst_type: str) -> list[dict]:
        return self.rules.get("conditions", {}).get(inst_type, [])

    @property
    def institution_types(self) -> list[str]:
        return list(self.rules.get("institution_types", {}))


@dataclass
class Document:
    id: str
    short_title: str
    current: str
    versions: dict[str, Version]

    @property
    def latest(self) -> Version:
        return self.versions[self.current]


@dataclass
class Policy:
    directory: Path
    vocabulary: dict
    documents: dict[str, Document]

    def version(self, doc_id: str, version: str | None = None) -> Version:
        doc = self.documents[doc_id]
        return doc.versions[version or doc.current]

    def current_versions(self) -> list[Version]:
        return [d.latest for d in self.documents.values()]

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

    def metric(self, metric_id: str) -> dict:
        return self.vocabulary["metrics"][metric_id]

    def type_name(self, inst_type: str) -> str:
        return self.vocabulary["institution_types"][inst_type]["name"]


def format_doc_number(number: dict | None) -> str | None:
    """{'issuer': '火炬', 'year': 2024, 'seq': 3} -> '火炬〔2024〕3号'."""
    if not number:
        return None
    return f"{number['issuer']}〔{number['year']}〕{number['seq']}号"


# --- building the provision tree from text.yaml --------------------------------------------------

def build_tree(text: dict) -> list[Provision]:
    if "chapters" in text:
        return [_chapter(c, ("chapters", i)) for i, c in enumerate(text["chapters"])]
    roots = []
    for i, p in enumerate(text.get("preamble", [])):
        roots.append(Provision(p.get("id") or f"preamble__para_{i + 1}", "preamble", i + 1, "序言",
                               text=p["text"], yaml_path=("preamble", i)))
    roots += [_part(p, ("parts", i)) for i, p in enumerate(text.get("parts", []))]
    return roots


def _link(parent: Provision, children: list[Provision]) -> Provision:
    for child in children:
        child.parent = parent
    parent.children = children
    return parent


def _chapter(c: dict, path: tuple) -> Provision:
    node = Provision(c["id"], "chapter", c["num"], f"第{to_chinese(c['num'])}章", heading=c["heading"], yaml_path=path)
    return _link(node, [_article(a, path + ("articles", i)) for i, a in enumerate(c["articles"])])


def _article(a: dict, path: tuple) -> Provision:
    art_cite = f"第{to_chinese(a['num'])}条"
    node = Provision(a["id"], "article", a["num"], art_cite, yaml_path=path)
    several = len(a["paragraphs"]) > 1
    paras = []
    for k, p in enumerate(a["paragraphs"], start=1):
        pid = p.get("id") or f"{a['id']}__para_{k}"
        pcite = f"{art_cite}第{to_chinese(k)}款" if several else art_cite
        para = Provision(pid, "paragraph", k, pcite, text=p["text"], yaml_path=path + ("paragraphs", k - 1))
        item_prefix = pid if several else a["id"]
        _link(para, [_item(it, f"{item_prefix}__point_{it['num']}", f"{pcite}第{to_chinese(it['num'])}项", "point",
                           path + ("paragraphs", k - 1, "items", j)) for j, it in enumerate(p.get("items", []))])
        paras.append(para)
    return _link(node, paras)


def _item(it: dict, default_id: str, citation: str, kind: str, path: tuple) -> Provision:
    return Provision(it.get("id") or default_id, kind, it["num"], citation, heading=it.get("heading"),
                     text=it.get("text"), continuation=list(it.get("continuation", [])), yaml_path=path)


def _part(p: dict, path: tuple) -> Provision:
    cn = to_chinese(p["num"])
    node = Provision(p["id"], "part", p["num"], f"{cn}、", heading=p["heading"], yaml_path=path)
    children = [Provision(q.get("id") or f"{p['id']}__para_{k}", "paragraph", k, f"{cn}、导语" if k == 1 else f"{cn}、导语第{to_chinese(k)}段",
                          text=q["text"], yaml_path=path + ("paragraphs", k - 1))
                for k, q in enumerate(p.get("paragraphs", []), start=1)]
    children += [_item(it, f"{p['id']}__item_{it['num']}", f"{cn}、{it['num']}", "item", path + ("items", j))
                 for j, it in enumerate(p.get("items", []))]
    return _link(node, children)
