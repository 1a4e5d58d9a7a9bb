"""meta.yaml of an imported text, guessed from its header and words; each guess carries a review mark."""
from __future__ import annotations

import re

from generator.crossref.quantities import find_dates
from generator.crossref.references import find_references
from generator.crossref.provisions import text_nodes
from generator.model import Policy, Provision, Version

ATTACHMENT = re.compile(r"^附件\s*\d*$")
DRAFT_LINE = re.compile(r"^[（(][^）)]*稿[）)]$")
ISSUER = re.compile(r"([\u4e00-\u9fff]{2,20}?(?:局|部|委员会|委|厅|办公室|中心))（以下简称“[^”]+”）")
SENTENCE_END = "。；\n"


def _bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence around text[start:end] begins and ends (before its closing mark)."""
    left = max(text.rfind(ch, 0, start) for ch in SENTENCE_END) + 1
    ends = [i for ch in SENTENCE_END if (i := text.find(ch, end)) >= 0]
    return left, min(ends, default=len(text))


def cite(node: Provision) -> str:
    """The id a rule names: an article's own id when this paragraph is its only one."""
    parent = node.parent
    if node.kind == "paragraph" and parent is not None and parent.kind == "article" and len(parent.children) == 1:
        return parent.id
    return node.id


def _dates(version: Version) -> dict:
    dates: dict = {}
    for node in text_nodes(version):
        text = node.own_text
        for d in find_dates(text):
            if text[:d.start].endswith("自") and re.match(r"起(?:施行|实施)", text[d.end:]):
                dates["effective"] = d.iso
            elif text[:d.start].endswith("有效期至"):
                dates["expires"] = d.iso
            else:
                continue
            left, right = _bounds(text, d.start, d.end)
            dates["source"] = {"provision": cite(node), "quote": text[left:right]}
    if "source" in dates:
        dates["source"] = dates.pop("source")  # after the dates it proves
    return dates


def _prefix(text: str, start: int) -> str:
    """The issuer written right before 《, e.g. 依据科技部《…》 -> 科技部 (none after 、 or 原办法)."""
    m = re.search(r"([\u4e00-\u9fff]{1,20})$", text[:start])
    word = m.group(1) if m else ""
    word = re.split(r"依据|根据|按照|原办法", word)[-1]
    return word


def _cited_documents(version: Version, policy: Policy) -> tuple[list, list]:
    titles = {v.title: v.doc_id for v in policy.current_versions()}
    based_on, repeals = [], []
    for node in text_nodes(version):
        text = node.own_text
        for ref in find_references(text):
            if ref.kind != "document":
                continue
            left, right = _bounds(text, ref.start, ref.end)
            before, after = text[left:ref.start], text[ref.end:right]
            entry = {"title": ref.title}
            issuer = _prefix(text, ref.start)
            if ref.number:
                entry["number"] = {k: ref.number[k] for k in ("issuer", "year", "seq")}
            if ref.title in titles:
                entry["document"] = titles[ref.title]
            entry["provision"] = cite(node)
            if "依据" in before or "根据" in before:
                if issuer:
                    entry = {"title": entry.pop("title"), "issuer": issuer, **entry}
                entry["quote"] = issuer + ref.text
                based_on.append(entry)
            elif "废止" in after:
                entry["quote"] = ref.text
                repeals.append(entry)
    return based_on, repeals


def guess_meta(version: Version, policy: Policy, phrases: dict, source_file: str, normalisations: list) -> dict:
    header = version.text["header"]
    review = {}
    title_lines = [l for l in header if not ATTACHMENT.match(l) and not DRAFT_LINE.match(l)
                   and not any(r.kind == "number" for r in find_references(l))]
    numbers = [r.number for l in header for r in find_references(l) if r.kind == "number"]
    title = "".join(title_lines)
    review["title"] = phrases["review"]["title"]
    issuer_hit = next((m.group(1) for n in text_nodes(version) for m in [ISSUER.search(n.own_text)] if m), None)
    review["issuer"] = phrases["review"]["issuer_guessed" if issuer_hit else "issuer"]
    jurisdiction = next((j for prefix, j in phrases["jurisdictions"].items() if title.startswith(prefix)), "national")
    review["jurisdiction"] = phrases["review"]["jurisdiction"]
    status = "征求意见稿" if any("征求意见稿" in l for l in header) else phrases["placeholders"]["status"]
    review["status"] = phrases["review"]["status"]
    dates = _dates(version)
    if dates:
        review["dates"] = phrases["review"]["dates"]
    based_on, repeals = _cited_documents(version, policy)
    for key, found in (("based_on", based_on), ("repeals", repeals)):
        if found:
            review[key] = phrases["review"][key]
    return {
        "title": title,
        "issuer": issuer_hit or phrases["placeholders"]["issuer"],
        "jurisdiction": jurisdiction,
        "document_number": {k: numbers[0][k] for k in ("issuer", "year", "seq")} if numbers else None,
        "status": status,
        "dates": dates,
        "based_on": based_on,
        "repeals": repeals,
        "source_file": source_file,
        "normalisations": normalisations,
        "review": review,
    }
