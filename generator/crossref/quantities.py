"""Quantities in provision text: comparator + number + unit, with period, ratio base and subject.

One compiled regex over a plain string, no spaCy: the spaCy component (pipeline.py) wraps
`find_quantities`, and the YAML-vs-text check (consistency.py) calls it directly so that
`fuhua validate` stays light. Units come from policy/vocabulary.yaml (see `UnitTable`).

Reading rules (民法典第一千二百五十九条: 以上、以下、以内、届满 include the number; 不满、超过、以外
do not):
- a comparator word before the number (不少于 N个) or after the unit (N家以上, N年内);
- between comparator and number a short verb (至少配备N名) or a 的-phrase naming the whole of a
  share (不低于众创空间总面积的75%) may stand;
- a bare quantity joined by 和/及/或/、 to a compared one shares its comparator (不高于A万元和B万元);
- other bare quantities are kept as "=" only when written in Arabic digits: counts in set phrases
  (四个面向, 四个等次) are written in Chinese numerals and are not thresholds;
- 近N年 / 每年 / 连续N年 / 累计 are periods, 每N家 / 每千平方米 ratio bases, dates are dates:
  none of them is a threshold.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import cached_property

from generator.numerals import to_int

BEFORE = {
    "不少于": ">=", "不低于": ">=", "不小于": ">=", "至少": ">=",
    "不超过": "<=", "不高于": "<=", "不多于": "<=", "不大于": "<=", "最多": "<=",
    "超过": ">", "高于": ">", "多于": ">", "大于": ">",
    "未满": "<", "不满": "<", "不足": "<", "低于": "<", "少于": "<", "小于": "<",
}
TIGHT = {"满": ">=", "达到": ">=", "届满": ">="}  # only directly before the number
AFTER = {"及以上": ">=", "以上": ">=", "以下": "<=", "以内": "<=", "内": "<="}
JOINERS = ("和", "及", "以及", "或", "、")
STRICTNESS = {">=": 1, ">": 1, "<=": -1, "<": -1}  # +1: a higher value is stricter

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
NUMBER = rf"\d+(?:\.\d+)?|[{CN_DIGITS}]+"
DATE = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
HAS_NUMBER = re.compile(rf"[\d{CN_DIGITS}]")
CLAUSE_END = "，。；：！？\n,;"
_HAN_RUN = rf"[^\W\d_{CN_DIGITS}]"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class UnitTable:
    """Written unit -> (canonical unit, kind), e.g. '％' -> ('%', 'share')."""

    units: tuple[tuple[str, str, str], ...]

    @classmethod
    def from_vocabulary(cls, vocabulary: dict) -> "UnitTable":
        rows = []
        for name, spec in sorted(vocabulary.get("units", {}).items()):
            for written in (name, *spec.get("aliases", [])):
                rows.append((written, name, spec.get("kind", "")))
        return cls(tuple(rows))

    @cached_property
    def _rows(self) -> dict[str, tuple[str, str]]:
        return {w: (c, k) for w, c, k in self.units}

    def canonical(self, written: str) -> str:
        return self._rows.get(written, (written, ""))[0]

    def kind(self, written: str) -> str:
        return self._rows.get(written, (written, ""))[1]

    @cached_property
    def patterns(self) -> "Patterns":
        return _patterns(self)

    def as_config(self) -> list[list[str]]:
        return [list(row) for row in self.units]


@dataclass
class Quantity:
    start: int
    end: int
    text: str
    comparator: str
    value: int | float
    value_text: str
    unit: str  # as written
    canonical_unit: str
    period: str | None = None
    base: dict | None = None  # {'text': '每N家', 'amount': N, 'unit': '家'}
    of: str | None = None  # the whole of a share: 众创空间总面积
    subject: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Patterns:
    quantity: re.Pattern
    period: re.Pattern
    base: re.Pattern


def _patterns(table: UnitTable) -> Patterns:
    units = _alt(w for w, _, _ in table.units)
    gap = rf"(?:{_HAN_RUN}{{1,15}}?的|{_HAN_RUN}{{1,2}}?)"
    quantity = re.compile(
        rf"(?:(?P<pre>{_alt(BEFORE)})(?P<gap>{gap})?|(?P<tight>{_alt(TIGHT)}))?"
        rf"(?<![\d.第])(?P<num>{NUMBER})(?P<unit>{units})"
        rf"(?P<post>及以上|以上|以下|以内|(?<=[年月日])内)?")
    period = re.compile(rf"近(?:{NUMBER})年(?:每年)?|连续(?:{NUMBER})年|每年度?|上一?年度|累计")
    base = re.compile(rf"每(?P<num>{NUMBER})(?P<unit>{units})")
    return Patterns(quantity, period, base)


def parse_number(text: str) -> int | float:
    """'3000' -> 3000, '0.5' -> 0.5, '一' -> 1, '两' -> 2, '千' -> 1000."""
    if text[0].isdigit():
        value = float(text)
        return int(value) if value.is_integer() else value
    text = text.replace("两", "二").replace("〇", "零")
    if text[0] in "十百千万亿":
        text = "一" + text
    return to_int(text)


def _number(text: str) -> int | float | None:
    try:
        return parse_number(text)
    except ValueError:  # 一二 (as in 一两个) is no single number
        return None


def _clause_bounds(text: str, at: int) -> tuple[int, int]:
    start = max(text.rfind(ch, 0, at) for ch in CLAUSE_END) + 1
    ends = [i for ch in CLAUSE_END if (i := text.find(ch, at)) >= 0]
    return start, min(ends, default=len(text))


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def find_quantities(text: str, table: UnitTable) -> list[Quantity]:
    """Every threshold-like quantity of `text`, in reading order."""
    if not HAS_NUMBER.search(text):
        return []
    pat = table.patterns
    periods = [(m.start(), m.end(), m.group()) for m in pat.period.finditer(text)]
    bases = [m for m in pat.base.finditer(text) if table.kind(m.group("unit")) != "duration"]
    dates = [m.span() for m in DATE.finditer(text)]
    blocked = [(s, e) for s, e, _ in periods] + [m.span() for m in bases] + dates
    found: list[Quantity] = []
    for m in pat.quantity.finditer(text):
        value = _number(m.group("num"))
        if value is None or _overlaps((m.start("num"), m.end("unit")), blocked):
            continue
        word = m.group("pre") or m.group("tight")
        comparator = BEFORE.get(word) or TIGHT.get(word) or AFTER.get(m.group("post") or "")
        start = m.start()
        clause = _clause_bounds(text, m.start("num"))
        prev = found[-1] if found and found[-1].end > clause[0] else None
        if comparator is None:
            joined = prev is not None and text.endswith(JOINERS, 0, m.start("num"))
            if joined:
                comparator = prev.comparator
            elif m.group("num")[0].isdigit():
                comparator = "="
            else:
                continue
        else:
            joined = False
        q = Quantity(start, m.end(), m.group(), comparator, value, m.group("num"),
                     m.group("unit"), table.canonical(m.group("unit")))
        if m.group("gap") and m.group("gap").endswith("的"):
            q.of = m.group("gap")[:-1]
        if joined:
            q.period, q.base = prev.period, prev.base
        else:
            q.period = next((p for s, _, p in periods if clause[0] <= s < start), None)
            base = next((b for b in bases if clause[0] <= b.start() < start), None)
            amount = _number(base.group("num")) if base is not None else None
            if amount is not None:
                q.base = {"text": base.group(), "amount": amount, "unit": base.group("unit")}
        q.subject = _subject(text, q, clause, prev, [p for _, _, p in periods])
        found.append(q)
    return found


_LEADING = re.compile(r"^(?:其中|同时|并且|而且|且|并|还|须|需|应|要|分别|对|连续|平均|和|及|或|、)+")
_TRAILING = re.compile(r"(?:应当|应|须|需|要|的|占|为|平均|和|及|或|、)+$")
_VERBS = {"拥有", "提供", "具有", "具备", "配备", "聘请", "开展", "有", "报送", "获得", "给予", "运营"}


def _subject(text: str, q: Quantity, clause: tuple[int, int], prev: Quantity | None, periods: list[str]) -> str | None:
    """The words the quantity measures: before the comparator, else after the unit. A ratio's or a
    joined quantity's words come after it (每N家在孵企业至少配备M名专业孵化服务人员和M名创业导师)."""
    before = text[max(clause[0], prev.end if prev else 0):q.start]
    for words in periods + ([q.base["text"]] if q.base else []):
        before = before.replace(words, "")
    before = re.split(r"且|并且|同时", before)[-1]
    before = _TRAILING.sub("", _LEADING.sub("", before))
    after = re.sub(rf"^(?:[和及或、](?:{NUMBER})\D{{1,3}}?(?=[的和及或、，。；]|$))+", "", text[q.end:clause[1]])
    after = re.split(r"且|并|和|或|以及|及", after.lstrip("的"), maxsplit=1)[0]
    after = _TRAILING.sub("", _LEADING.sub("", after))
    after = re.sub(rf"(?:{NUMBER}).*$", "", after)
    if (len(before) >= 2 and before not in _VERBS) and not (q.base and after):
        return before
    return after or before or None


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    iso: str  # YYYY-MM-DD


def find_dates(text: str) -> list[DateMention]:
    """Calendar dates written 2025年1月1日."""
    return [DateMention(m.start(), m.end(), m.group(), f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}")
            for m in DATE.finditer(text)]
