"""Plain text (one paragraph per line) -> the structure of a policy/ text.yaml.

Three layouts: measures (第X条, optionally in 第X章 and 第X节, with or without article titles),
guidelines (一、 parts, with a heading or with body text on the same line) and plain numbered lists.
Items are numbered （一）, 1. / 1、, （1） or ①, in any nesting (a lower rank under a higher one);
a marker counts as an item only when it starts a list at 1 or continues one. Lines before the
title may be a 印发通知 wrapper or a 索引号 block: both are kept apart (`notice`, `publication`);
附件 sections after the body are `attachments`. PDF artifacts are normalised and each
normalisation is recorded, so a reader can re-apply them to the source and compare.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator import citations
from generator.numerals import to_int

CN = citations.CN  # the characters of a Chinese numeral
RE_CHAPTER = re.compile(rf"^第([{CN}]+)章\s*(.*)$")
RE_SECTION = re.compile(rf"^第([{CN}]+)节\s*(.*)$")
RE_ARTICLE = re.compile(rf"^第([{CN}]+)条\s*(.*)$")
RE_PART = re.compile(rf"^([{CN}]+)、\s*(.*)$")
RE_ATTACHMENT = re.compile(r"^附件\s*(\d*)\s*(?:[：:\s]\s*(\S.*))?$")
RE_STRAY_SPACE = re.compile(r"(?<=\S)[ \u3000\t]+(?=\S)")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# item markers: the style as stored (text.yaml `numbering`), its pattern, and its rank (GB/T 9704 levels)
MARKERS = (
    ("（一）", re.compile(rf"^[（(]([{CN}]+)[）)]\s*(.*)$"), 1),
    ("1.", re.compile(r"^(\d{1,3})[.．](?![\d.．])\s*(.*)$"), 2),
    ("1、", re.compile(r"^(\d{1,3})、\s*(.*)$"), 2),
    ("（1）", re.compile(r"^[（(](\d{1,3})[）)]\s*(.*)$"), 3),
    ("①", re.compile(rf"^([{CIRCLED}])\s*(.*)$"), 4),
)
RANK = {style: rank for style, _, rank in MARKERS}
TERMINAL = tuple("。；：！？”）;:")
SENTENCE_END = tuple("。；：！？;:")
# 索引号 blocks of government web pages: one or more "字段：值" on a line
PUBLICATION_FIELDS = ("索引号", "主题分类", "体裁分类", "发文机关", "发布机构", "发文单位", "成文日期", "发布日期", "发文日期",
                      "发文字号", "文号", "有效性", "时效性", "生效日期", "废止日期", "标题", "名称", "主题词", "公开方式", "信息来源")
RE_PUBLICATION = re.compile(rf"^({'|'.join(PUBLICATION_FIELDS)})\s*[：:]")
RE_NOTICE_TITLE = re.compile(r"关于印发《?(.+?)》?的通知$")  # group 1: the measure's title
RE_DATE_LINE = re.compile(rf"^(?:\d{{4}}|[{CN}]{{4}})年[\d{CN}]{{1,3}}月[\d{CN}]{{1,3}}日$")
RE_ENCLOSED = re.compile(r"^[（(][^（）()]*[）)]$")
# a sentence does not open with these: "第一条 为进一步 优化" has no title "为进一步"
NOT_A_TITLE = re.compile(r"^(?:为|对|本|在|凡|各|依据|根据|按照|经|如|以)")
# "第二条 孵化场地面积不低于 N平方米": a stray space inside a sentence, not a title
TITLE_BREAKS_SENTENCE = re.compile(r"(?:于|为|是|达|满|超过|以上|以下|不|应|须|给予)$")
RE_TITLE_SPLIT = re.compile(r"^([\u4e00-\u9fff]{2,12})[ \u3000]+(\S.*)$")
RE_BRACKET_TITLE = re.compile(r"^[【\[［]([^】\]］]{1,15})[】\]］]\s*(.*)$")
PARAGRAPH_OPENERS = ("前款", "本条", "前两款", "前三款")


@dataclass
class Normaliser:
    records: list[dict] = field(default_factory=list)

    def spaces(self, text: str, where: str) -> str:
        """Remove spaces inside a sentence, recording each run ("近 2 年" -> "近2年")."""
        text = text.strip()
        runs = [m.span() for m in RE_STRAY_SPACE.finditer(text)]
        groups: list[list[int]] = []
        for start, end in runs:
            if groups and start - groups[-1][1] <= 2:
                groups[-1][1] = end
            else:
                groups.append([start, end])
        for start, end in groups:
            original = text[max(start - 1, 0):end + 1]
            self.records.append({"kind": "stray_space", "provision": where, "original": original,
                                 "normalised": RE_STRAY_SPACE.sub("", original)})
        return RE_STRAY_SPACE.sub("", text)

    def squeeze(self, heading: str, where: str) -> str:
        """A letter-spaced heading ("总  则" -> "总则")."""
        squeezed = re.sub(r"\s+", "", heading)
        if squeezed != heading:
            self.records.append({"kind": "letter_spacing", "provision": where, "original": heading, "normalised": squeezed})
        return squeezed


def marker(line: str) -> tuple[str, int, str] | None:
    """(style, number, rest) of a numbered item line, else None."""
    for style, pattern, _ in MARKERS:
        if m := pattern.match(line):
            num = CIRCLED.index(m.group(1)) + 1 if style == "①" else to_int(m.group(1)) if style == "（一）" else int(m.group(1))
            return style, num, m.group(2)
    return None


def is_short_heading(text: str) -> bool:
    return 0 < len(text) <= 16 and not re.search(r"[，。；：、,;:]", text)


def is_structural(line: str) -> bool:
    return bool(RE_CHAPTER.match(line) or RE_SECTION.match(line) or RE_ARTICLE.match(line)
                or RE_PART.match(line) or marker(line) or RE_ATTACHMENT.match(line))


def _join_page_breaks(lines: list[str], norm: Normaliser) -> list[str]:
    """Join a line that stops mid-sentence with the next line, when that is not a new unit."""
    out: list[str] = []
    for line in lines:
        if out:
            prev = out[-1]
            found = marker(prev)
            body = found[2] if found else prev
            mid_sentence = (not prev.endswith(TERMINAL) and not is_short_heading(body)
                            and not RE_CHAPTER.match(prev) and not RE_SECTION.match(prev) and len(prev) > 20
                            and ("，" in prev or len(prev) > 40))  # a long title has no comma
            if mid_sentence and not is_structural(line):
                norm.records.append({"kind": "page_break", "before": prev[-6:], "after": line[:6]})
                out[-1] = prev + line
                continue
        out.append(line)
    return out


def detect_layout(lines: list[str]) -> str:
    if any(RE_ARTICLE.match(l) for l in lines):
        return "measures"
    if any(RE_PART.match(l) for l in lines):
        return "guideline"
    if any((m := marker(l)) and m[1] == 1 for l in lines):
        return "list"
    raise ValueError("no 第X条 articles, no 一、 parts and no numbered items: not a policy text fuhua can import")


def _first_unit(lines: list[str], layout: str) -> int:
    starts = {"measures": lambda l: RE_CHAPTER.match(l) or RE_ARTICLE.match(l),
              "guideline": RE_PART.match,
              "list": lambda l: (m := marker(l)) and m[1] == 1}[layout]
    return next(i for i, l in enumerate(lines) if starts(l))


def _front_matter(lines: list[str], first: int) -> tuple[list[str], list[str], list[str]]:
    """(publication lines, notice lines, the rest) of the lines before the first unit."""
    head, body = lines[:first], lines[first:]
    publication = [l for l in head if RE_PUBLICATION.match(l)]
    head = [l for l in head if not RE_PUBLICATION.match(l)]
    start = next((i for i, l in enumerate(head) if RE_NOTICE_TITLE.search(l)), None)
    if start is None:
        return publication, [], head + body
    end = next((i for i in range(start + 1, len(head)) if RE_DATE_LINE.match(head[i])), None)
    if end is None:  # no signature date: the wrapper ends where the measure's own title begins
        title = RE_NOTICE_TITLE.search(head[start]).group(1)
        end = next((i - 1 for i in range(start + 1, len(head)) if head[i] and title.startswith(head[i])), len(head) - 1)
    while end + 1 < len(head) and RE_ENCLOSED.match(head[end + 1]) and "稿" not in head[end + 1]:
        end += 1  # （此件公开发布）
    return publication, head[:end + 1], head[end + 1:] + body


def parse_text(raw: str) -> dict:
    """Return {'layout', 'header', …, 'normalisations'} ready to dump as text.yaml."""
    norm = Normaliser()
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    layout = detect_layout(lines)
    publication, notice, lines = _front_matter(lines, _first_unit(lines, layout))
    lines = _join_page_breaks(lines, norm)
    first = _first_unit(lines, layout)
    header, preamble = _split_header(lines[:first], norm)
    builder = Builder(norm, layout)
    builder.titled = _titled(lines[first:])
    body = lines[first:]
    for i, line in enumerate(body):
        builder.ahead = body[i + 1:]
        builder.feed(line)
    result: dict = {"layout": layout}
    if publication:
        result["publication"] = publication  # verbatim: spaces there separate fields
    if notice:
        result["notice"] = [norm.spaces(l, "notice") for l in notice]
    result["header"] = header
    if preamble or layout == "guideline" or builder.top_items:
        result["preamble"] = preamble
    result.update(builder.result())
    if builder.top_items and preamble:
        preamble[-1]["items"] = builder.top_items.pop("items")
        preamble[-1].update(builder.top_items)
    elif builder.top_items:
        result["items"] = builder.top_items["items"]
        if "numbering" in builder.top_items:
            result["numbering"] = builder.top_items["numbering"]
    if "preamble" in result and not result["preamble"]:
        del result["preamble"]
    result["normalisations"] = norm.records
    return result


def _split_header(lines: list[str], norm: Normaliser) -> tuple[list[str], list[dict]]:
    """Title lines (short, not sentences) first; from the first sentence on, the preamble."""
    cut = next((i for i, l in enumerate(lines) if l.endswith(SENTENCE_END) or len(l) > 40), len(lines))
    header = [norm.spaces(l, "header") for l in lines[:cut]]
    if not header:
        raise ValueError("no title before the first provision")
    return header, [{"text": norm.spaces(l, "preamble")} for l in lines[cut:]]


class Builder:
    """Feeds the lines from the first unit on into chapters/sections/articles, parts or a list."""

    def __init__(self, norm: Normaliser, layout: str):
        self.norm, self.layout = norm, layout
        self.chapters: list[dict] = []
        self.articles: list[dict] = []  # articles outside any chapter
        self.parts: list[dict] = []
        self.attachments: list[dict] = []
        self.top_items: dict = {}  # a plain list's items
        self.container: list[dict] | None = None  # where the next article goes
        self.unit: dict | None = None  # the current article or part
        self.paragraph: dict | None = None
        self.stack: list[tuple[str, dict, dict]] = []  # (style, item, holder) from the outermost list
        self.wheres: dict[int, str] = {}  # id(item) -> the provision its normalisations are recorded under
        self.ahead: list[str] = []  # the lines after the current one
        self.titled = False  # most articles have a title (see _titled)

    def result(self) -> dict:
        out: dict = {}
        if self.chapters:
            out["chapters"] = self.chapters
        if self.articles:
            out["articles"] = self.articles
        if self.parts:
            out["parts"] = self.parts
        if self.attachments:
            out["attachments"] = self.attachments
        return out

    def feed(self, line: str) -> None:
        if self.attachments:
            return self._attachment_line(line)
        if (m := RE_ATTACHMENT.match(line)) and not (m.group(2) or "").startswith(("1.", "1、")):
            return self._attachment(m)
        if self.layout == "measures" and self._measures_unit(line):
            return
        if self.layout == "guideline" and (m := RE_PART.match(line)):
            return self._part(m)
        if (found := marker(line)) and self._item(*found):
            return
        self._text(line)

    # --- 章/节/条 ---------------------------------------------------------------------------------
    def _measures_unit(self, line: str) -> bool:
        if m := RE_CHAPTER.match(line):
            num = to_int(m.group(1))
            cid = citations.child_id("", "chapter", num)
            chapter = {"num": num, "id": cid, "heading": self.norm.squeeze(m.group(2), cid), "articles": []}
            self.chapters.append(chapter)
            self.container = chapter["articles"]
            self.unit = self.paragraph = None
            self.stack = []
            return True
        if (m := RE_SECTION.match(line)) and self.chapters:
            chapter = self.chapters[-1]
            num = to_int(m.group(1))
            sid = citations.child_id(chapter["id"], "section", num)
            if "articles" in chapter and not chapter["articles"]:
                del chapter["articles"]
            section = {"num": num, "id": sid, "heading": self.norm.squeeze(m.group(2), sid), "articles": []}
            chapter.setdefault("sections", []).append(section)
            self.container = section["articles"]
            self.unit = self.paragraph = None
            self.stack = []
            return True
        if m := RE_ARTICLE.match(line):
            num = to_int(m.group(1))
            article = {"num": num, "id": citations.child_id("", "article", num)}
            heading, body = _article_title(m.group(2), self.titled)
            if heading:
                article["heading"] = self.norm.spaces(heading, article["id"])
            article["paragraphs"] = []
            (self.container if self.container is not None else self.articles).append(article)
            self.unit, self.paragraph, self.stack = article, None, []
            if body:
                self._paragraph(body)
            return True
        return False

    # --- 一、 -----------------------------------------------------------------------------------
    def _part(self, m: re.Match) -> None:
        num = to_int(m.group(1))
        pid = citations.child_id("", "part", num)
        body = self.norm.spaces(m.group(2), pid)
        part = {"num": num, "id": pid}
        self.parts.append(part)
        self.unit, self.paragraph, self.stack = part, None, []
        if is_short_heading(body):
            part["heading"] = body
        elif body:
            part["paragraphs"] = [{"text": body}]

    # --- items ----------------------------------------------------------------------------------
    def _holder(self) -> dict | None:
        if self.unit is None:
            return self.top_items
        if self.unit["id"].startswith("art_"):
            return self.paragraph
        return self.unit

    def _item(self, style: str, num: int, rest: str) -> bool:
        for depth in range(len(self.stack) - 1, -1, -1):
            s, item, holder = self.stack[depth]
            if RANK[s] == RANK[style]:
                if s != style or num != item["num"] + 1:
                    return False
                self.stack = self.stack[:depth]
                return self._add_item(holder, style, num, rest)
        if num != 1:
            return False
        if self.stack:
            s, parent, _ = self.stack[-1]
            if RANK[style] <= RANK[s]:
                return False
            return self._add_item(parent, style, num, rest)
        holder = self._holder()
        if holder is None:
            return False
        return self._add_item(holder, style, num, rest)

    def _add_item(self, holder: dict, style: str, num: int, rest: str) -> bool:
        if holder.get("items") and holder.get("numbering", "1.") != style:
            return False
        if self.stack and holder is self.stack[-1][1]:
            where = self.wheres[id(holder)]  # a sub-item: where its item is
        elif self.unit is not None and self.unit["id"].startswith("part_"):
            where = citations.child_id(self.unit["id"], "item", num)
        else:
            where = self.unit["id"] if self.unit is not None else "items"
        body = self.norm.spaces(rest, where)
        item: dict = {"num": num}
        if self.layout != "measures" and is_short_heading(body):
            item["heading"] = body
        elif body:
            item["text"] = body
        if style != "1.":
            holder["numbering"] = style
        holder.setdefault("items", []).append(item)
        _move_items_last(holder)
        self.stack.append((style, item, holder))
        self.wheres[id(item)] = where
        return True

    # --- text lines -----------------------------------------------------------------------------
    def _list_goes_on(self) -> bool:
        """Whether a later line, before the next article, continues one of the open lists."""
        for line in self.ahead:
            if RE_ARTICLE.match(line) or RE_CHAPTER.match(line) or RE_SECTION.match(line) or RE_ATTACHMENT.match(line):
                return False
            if found := marker(line):
                return any(s == found[0] and found[1] == item["num"] + 1 for s, item, _ in self.stack)
        return False

    def _text(self, line: str) -> None:
        closes_article_list = (self.unit is not None and self.unit["id"].startswith("art_") and not self._list_goes_on())
        if self.stack and not line.startswith(PARAGRAPH_OPENERS) and not closes_article_list:
            item = self.stack[-1][1]
            where = self.wheres[id(item)]
            if "heading" in item and "text" not in item and "items" not in item:
                item["text"] = self.norm.spaces(line, where)
            else:
                item.setdefault("continuation", []).append(self.norm.spaces(line, self.unit["id"] if self.unit else "items"))
            return
        if self.unit is None:
            raise ValueError(f"text outside any provision: {line[:30]}")
        self.stack = []
        if self.unit["id"].startswith("art_"):
            self._paragraph(line)
        else:
            self.unit.setdefault("paragraphs", []).append({"text": self.norm.spaces(line, self.unit["id"])})
            _move_items_last(self.unit)

    def _paragraph(self, text: str) -> None:
        self.paragraph = {"text": self.norm.spaces(text, self.unit["id"])}
        self.unit["paragraphs"].append(self.paragraph)
        self.stack = []

    # --- 附件 -----------------------------------------------------------------------------------
    def _attachment(self, m: re.Match) -> None:
        num = int(m.group(1)) if m.group(1) else len(self.attachments) + 1
        attachment = {"num": num, "id": citations.child_id("", "attachment", num)}
        if m.group(2):
            attachment["heading"] = self.norm.spaces(m.group(2), attachment["id"])
        self.attachments.append(attachment)
        self.unit = self.paragraph = None
        self.stack = []

    def _attachment_line(self, line: str) -> None:
        if (m := RE_ATTACHMENT.match(line)) and m.group(1):
            return self._attachment(m)
        attachment = self.attachments[-1]
        text = self.norm.spaces(line, attachment["id"])
        if "heading" not in attachment and is_short_heading(text.replace("（", "").replace("）", "")[:16]) and len(text) <= 40 and not text.endswith(SENTENCE_END):
            attachment["heading"] = text
        else:
            attachment.setdefault("paragraphs", []).append({"text": text})


def _move_items_last(holder: dict) -> None:
    """Keep `numbering` before `items` and `paragraphs` before both (the order text.yaml uses)."""
    for key in ("numbering", "items"):
        if key in holder:
            holder[key] = holder.pop(key)


def _titled(lines: list[str]) -> bool:
    """Whether more than half of the articles (at least two) carry a title by the ordinary rules."""
    rests = [m.group(2) for l in lines if (m := RE_ARTICLE.match(l))]
    titles = sum(_article_title(r)[0] is not None for r in rests)
    return titles >= 2 and 2 * titles > len(rests)


def _article_title(rest: str, titled: bool = False) -> tuple[str | None, str]:
    """'制定依据 为贯彻…' / '【制定依据】为贯彻…' / '制定依据' -> (title, body); else (None, rest).
    `titled`: most articles of the document have a title, so one may open as a sentence does
    (第四条 在孵企业条件 在孵企业应当…)."""
    if m := RE_BRACKET_TITLE.match(rest):
        return m.group(1), m.group(2)
    if (m := RE_TITLE_SPLIT.match(rest)) and (titled or not NOT_A_TITLE.match(m.group(1))) \
            and not TITLE_BREAKS_SENTENCE.search(m.group(1)) and not re.match(r"[\d０-９A-Za-z.,%]", m.group(2)):
        return m.group(1), m.group(2)
    if re.fullmatch(r"[\u4e00-\u9fff]{2,12}", rest) and not NOT_A_TITLE.match(rest):
        return rest, ""
    return None, rest
