"""meta.yaml of an imported text, guessed from its header, its 印发通知 wrapper, its 索引号 block and
its words; each guess carries a review mark. The jurisdiction comes from the issuer's or the
title's place name, read with jionlp's gazetteer (offline, shipped with the package)."""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import re

from generator.crossref.quantities import find_dates
from generator.crossref.lint.force import TERM
from generator.crossref.lint.wording import ABBREVIATION
from generator.crossref.references import find_references
from generator.crossref.provisions import text_nodes
from generator.importer.structure import CN, PUBLICATION_FIELDS, RE_ATTACHMENT, RE_DATE_LINE as DATE_LINE, RE_NOTICE_TITLE as NOTICE_TITLE
from generator.model import Policy, Provision, Version
from generator.policy import REVIEW
from generator.numerals import WRITTEN_DIGITS, from_digits, to_int

DRAFT_LINE = re.compile(r"^[（(][^）)]*稿[）)]$")
BODY = r"(?:局|部|委员会|委|厅|办公室|中心|人民政府|管委会|管理委员会)"
ISSUER_LINE = re.compile(rf"^[\u4e00-\u9fff]{{2,30}}{BODY}(?:文件)?$")
ISSUER_NAME = re.compile(rf"{BODY}$")  # 市科学技术局（以下简称“市科技局”）
ADDRESSEE = re.compile(r"[：:]$")
CN_DATE_LINE = re.compile(rf"^([{WRITTEN_DIGITS}零]{{4}})年([{CN}]{{1,3}})月([{CN}]{{1,3}})日$")
PUBLICATION_FIELD = re.compile(rf"({'|'.join(PUBLICATION_FIELDS)})\s*[：:]\s*(\S+)")
FROM_ISSUE = re.compile(r"自(?:发布|印发|公布)之日起(?:施行|实施|执行)")
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


def _years_after(iso: str, years: int) -> str:
    """The last day of a validity of `years` years from `iso` (2025-01-01, 3 -> 2027-12-31)."""
    day = dt.date.fromisoformat(iso)
    try:
        end = day.replace(year=day.year + years)
    except ValueError:  # 29 February
        end = day.replace(year=day.year + years, day=28)
    return (end - dt.timedelta(days=1)).isoformat()


def _dates(version: Version, issued: str | None) -> dict:
    """issued (the wrapper's or 索引号 block's date), effective (自…起施行, or 自发布之日起 = issued),
    expires (有效期至…, or 有效期N年 counted from the effective date), and the sentence they rest on."""
    dates: dict = {"issued": issued} if issued else {}
    for node in text_nodes(version):
        text = node.own_text
        found = []
        for d in find_dates(text):
            if text[:d.start].endswith("自") and re.match(r"起(?:施行|实施|执行)", text[d.end:]):
                dates["effective"] = d.iso
            elif text[:d.start].endswith("有效期至"):
                dates["expires"] = d.iso
            else:
                continue
            found.append((d.start, d.end))
        if (m := FROM_ISSUE.search(text)) and issued:
            dates["effective"] = issued
            found.append(m.span())
        if (m := TERM.search(text)) and "effective" in dates and "expires" not in dates:
            years = int(m["years"]) if m["years"].isdigit() else to_int(m["years"])
            dates["expires"] = _years_after(dates["effective"], years)
            found.append(m.span())
        if found:
            left = min(_bounds(text, a, b)[0] for a, b in found)
            right = max(_bounds(text, a, b)[1] for a, b in found)
            dates["source"] = {"provision": cite(node), "quote": text[left:right]}
    if "source" in dates:
        dates["source"] = dates.pop("source")  # after the dates it proves
    return dates


def _prefix(text: str, start: int) -> str:
    """The issuer written right before 《, e.g. 依据科技部《…》 -> 科技部 (none after 、 or 原办法)."""
    m = re.search(r"([\u4e00-\u9fff]{1,20})$", text[:start])
    word = m.group(1) if m else ""
    word = re.split(r"依据|根据|按照|原办法|贯彻落实|贯彻|落实", word)[-1]
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
            if "依据" in before or "根据" in before or "贯彻" in before or "落实" in before:
                if issuer:
                    entry = {"title": entry.pop("title"), "issuer": issuer, **entry}
                entry["quote"] = issuer + ref.text
                based_on.append(entry)
            elif "废止" in after:
                entry["quote"] = ref.text
                repeals.append(entry)
    return based_on, repeals


def _publication(version: Version) -> dict[str, str]:
    return {m.group(1): m.group(2) for line in version.text.get("publication", []) for m in PUBLICATION_FIELD.finditer(line)}


def _title(header: list[str]) -> str:
    lines = [l for l in header if not ((m := RE_ATTACHMENT.match(l)) and not m.group(2)) and not DRAFT_LINE.match(l) and not ISSUER_LINE.match(l)
             and not DATE_LINE.match(l) and not ADDRESSEE.search(l)
             and not any(r.kind == "number" for r in find_references(l))]
    return "".join(lines)


def _issuer(version: Version, publication: dict) -> tuple[str | None, str]:
    """(issuer, how it was found): the wrapper's signature, the 索引号 block, a header line, 以下简称."""
    notice = version.text.get("notice", [])
    for i, line in enumerate(notice):
        if DATE_LINE.match(line) and i > 0 and ISSUER_LINE.match(notice[i - 1]):
            return notice[i - 1], "issuer_notice"
    for key in ("发文机关", "发布机构", "发文单位"):
        if key in publication:
            return publication[key], "issuer_publication"
    for line in (*notice[:2], *version.text["header"]):
        if ISSUER_LINE.match(line):
            return line.removesuffix("文件"), "issuer_notice"
    hit = next((m["full"] for n in text_nodes(version) for m in ABBREVIATION.finditer(n.own_text) if ISSUER_NAME.search(m["full"])), None)
    return hit, "issuer_guessed" if hit else "issuer"


def _date_line(line: str) -> str | None:
    """2025年5月20日 or 二〇二五年五月二十日 -> 2025-05-20."""
    if found := find_dates(line):
        return found[0].iso
    if m := CN_DATE_LINE.match(line):
        try:
            return dt.date(from_digits(m.group(1)), to_int(m.group(2)), to_int(m.group(3))).isoformat()
        except ValueError:
            return None
    return None


def _issued(version: Version, publication: dict) -> str | None:
    for line in version.text.get("notice", []):
        if DATE_LINE.match(line) and (iso := _date_line(line)):
            return iso
    for key in ("成文日期", "发文日期", "发布日期"):
        if key in publication and (found := find_dates(publication[key])):
            return found[0].iso
    return None


def _place(*names: str) -> dict | None:
    """Province, city and county named at the start of an issuer or title (jionlp's gazetteer)."""
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp greets on standard output when imported
        import jionlp
    for name in names:
        if not name:
            continue
        found = jionlp.parse_location(name, town_village=False, change2new=True)
        if found.get("province") and name.startswith(tuple(v[:2] for v in (found["province"], found["city"] or "", found["county"] or "") if v)):
            return {k: found[k] for k in ("province", "city", "county") if found.get(k)}
    return None


def _jurisdiction(title: str, issuer: str | None, project: dict, no_place: str) -> str:
    """The project.yaml jurisdiction whose name begins the title or issuer (天津市… -> its id); else
    the gazetteer's place (浙江省宁波市鄞州区); a text naming no place is the jurisdiction called
    `no_place` (import.yaml), by its project.yaml id when there is one."""
    names = {spec["name"]: j for j, spec in project.get("jurisdictions", {}).items()}
    known = next((j for name, j in names.items() if title.startswith(name) or (issuer or "").startswith(name)), None)
    if known:
        return known
    place = _place(issuer or "", title)
    if place is None:
        return names.get(no_place, no_place)
    return "".join(dict.fromkeys(place.values()))  # 北京市, 北京市, 海淀区 -> 北京市海淀区


def guess_meta(version: Version, policy: Policy, phrases: dict, source_file: str, normalisations: list) -> dict:
    header = version.text["header"]
    publication = _publication(version)
    review = {}
    notice = version.text.get("notice", [])
    number_lines = [*notice, *header, *(f"{k}：{v}" for k, v in publication.items() if k in ("发文字号", "文号"))]
    numbers = [r.number for l in number_lines for r in find_references(l) if r.kind == "number"]
    title = _title(header)
    if not title and notice and (m := NOTICE_TITLE.search(notice[0] if len(notice) == 1 else " ".join(notice[:2]))):
        title = m.group(1)
    review["title"] = phrases["review"]["title"]
    issuer, how = _issuer(version, publication)
    review["issuer"] = phrases["review"][how]
    jurisdiction = _jurisdiction(title, issuer, policy.project, phrases["no_place"])
    review["jurisdiction"] = phrases["review"]["jurisdiction"]
    status = "征求意见稿" if any("征求意见稿" in l for l in header) else phrases["placeholders"]["status"]
    review["status"] = phrases["review"]["status"]
    dates = _dates(version, _issued(version, publication))
    if dates:
        review["dates"] = phrases["review"]["dates"]
    based_on, repeals = _cited_documents(version, policy)
    for key, found in (("based_on", based_on), ("repeals", repeals)):
        if found:
            review[key] = phrases["review"][key]
    return {
        "title": title,
        "issuer": issuer or phrases["placeholders"]["issuer"],
        "jurisdiction": jurisdiction,
        "document_number": {k: numbers[0][k] for k in ("issuer", "year", "seq")} if numbers else None,
        "status": status,
        "dates": dates,
        "based_on": based_on,
        "repeals": repeals,
        "source_file": source_file,
        "normalisations": normalisations,
        REVIEW: review,
    }
