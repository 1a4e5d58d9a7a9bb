"""References in provision text and what they point to.

Kinds: `provision` (第九条, 第二十一条第二款, 第六条第四项), `relative` (前款, 本条, 本款, 前项),
`self` (本办法, 本工作指引 …), `document` (《title》, with its number when one follows) and `number`
(a document number standing alone, e.g. 国科发区〔2018〕300号). Regex core over a plain string, like
quantities.py; `resolve` maps each one to policy/ documents and provisions where those exist.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.crossref.messages import say
from generator.model import Policy, Provision, Version, format_doc_number
from generator.numerals import to_chinese, to_int

CN_NUM = r"[一二三四五六七八九十百零〇\d]+"
DOC_NUMBER = (r"(?P<issuer>[\u4e00-\u9fff]{1,10}?)(?P<lb>[〔\[［(（【])(?P<year>\d{2,4})(?P<rb>[〕\]］)）】])"
              r"(?P<seq>\d+)号")
NOT_A_WORD = "(?<![基根资成样版日文剧])"  # 基本条件, 成本 … are words, not 本 + noun
GENRES = "办法|规定|条例|细则|工作指引|指引|意见|通知|方案|措施|政策|规则|决定|制度"
REFERENCE = re.compile(
    rf"(?P<title>《(?P<title_text>[^《》\n]+)》)(?:\s*[（(](?P<title_number>{DOC_NUMBER.replace('?P<', '?P<t_')})[）)])?"
    rf"|(?P<number>{DOC_NUMBER})"
    rf"|第(?P<chapter>{CN_NUM})章"
    rf"|第(?P<article>{CN_NUM})条(?:第(?P<para>{CN_NUM})款)?(?:第(?P<point>{CN_NUM})项)?"
    rf"|(?P<relative>前款|前项|前条|前两款|{NOT_A_WORD}本(?:款|条(?!件)))"
    rf"|(?P<self>{NOT_A_WORD}本(?:{GENRES}))")


@dataclass
class Reference:
    start: int
    end: int
    text: str
    kind: str  # provision | chapter | relative | self | document | number
    title: str | None = None
    number: dict | None = None  # {issuer, year, seq, well_formed}
    path: tuple[int, ...] = ()  # article, paragraph, point numbers

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, ())}


def _number(m: re.Match, prefix: str = "") -> dict:
    g = lambda k: m.group(prefix + k)  # noqa: E731
    year, seq = g("year"), g("seq")
    well_formed = g("lb") == "〔" and g("rb") == "〕" and len(year) == 4 and not seq.startswith("0")
    return {"issuer": g("issuer"), "year": int(year), "seq": int(seq), "well_formed": well_formed}


def find_references(text: str) -> list[Reference]:
    out = []
    for m in REFERENCE.finditer(text):
        try:
            out.append(_reference(m))
        except ValueError:  # 第一二条 names no provision
            continue
    return out


def _reference(m: re.Match) -> Reference:
    ref = Reference(m.start(), m.end(), m.group(), "")
    if m.group("title"):
        ref.kind, ref.title = "document", m.group("title_text").strip()
        if m.group("title_number"):
            ref.number = _number(m, "t_")
    elif m.group("number"):
        ref.kind, ref.number = "number", _number(m)
    elif m.group("chapter"):
        ref.kind, ref.path = "chapter", (_num(m.group("chapter")),)
    elif m.group("article"):
        ref.kind = "provision"
        ref.path = tuple(_num(m.group(k)) if m.group(k) else 0 for k in ("article", "para", "point"))
    else:
        ref.kind = "relative" if m.group("relative") else "self"
    return ref


def _num(text: str) -> int:
    return int(text) if text.isdigit() else to_int(text)


@dataclass
class Target:
    status: str  # resolved | external | unlisted | missing | mismatch
    document: str | None = None
    provision: str | None = None
    citation: str | None = None
    detail: str | None = None
    known: dict = field(default_factory=dict)


def resolve(policy: Policy, version: Version, node: Provision, ref: Reference) -> Target:
    if ref.kind == "self":
        return Target("resolved", version.doc_id)
    if ref.kind in ("provision", "chapter"):
        return _provision(version, ref)
    if ref.kind == "relative":
        return _relative(version, node, ref)
    return _document(policy, version, ref)


def _provision(version: Version, ref: Reference) -> Target:
    kind = "chapter" if ref.kind == "chapter" else "article"
    match = next((p for p in version.walk() if p.kind == kind and p.num == ref.path[0]), None)
    if match is None:
        return Target("missing", version.doc_id, detail=say("no_provision", "references", title=version.title, ref=ref.text))
    for level, number in zip(("paragraph", "point"), ref.path[1:]):
        if not number:
            continue
        if level == "paragraph" and len(match.children) == 1:
            return Target("missing", version.doc_id, detail=say("one_paragraph", "references", citation=match.citation, number=to_chinese(number)))
        parent = match.children[0] if level == "point" and len(match.children) == 1 else match
        match = next((c for c in parent.children if c.num == number), None)
        if match is None:
            return Target("missing", version.doc_id, detail=say("no_paragraph" if level == "paragraph" else "no_point", "references",
                                                                 citation=parent.citation, number=to_chinese(number)))
    return Target("resolved", version.doc_id, match.id, match.citation)


def _relative(version: Version, node: Provision, ref: Reference) -> Target:
    article = node.article
    para = node if node.kind == "paragraph" else node.parent if node.parent is not None and node.parent.kind == "paragraph" else None
    if ref.text == "本条":
        return Target("resolved", version.doc_id, article.id, article.citation)
    if ref.text == "本款" and para is not None:
        return Target("resolved", version.doc_id, para.id, para.citation)
    if ref.text in ("前款", "前两款") and para is not None:
        need = 2 if ref.text == "前两款" else 1
        if para.num is not None and para.num > need:
            prev = article.children[para.num - 2]
            return Target("resolved", version.doc_id, prev.id, prev.citation)
        return Target("missing", version.doc_id, detail=say("no_previous_paragraphs" if need == 2 else "no_previous_paragraph", "references",
                                                             citation=para.citation))
    if ref.text == "前项" and node.kind in ("point", "item"):
        siblings = node.parent.children
        i = siblings.index(node)
        if i > 0:
            return Target("resolved", version.doc_id, siblings[i - 1].id, siblings[i - 1].citation)
        return Target("missing", version.doc_id, detail=say("first_point", "references", citation=node.citation))
    if ref.text == "前条" and article.parent is not None:
        articles = [a for a in version.walk() if a.kind == article.kind]
        i = articles.index(article)
        if i > 0:
            return Target("resolved", version.doc_id, articles[i - 1].id, articles[i - 1].citation)
        return Target("missing", version.doc_id, detail=say("first_article", "references", citation=article.citation))
    return Target("missing", version.doc_id, detail=say("points_nowhere", "references", ref=ref.text, citation=node.citation))


def _known_documents(policy: Policy, version: Version, ref: Reference) -> tuple[list[dict], list[dict]]:
    """Documents the citing version may name, matching the reference by title and by number: those
    in policy/ (looked up, so a corpus of n documents is not scanned n times), then those of its
    meta based_on and repeals."""
    def entry(v: Version) -> dict:
        return {"title": v.title, "number": v.meta.get("document_number"), "document": v.doc_id, "source": "policy"}

    listed = [{"title": e["title"], "number": e.get("number"), "document": e.get("document"), "source": key}
              for key in ("based_on", "repeals") for e in version.meta.get(key, [])]
    titles, numbers = policy.cited_names
    by_title = [entry(v) for v in titles.get(ref.title, ())] + [k for k in listed if k["title"] == ref.title] if ref.title else []
    number = (ref.number["issuer"], ref.number["year"], ref.number["seq"]) if ref.number else None
    by_number = [entry(v) for v in numbers.get(number, ())] + [k for k in listed if _same_number(k["number"], ref.number)] if number else []
    return by_title, by_number


def _same_number(a: dict | None, b: dict | None) -> bool:
    return bool(a and b) and (a["issuer"], a["year"], a["seq"]) == (b["issuer"], b["year"], b["seq"])


def _document(policy: Policy, version: Version, ref: Reference) -> Target:
    by_title, by_number = _known_documents(policy, version, ref)
    hit = (by_title or by_number or [None])[0]
    if hit is None:
        return Target("unlisted", detail=say("unlisted", "references"))
    target = Target("resolved" if hit["document"] else "external", hit["document"], known=hit)
    if ref.title and hit["title"] != ref.title:
        target.status, target.detail = "mismatch", say("number_belongs_to", "references", number=format_doc_number(ref.number), title=hit["title"])
    elif ref.number and hit["number"] and not _same_number(hit["number"], ref.number):
        target.status, target.detail = "mismatch", say("title_has_number", "references", title=hit["title"], number=format_doc_number(hit["number"]))
    return target
