"""Statements about the document's own force: when it takes effect and until when it is valid.
Two provisions giving different answers contradict each other; a validity that has ended, or
ends soon, or a draft whose commencement date has passed, is reported against `today`."""
from __future__ import annotations

import datetime as dt
import re

from generator.crossref.quantities import DATE
from generator.crossref.references import GENRES

SELF = rf"本(?:{GENRES})"
COMMENCEMENT = re.compile(rf"(?P<who>{SELF})?自(?P<when>[^，。；自]{{2,20}}?)起(?:施行|实施|执行|生效)")
EXPIRY = re.compile(r"有效期(?:至|到|截至)(?P<when>[^，。；]{4,20}?)(?:止|为止)?(?=[，。；]|$)")
DRAFT_STATUSES = ("征求意见稿", "尚未生效")


def _statements(ctx, pattern: re.Pattern) -> list[tuple]:
    return [(node, m) for node in ctx.nodes for m in pattern.finditer(node.own_text)]


def contradiction(ctx):
    for pattern, what in ((COMMENCEMENT, "施行日期"), (EXPIRY, "有效期")):
        found = _statements(ctx, pattern)
        first_node, first = found[0] if found else (None, None)
        for node, m in found[1:]:
            if m.group("when") != first.group("when"):
                yield ctx.finding(node, "contradiction", m.group(),
                                  f"{what}相互矛盾：{first_node.citation}规定“{first.group()}”，{node.citation}规定“{m.group()}”")


def _date(text: str) -> dt.date | None:
    m = DATE.search(text)
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"])) if m else None
    except ValueError:  # 2月30日: no such day; not this check's business
        return None


def validity(ctx):
    today = ctx.today
    for node, m in _statements(ctx, EXPIRY):
        expires = _date(m.group("when"))
        if expires is None:
            continue
        days = (expires - today).days
        if days < 0:
            yield ctx.finding(node, "validity", m.group(), f"有效期已于{expires.isoformat()}届满（今天是{today.isoformat()}），已失效")
        elif days <= ctx.warn_days:
            yield ctx.finding(node, "validity", m.group(), f"有效期将于{expires.isoformat()}届满，距今天（{today.isoformat()}）还有{days}天，即将失效")
    if ctx.version.meta.get("status") in DRAFT_STATUSES:
        for node, m in _statements(ctx, COMMENCEMENT):
            starts = _date(m.group("when"))
            if starts is not None and starts < today:
                yield ctx.finding(node, "validity", m.group(),
                                  f"本文件仍是{ctx.version.meta['status']}，而规定的施行日期{starts.isoformat()}已过（今天是{today.isoformat()}），应更新施行日期")
