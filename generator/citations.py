"""Provision ids and Chinese citations, parsed and emitted in one place.

Two numbering schemes occur in the texts:

- measures (办法): 章 / 条 / 款 / 项. 款 are not numbered in the text, 项 are; an article with
  one 款 cites its 项 directly (第七条第三项), one with several names the 款 (第二十一条第二款,
  第二十一条第二款第一项).
- guidelines (指引): parts 一、 with numbered items 1. 2.; cited as 三、3, a part's unnumbered lead
  paragraphs as 三、导语 (三、导语第二段).

Ids follow the Akoma Ntoso eId habit: short names and Arabic numbers joined by '__'
(chp_1, art_7, art_21__para_2, art_7__point_3, part_3__item_4, preamble__para_1).

    Ref(article=21, paragraph=2).citation  -> '第二十一条第二款'
    Ref(article=7, point=3).id             -> 'art_7__point_3'
    parse_citation('第七条第三项')          -> Ref(article=7, point=3)
    parse_id('part_3__item_4')             -> Ref(part=3, item=4)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.numerals import to_chinese, to_int

CN = "零〇一二两三四五六七八九十百千"
# a citation, whole: 第七条第三项 | 第二十一条第二款(第一项) | 第一章 | 三、3 | 三、导语(第二段)
_MEASURE = re.compile(rf"^(?:第(?P<chapter>[{CN}]+)章)?(?:第(?P<article>[{CN}]+)条)?(?:第(?P<paragraph>[{CN}]+)款)?(?:第(?P<point>[{CN}]+)项)?$")
_GUIDE = re.compile(rf"^(?P<part>[{CN}]+)、(?:(?P<item>\d+)|导语(?:第(?P<lead>[{CN}]+)段)?)?$")
_ID_PARTS = {"chp": "chapter", "art": "article", "para": "paragraph", "point": "point", "part": "part", "item": "item"}
_ID_NAMES = {v: k for k, v in _ID_PARTS.items()}


@dataclass(frozen=True)
class Ref:
    """A place in a text by its numbers; which numbers are set says what kind of place it is."""

    chapter: int | None = None
    article: int | None = None
    paragraph: int | None = None  # 款 of an article, or a lead paragraph of a part
    point: int | None = None  # 项
    part: int | None = None
    item: int | None = None
    # False: the article has one 款, which its citation and id leave out (None: as `paragraph` is set)
    several_paragraphs: bool | None = None

    @property
    def _several(self) -> bool:
        return self.paragraph is not None if self.several_paragraphs is None else self.several_paragraphs

    @property
    def citation(self) -> str:
        if self.part is not None:
            head = f"{to_chinese(self.part)}、"
            if self.item is not None:
                return f"{head}{self.item}"
            if self.paragraph is not None:
                return f"{head}导语" if self.paragraph == 1 else f"{head}导语第{to_chinese(self.paragraph)}段"
            return head
        out = f"第{to_chinese(self.chapter)}章" if self.chapter is not None and self.article is None else ""
        if self.article is not None:
            out += f"第{to_chinese(self.article)}条"
            if self.paragraph is not None and self._several:
                out += f"第{to_chinese(self.paragraph)}款"
        if self.point is not None:
            out += f"第{to_chinese(self.point)}项"
        return out

    @property
    def id(self) -> str:
        """The default id of this place (text.yaml may give another, kept across renumbering)."""
        names = [(name, getattr(self, name)) for name in ("chapter", "part", "article", "paragraph", "point", "item")]
        if self.article is not None:  # an article's id does not carry its chapter
            names = names[1:]
        if not self._several:
            names = [(n, v) for n, v in names if n != "paragraph"]
        return "__".join(f"{_ID_NAMES[n]}_{v}" for n, v in names if v is not None)


def parse_citation(text: str) -> Ref:
    """'第二十一条第二款' -> Ref(article=21, paragraph=2); raises ValueError if it is not a citation."""
    text = text.strip()
    if m := _GUIDE.match(text):
        lead = m["lead"]
        paragraph = (to_int(lead) if lead else 1) if "导语" in text else None
        return Ref(part=to_int(m["part"]), item=int(m["item"]) if m["item"] else None, paragraph=paragraph)
    m = _MEASURE.match(text)
    if not text or not m or not any(m.groupdict().values()):
        raise ValueError(f"not a provision citation: {text!r}")
    nums = {k: to_int(v) for k, v in m.groupdict().items() if v}
    return Ref(**nums)


def parse_id(provision_id: str) -> Ref:
    """'art_21__para_2__point_1' -> Ref(article=21, paragraph=2, point=1); ValueError otherwise."""
    nums: dict[str, int] = {}
    for piece in provision_id.split("__"):
        name, _, num = piece.rpartition("_")
        if name not in _ID_PARTS or not num.isdigit() or _ID_PARTS[name] in nums:
            raise ValueError(f"not a provision id: {provision_id!r}")
        nums[_ID_PARTS[name]] = int(num)
    return Ref(**nums)


# --- the pieces the provision tree is built from (model.build_tree) --------------------------

def chapter(num: int) -> str:
    return Ref(chapter=num).citation


def article(num: int) -> str:
    return Ref(article=num).citation


def paragraph(article_num: int, k: int, several: bool) -> str:
    return Ref(article=article_num, paragraph=k, several_paragraphs=several).citation


def point(paragraph_citation: str, num: int) -> str:
    return f"{paragraph_citation}第{to_chinese(num)}项"


def section(chapter_num: int, num: int) -> str:
    """第一章第二节 (节 sit inside 章)."""
    return f"{chapter(chapter_num)}第{to_chinese(num)}节"


def sub_point(point_citation: str, num: int) -> str:
    """第七条第三项第二目: the numbered parts of a 项."""
    return f"{point_citation}第{to_chinese(num)}目"


def part(num: int) -> str:
    return Ref(part=num).citation


def part_lead(part_num: int, k: int) -> str:
    return Ref(part=part_num, paragraph=k).citation


def part_paragraph(part_num: int, k: int, count: int) -> str:
    """A paragraph of a part without a heading: 三、 alone, or 三、第二段 among several."""
    return part(part_num) if count == 1 else f"{part(part_num)}第{to_chinese(k)}段"


def item(part_num: int, label: str | int) -> str:
    """三、3 (label 3. or 3、), 三、（二） (label （二）)."""
    return f"{part(part_num)}{str(label).rstrip('.、')}"


def sub_item(item_citation: str, label: str) -> str:
    """三、3（1）: an item's own numbered parts, by their printed label."""
    return item_citation + label.rstrip(".、")


def attachment(num: int) -> str:
    return f"附件{num}"


def label(num: int, style: str) -> str:
    """An item's number as printed in the style of its list: 2 -> 2. / 2、 / （二） / （2） / ②."""
    if style == "（一）":
        return f"（{to_chinese(num)}）"
    if style == "（1）":
        return f"（{num}）"
    if style == "①":
        return chr(0x2460 + num - 1)
    return f"{num}{style[-1]}"


PREAMBLE = "序言"


def preamble_id(k: int) -> str:
    return f"preamble__para_{k}"


def child_id(parent_id: str, kind: str, num: int) -> str:
    """'art_21' + paragraph 2 -> 'art_21__para_2'; kind is paragraph | point | item | sub | article | chapter |
    part | section | attachment ('' + article 7 -> 'art_7')."""
    piece = f"{_ID_NAMES.get(kind) or {'sub': 'sub', 'section': 'sec', 'attachment': 'att'}[kind]}_{num}"
    return f"{parent_id}__{piece}" if parent_id else piece
