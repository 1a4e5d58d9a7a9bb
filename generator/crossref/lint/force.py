"""Statements about the document's own force: when it takes effect and until when it is valid.
Two provisions giving different answers contradict each other; a validity that has ended, or
ends soon, or a draft whose commencement date has passed, is reported against `today`."""
from __future__ import annotations

import datetime as dt
import re

from generator.crossref.messages import say
from generator.crossref.quantities import DATE
from generator.crossref.references import GENRES
from generator.model import DRAFT_STATUSES

SELF = rf"本(?:{GENRES})"
COMMENCEMENT = re.compile(rf"(?P<who>{SELF})?自(?P<when>[^，。；自]{{2,20}}?)起(?:施行|实施|执行|生效)")
EXPIRY = re.compile(r"有效期(?:至|到|截至)(?P<when>[^，。；]{4,20}?)(?:止|为止)?(?=[，。；]|$)")
TERM = re.compile(r"有效期(?:为|是)?(?P<years>\d{1,2}|[一二两三四五六七八九十])年")


def _statements(ctx, pattern: re.Pattern) -> list[tuple]:
    return [(node, m) for node in ctx.nodes for m in pattern.finditer(node.own_text)]


def contradiction(ctx):
    for pattern, what in ((COMMENCEMENT, "commencement"), (EXPIRY, "expiry")):
        found = _statements(ctx, pattern)
        first_node, first = found[0] if found else (None, None)
        for node, m in found[1:]:
            if m.group("when") != first.group("when"):
                yield ctx.finding(node, "contradiction", m.group(), say("contradiction", what=say(what), first=first_node.citation,
                                                                             a=first.group(), second=node.citation, b=m.group()))


def _date(text: str) -> dt.date | None:
    m = DATE.search(text)
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"])) if m else None
    except ValueError:  # 2月30日: no such day; not this check's business
        return None


def _term_end(ctx, years: int) -> tuple[dt.date, str] | None:
    """有效期N年: the last day of N years from the commencement date in the text (自2025年1月1日起施行),
    else from the version's effective date (自发布之日起施行: the issue date)."""
    starts = next((d for _, m in _statements(ctx, COMMENCEMENT) if (d := _date(m.group("when")))), None)
    if starts is None and isinstance(ctx.version.meta.get("dates", {}).get("effective"), str):
        starts = dt.date.fromisoformat(ctx.version.meta["dates"]["effective"])
    if starts is None:
        return None
    try:
        end = starts.replace(year=starts.year + years)
    except ValueError:  # 2月29日
        end = starts.replace(year=starts.year + years, day=28)
    return end - dt.timedelta(days=1), say("term_from", start=starts, years=years)


def _expiries(ctx):
    """(node, words, expiry date, how it was computed) of every statement of the document's end."""
    for node, m in _statements(ctx, EXPIRY):
        if (expires := _date(m.group("when"))) is not None:
            yield node, m.group(), expires, ""
    for node, m in _statements(ctx, TERM):
        sentence = re.split(r"[。；]", node.own_text[:m.start()])[-1]
        if not re.search(rf"{SELF}|施行|实施", sentence):  # 认定有效期为3年 is a status's term, not the document's
            continue
        years = int(m["years"]) if m["years"].isdigit() else "一二三四五六七八九十".index(m["years"].replace("两", "二")) + 1
        if (end := _term_end(ctx, years)) is not None:
            yield node, m.group(), end[0], end[1]


def validity(ctx):
    today = ctx.today
    for node, words, expires, how in _expiries(ctx):
        days = (expires - today).days
        if days < 0:
            yield ctx.finding(node, "validity", words, say("expired", expires=expires, how=f"{how}，" if how else "", today=today))
        elif days <= ctx.warn_days:
            yield ctx.finding(node, "validity", words, say("expiring", expires=expires, how=f"（{how}）" if how else "",
                                                           today=today, days=days))
    if ctx.version.meta.get("status") in DRAFT_STATUSES:
        for node, m in _statements(ctx, COMMENCEMENT):
            starts = _date(m.group("when"))
            if starts is not None and starts < today:
                yield ctx.finding(node, "validity", m.group(),
                                  say("draft_start_passed", status=ctx.version.meta["status"], start=starts, today=today))
