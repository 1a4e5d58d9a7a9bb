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
    kind: str  # chapter | section | article | paragraph | point | preamble | part | item | attachment
    num: int | None
    citation: str
    heading: str | None = None
    text: str | None = None
    continuation: list[str] = field(default_factory=list)
    children: list["Provision"] = field(default_factory=list)
    parent: "Provision | None" = field(default=None, repr=False)
    yaml_path: tuple = ()
    label: str | None = None  # an item's number as printed: 1. （二） ③

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
    roots = []
    for i, p in enumerate(text.get("preamble", [])):
        pid = p.get("id") or f"preamble__para_{i + 1}"
        node = Provision(pid, "preamble", i + 1, "序言", text=p["text"], yaml_path=("preamble", i))
        roots.append(_link(node, _items(p, pid, "point", lambda label, n: f"第{to_chinese(n)}项", ("preamble", i))))
    if "items" in text:  # a plain numbered list
        roots += _items(text, "items", "point", lambda label, n: f"第{to_chinese(n)}项", ())
    roots += [_chapter(c, ("chapters", i)) for i, c in enumerate(text.get("chapters", []))]
    roots += [_article(a, ("articles", i)) for i, a in enumerate(text.get("articles", []))]
    roots += [_part(p, ("parts", i)) for i, p in enumerate(text.get("parts", []))]
    roots += [_attachment(a, ("attachments", i)) for i, a in enumerate(text.get("attachments", []))]
    return roots


def _link(parent: Provision, children: list[Provision]) -> Provision:
    for child in children:
        child.parent = parent
    parent.children = children
    return parent


def _chapter(c: dict, path: tuple) -> Provision:
    node = Provision(c["id"], "chapter", c["num"], f"第{to_chinese(c['num'])}章", heading=c["heading"], yaml_path=path)
    children = [_article(a, path + ("articles", i)) for i, a in enumerate(c.get("articles", []))]
    for j, sec in enumerate(c.get("sections", [])):
        spath = path + ("sections", j)
        snode = Provision(sec["id"], "section", sec["num"], f"第{to_chinese(c['num'])}章第{to_chinese(sec['num'])}节",
                          heading=sec["heading"], yaml_path=spath)
        children.append(_link(snode, [_article(a, spath + ("articles", i)) for i, a in enumerate(sec["articles"])]))
    return _link(node, children)


def _article(a: dict, path: tuple) -> Provision:
    art_cite = f"第{to_chinese(a['num'])}条"
    node = Provision(a["id"], "article", a["num"], art_cite, heading=a.get("heading"), yaml_path=path)
    several = len(a["paragraphs"]) > 1
    paras = []
    for k, p in enumerate(a["paragraphs"], start=1):
        pid = p.get("id") or f"{a['id']}__para_{k}"
        pcite = f"{art_cite}第{to_chinese(k)}款" if several else art_cite
        para = Provision(pid, "paragraph", k, pcite, text=p["text"], yaml_path=path + ("paragraphs", k - 1))
        item_prefix = pid if several else a["id"]
        _link(para, _items(p, item_prefix, "point", lambda label, n, c=pcite: f"{c}第{to_chinese(n)}项", path + ("paragraphs", k - 1)))
        paras.append(para)
    return _link(node, paras)


ITEM_ID = {"point": "point", "item": "item"}


def _items(holder: dict, prefix: str, kind: str, cite, path: tuple, depth: int = 0) -> list[Provision]:
    """The numbered items of a paragraph, part or item; `cite(label, num)` gives an item's citation."""
    style = holder.get("numbering", "1.")
    out = []
    for j, it in enumerate(holder.get("items", [])):
        label = item_label(it["num"], style)
        step = "sub" if depth else ITEM_ID[kind]
        iid = it.get("id") or f"{prefix}__{step}_{it['num']}"
        citation = cite(label, it["num"])
        ipath = path + ("items", j)
        node = Provision(iid, kind, it["num"], citation, heading=it.get("heading"), text=it.get("text"),
                         continuation=list(it.get("continuation", [])), yaml_path=ipath, label=label)
        sub_cite = (lambda lab, n, c=citation: f"{c}第{to_chinese(n)}目") if kind == "point" else (lambda lab, n, c=citation: c + lab.rstrip(".、"))
        out.append(_link(node, _items(it, iid, kind, sub_cite, ipath, depth + 1)))
    return out


def _part(p: dict, path: tuple) -> Provision:
    cn = to_chinese(p["num"])
    node = Provision(p["id"], "part", p["num"], f"{cn}、", heading=p.get("heading"), yaml_path=path)
    paragraphs = p.get("paragraphs", [])
    if p.get("heading"):
        cites = [f"{cn}、导语" if k == 1 else f"{cn}、导语第{to_chinese(k)}段" for k in range(1, len(paragraphs) + 1)]
    else:
        cites = [f"{cn}、" if len(paragraphs) == 1 else f"{cn}、第{to_chinese(k)}段" for k in range(1, len(paragraphs) + 1)]
    children = [Provision(q.get("id") or f"{p['id']}__para_{k}", "paragraph", k, cites[k - 1],
                          text=q["text"], yaml_path=path + ("paragraphs", k - 1))
                for k, q in enumerate(paragraphs, start=1)]
    children += _items(p, p["id"], "item", lambda label, n: f"{cn}、{label.rstrip('.、')}", path)
    return _link(node, children)


def _attachment(a: dict, path: tuple) -> Provision:
    node = Provision(a["id"], "attachment", a["num"], f"附件{a['num']}", heading=a.get("heading"), yaml_path=path)
    return _link(node, [Provision(f"{a['id']}__para_{k}", "paragraph", k, f"附件{a['num']}", text=q["text"],
                                  yaml_path=path + ("paragraphs", k - 1))
                        for k, q in enumerate(a.get("paragraphs", []), start=1)])


def item_label(num: int, style: str) -> str:
    """An item's number as printed in the style of its list: 2 -> 2. / 2、 / （二） / （2） / ②."""
    if style == "（一）":
        return f"（{to_chinese(num)}）"
    if style == "（1）":
        return f"（{num}）"
    if style == "①":
        return chr(0x2460 + num - 1)
    return f"{num}{style[-1]}"
