"""Quantities in provision text: comparator + number + unit, with period, ratio base and subject.

One compiled regex over a plain string, no spaCy: the spaCy component (pipeline.py) wraps
`find_quantities`, and the YAML-vs-text check (consistency.py) calls it directly so that
`fuhua validate` stays light. Units come from policy/vocabulary.yaml (see `UnitTable`).

Reading rules (民法典第一千二百五十九条: 以上、以下、以内、届满 include the number; 不满、超过、以外
do not):
- a comparator word before the number (不少于 N个) or after the unit (N家以上, N年内);
- between comparator and number a short verb (至少配备N名) or a 的-phrase naming the whole of a
  share (不低于众创空间总面积的N%) may stand;
- a bare quantity joined by 和/及/或/、 to a compared one shares its comparator (不高于A万元和B万元);
- other bare quantities are kept as "=" only when written in Arabic digits: counts in set phrases
  (四个面向, 四个等次) are written in Chinese numerals and are not thresholds;
- 最高 / 封顶 / 为限 are caps (<=); "（含）" keeps the number in, "（不含）" after 以上/以下 leaves it out;
- a range (A至B年, A-B年, A万元至B亿元) is two quantities: the lower bound (>=) and the upper (<=);
- numbers may carry spaces (不低于 N 平方米), thousands separators (N,NNN), a multiplier (N万平方米,
  3千万元), a half (半年, 一年半); fractions (2/3, 三分之二) and 百分之N are shares;
- 近N年 / 每年 / 上1年度 / 连续N年 / 累计 are periods, 每N家 / 每千平方米 ratio bases; dates, calendar
  years (2023年度), frequencies (每3年, 每半年), citations and the document's own term of validity
  (本办法……有效期5年) are none of them a threshold.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from functools import cached_property

from generator.crossref.references import GENRES
from generator.numerals import to_int

BEFORE = {
    "不少于": ">=", "不低于": ">=", "不小于": ">=", "至少": ">=", "最少": ">=", "最低": ">=",
    "不超过": "<=", "不高于": "<=", "不多于": "<=", "不大于": "<=", "最多": "<=", "最高": "<=",
    "超过": ">", "高于": ">", "多于": ">", "大于": ">",
    "未满": "<", "不满": "<", "不足": "<", "低于": "<", "少于": "<", "小于": "<",
}
TIGHT = {"满": ">=", "达到": ">=", "届满": ">="}  # only directly before the number
AFTER = {"及以上": ">=", "以上": ">=", "以下": "<=", "以内": "<=", "内": "<=", "封顶": "<=", "为限": "<="}
EXCLUSIVE = {">=": ">", "<=": "<"}  # 以上（不含本数）
JOINERS = ("和", "及", "以及", "或", "、")

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
MULTIPLIERS = {"百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A Chinese numeral, or Arabic digits with an optional multiplier (N万平方米, 3千万元): both lazy, so that
# N万元 reads as N 万元 (the unit) and not as N0000 元.
NUMBER = rf"(?:{ARABIC})[百千万亿]??|[{CN_DIGITS}]+?"
SP = r"[ \u3000\u00a0]*"  # spaces a PDF or a typist left inside a quantity
RANGE_WORDS = r"至|到|-|－|—|~|～"
HALF = "半"
PERCENT_WORD, FRACTION_WORD = "百分之", "分之"  # 百分之二十 is 20 %; 三分之二 a share written as a fraction
SPECIAL_UNITS = {PERCENT_WORD: ("%", "share"), FRACTION_WORD: (FRACTION_WORD, "share"), "/": (FRACTION_WORD, "share")}
BARE_CHINESE_KINDS = ("money", "area", "share")  # 五十万元 alone is a figure; 四个面向 is a set phrase
DATE = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
# Not thresholds: parts of dates, calendar years, frequencies, halves of a year, the document's term.
NOT_QUANTITY = re.compile(
    r"\d{1,2}月\d{1,2}日|(?:19|20)\d{2}年(?:\d{1,2}月)?|二[〇零][一二三四五六七八九〇零]{2}年"
    rf"|每(?:{NUMBER})?个?(?:年|月|季度|周|天|日)|每半年|[上下]半年|半年度"
    rf"|本(?:{GENRES})[^。；]{{0,30}}?有效期(?:为|是)?{SP}(?:{NUMBER}){SP}(?:年|个月)"
    rf"|(?:{NUMBER}){SP}(?:日|天|个月|年)后起?(?:施行|实施|生效)")
HAS_NUMBER = re.compile(rf"[\d{CN_DIGITS}半]")
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
        return self._rows.get(written, SPECIAL_UNITS.get(written, (written, "")))[0]

    def kind(self, written: str) -> str:
        return self._rows.get(written, SPECIAL_UNITS.get(written, (written, "")))[1]

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
    bound: str | None = None  # lower | upper: one end of a range (3至5年), both spanning the range

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Patterns:
    quantity: re.Pattern
    period: re.Pattern
    base: re.Pattern


def _patterns(table: UnitTable) -> Patterns:
    units = _alt(w for w, _, _ in table.units)
    gap = rf"(?:{_HAN_RUN}{{1,15}}?的|{_HAN_RUN}{{1,3}}?)"
    cn = f"[{CN_DIGITS}]+"
    quantity = re.compile(
        rf"(?:(?P<pre>{_alt(BEFORE)}){SP}(?:(?P<gap>{gap}){SP})?|(?P<tight>{_alt(TIGHT)}){SP})?"
        rf"(?<![\d.第/])(?<!第 )(?P<core>"
        rf"(?:(?P<lo>{NUMBER}){SP}(?P<lo_unit>{units})?(?P<lo_inc>[（(]含(?:本数)?[）)])?{SP}(?:{RANGE_WORDS}){SP})?"
        rf"(?P<num>{NUMBER}|{HALF}){SP}(?P<unit>{units})(?P<half>{HALF}(?!年度))?"
        rf"|{PERCENT_WORD}(?P<pct>{cn}|{ARABIC})"
        rf"|(?P<den>{cn}?){FRACTION_WORD}(?P<numer>{cn})"
        rf"|(?P<sn>\d+)/(?P<sd>\d+)(?![\d/]))"
        rf"(?P<inc1>[（(]含(?:本数)?[）)])?"
        rf"(?P<post>及以上|以上|以下|以内|(?<=[年月日天])内|封顶|为限)?"
        rf"(?P<inc2>{SP}[（(](?P<neg>不)?含[^（）()\n]{{0,12}}?[）)])?")
    period = re.compile(
        rf"近(?:{NUMBER})(?:年|个月)(?:每年)?|(?:最近|过去|前)(?:{NUMBER})年|连续(?:{NUMBER})个?年度?|每年度?"
        rf"|(?<!以)上[一1]?个?年度?|累计")
    base = re.compile(rf"每(?P<num>{NUMBER})(?P<unit>{units})")
    return Patterns(quantity, period, base)


def parse_number(text: str) -> int | float:
    """'3000' -> 3000, '1,500' -> 1500, '0.5' -> 0.5, '5万' -> 50000, '一' -> 1, '两' -> 2,
    '千' -> 1000, '半' -> 0.5."""
    if text == HALF:
        return 0.5
    if text[0].isdigit():
        factor = MULTIPLIERS.get(text[-1], 1)
        value = float(text.rstrip("".join(MULTIPLIERS)).replace(",", "")) * factor
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


def _reading(m: re.Match, table: UnitTable) -> tuple[int | float, str, str] | None:
    """(value, number as written, unit as written) of the quantity's core."""
    if m.group("pct"):
        value = _number(m.group("pct"))
        return None if value is None else (value, m.group("pct"), PERCENT_WORD)
    if m.group("numer"):
        den, numer = _number(m.group("den") or "一"), _number(m.group("numer"))
        if not den or numer is None:
            return None
        return round(numer / den, 6), m.group("core"), FRACTION_WORD
    if m.group("sn"):
        den, numer = int(m.group("sd")), int(m.group("sn"))
        return (round(numer / den, 6), m.group("core"), "/") if den and numer < den else None
    value = _number(m.group("num"))
    if value is None:
        return None
    if m.group("half") and table.kind(m.group("unit")) == "duration":
        value += 0.5
    elif m.group("half"):
        return None
    return value, m.group("num") + (m.group("half") or ""), m.group("unit")


def _comparator(m: re.Match) -> str | None:
    word = m.group("pre") or m.group("tight")
    comparator = BEFORE.get(word) or TIGHT.get(word) or AFTER.get(m.group("post") or "")
    if comparator in EXCLUSIVE and m.group("neg") and m.group("post") in ("以上", "及以上", "以下"):
        comparator = EXCLUSIVE[comparator]
    return comparator


def find_quantities(text: str, table: UnitTable) -> list[Quantity]:
    """Every threshold-like quantity of `text`, in reading order."""
    if not HAS_NUMBER.search(text):
        return []
    pat = table.patterns
    periods = [(m.start(), m.end(), m.group()) for m in pat.period.finditer(text)]
    bases = [m for m in pat.base.finditer(text) if table.kind(m.group("unit")) != "duration"]
    dates = [m.span() for m in DATE.finditer(text)] + [m.span() for m in NOT_QUANTITY.finditer(text)]
    blocked = [(s, e) for s, e, _ in periods] + [m.span() for m in bases] + dates
    found: list[Quantity] = []
    for m in pat.quantity.finditer(text):
        reading = _reading(m, table)
        if reading is None or _overlaps(m.span("core"), blocked):
            continue
        value, value_text, unit = reading
        comparator = _comparator(m)
        start = m.start()
        clause = _clause_bounds(text, m.start("core"))
        prev = found[-1] if found and found[-1].end > clause[0] else None
        joined = False
        if comparator is None and not m.group("lo"):
            joined = prev is not None and text.endswith(JOINERS, 0, m.start("core"))
            if joined:
                comparator = prev.comparator
            elif value_text[0].isdigit() or table.kind(unit) in BARE_CHINESE_KINDS:
                comparator = "="
            else:
                continue
        q = Quantity(start, m.end(), m.group(), comparator, value, value_text, unit, table.canonical(unit))
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
        if q.subject and q.subject.startswith("占") and found and not re.search("[。；\n]", text[found[-1].end:start]):
            q.of, q.subject = q.of or q.subject[1:], found[-1].subject  # 人员不少于N人，且占总人数的M%以上
        if m.group("lo"):
            found += _range(m, q, table)
        else:
            found.append(q)
    return found


def _range(m: re.Match, upper: Quantity, table: UnitTable) -> list[Quantity]:
    """3至5年 -> >= 3年 and <= 5年 (both spanning the whole range); a lower bound with a unit of its
    own (A万元至B亿元) keeps it. When only the lower end says it is included (A万元（含）至B万元),
    the upper end is not: < B."""
    lo = _number(m.group("lo"))
    if lo is None:
        return []
    unit = m.group("lo_unit") or upper.unit
    lower = replace(upper, comparator=">=", value=lo, value_text=m.group("lo"), unit=unit, canonical_unit=table.canonical(unit),
                    bound="lower")
    if upper.comparator in ("<=", "<"):
        top = upper.comparator
    else:
        top = "<" if m.group("lo_inc") and not (m.group("inc1") or m.group("inc2")) else "<="
    return [lower, replace(upper, comparator=top, bound="upper")]


_LEADING = re.compile(r"^(?:一次性|其中|同时|并且|而且|且|并|还|须|需|应|要|分别|对|连续|平均|和|及|或|、)+")
_TRAILING = re.compile(r"(?:应当|应|须|需|要|的|占|为|在|平均|连续|和|及|或|、)+$")
PER_RECIPIENT = re.compile(r"每(?:个|名|家|位|人|项)?[\u4e00-\u9fff]{0,3}$")  # per one recipient, with no number
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
    if before.endswith(tuple(_VERBS)) and after:  # 给予最高N万元的一次性奖励: the reward is measured
        return after
    if PER_RECIPIENT.search(before) and after:  # 按每家N万元给予奖励, 给予每个团队N万元奖励: the reward, per one
        return after
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
