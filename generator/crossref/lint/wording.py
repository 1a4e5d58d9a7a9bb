"""Wording checks: repeated words, terms used inconsistently, and 以…为 constructions missing 以."""
from __future__ import annotations

import re

from generator.crossref.messages import say
from generator.crossref.references import GENRES, find_references

HAN = r"[\u4e00-\u9fff]"
IMMEDIATE = re.compile(rf"({HAN}{{2,8}})\1")  # 孵化器孵化器
NEAR = re.compile(rf"({HAN}{{2,6}})(?P<gap>{HAN}{{1,2}}?)\1")  # 具备应具备
# 企业和企业家 is coordination, 面积占总面积 a share of a whole: neither is a repetition
JOINING = set("和与及或、的之以向对从在并且跟同占总比按为于较")
# Words that name a territorial scope; two different ones side by side say the same thing twice.
SCOPE_WORDS = ("本市", "全市", "我市", "本区", "全区", "本省", "全省", "本地区", "本地", "当地", "区域", "地区",
               "辖区", "境内", "全国", "国内")
SCOPE_PAIR = re.compile(rf"(?P<a>{'|'.join(SCOPE_WORDS)})(?P<b>{'|'.join(SCOPE_WORDS)})")
DEFINED = re.compile(rf"({HAN}{{2,15}})是指")
ABBREVIATION = re.compile(rf"(?P<full>{HAN}{{2,20}})（以下简称“?(?P<short>{HAN}{{1,10}})”?）")
SHORT_NAME = re.compile(rf"(?P<full>{HAN}{{0,20}})[（(]以下(?:简称|统称|称)“?(?P<short>{HAN}{{1,10}})”?[）)]")
TITLE = re.compile(r"《[^《》]*》")
# 以 … 为宗旨 / 为主要目标 / 为服务特色 …: the goal words of the construction, and 以 inside other words.
GOAL = re.compile(rf"为(?:主要|服务)?(?:宗旨|目标|核心|导向|重点|特色|服务对象|对象|引领|牵引|抓手|主线|依托|主体)(?=[，。；、]|$)")
FREE_YI = re.compile(r"(?<![所可予加难足用借得据])以(?![上下内外及便免来后前期致至])")


def duplicated_words(ctx):
    for node in ctx.nodes:
        text = node.own_text
        seen: list[tuple[int, int]] = []
        for m in IMMEDIATE.finditer(text):
            seen.append(m.span())
            yield ctx.finding(node, "duplicated_words", m.group(), say("doubled", words=m.group(1)))
        for m in NEAR.finditer(text):
            if set(m.group("gap")) & JOINING or any(s < m.end() and m.start() < e for s, e in seen):
                continue
            start = _extend_left(text, m.start(), m.group("gap"))
            yield ctx.finding(node, "duplicated_words", text[start:m.end()],
                              say("repeated_nearby", words=m.group(1), phrase=text[start:m.end()]))
        for m in SCOPE_PAIR.finditer(text):
            if m.group("a") != m.group("b"):
                yield ctx.finding(node, "duplicated_words", m.group(),
                                  say("scope_pair", a=m.group("a"), b=m.group("b")))


def _extend_left(text: str, start: int, gap: str) -> int:
    """具备应具备 preceded by 应该: the repeated phrase is 应该具备 / 应具备."""
    window = text[max(0, start - 3):start]
    at = window.rfind(gap)
    return start - len(window) + at if at >= 0 else start


def _terms(ctx, full: str) -> set[str]:
    """Terms the document defines or relies on: institution types, defined terms, 是指 terms."""
    terms = {t["name"] for t in ctx.policy.vocabulary.get("institution_types", {}).values()}
    terms |= {d.term for d in ctx.version.rules.definitions.values()}
    for m in DEFINED.finditer(full):
        words = m.group(1)
        suffixes = [words[i:] for i in range(len(words) - 1) if full.count(words[i:]) >= 3]
        if suffixes:
            terms.add(suffixes[0])
    return {t for t in terms if len(t) >= 4}


def inconsistent_term(ctx):
    full = "\n".join(n.own_text for n in ctx.nodes)
    terms = _terms(ctx, full)
    for term in sorted(terms):
        variants = "|".join(re.escape(term[:i]) + f"[^{re.escape(term[i])}\\W\\d]" + re.escape(term[i + 1:]) for i in range(len(term)))
        for node in ctx.nodes:
            for m in re.finditer(variants, node.own_text):
                if _inside_longer_word(node.own_text, full, m, term) or _in_title(node.own_text, m.start()):
                    continue
                if m.group() not in terms and full.count(m.group()) < full.count(term):
                    yield ctx.finding(node, "inconsistent_term", m.group(),
                                      say("one_character_off", variant=m.group(), term=term, count=full.count(term)))
    yield from _self_references(ctx)
    yield from _abbreviations(ctx, full)


def _inside_longer_word(text: str, full: str, m: re.Match, term: str) -> bool:
    """孵化载体 is another word, not 孵化器 mistyped: a variant that differs in its last character and
    runs on into a word the document uses again (or in its first, preceded by one) is that word."""
    if m.group()[-1] != term[-1] and m.end() < len(text) and re.match(HAN, text[m.end()]):
        return full.count(m.group()[-2:] + text[m.end()]) >= 2
    if m.group()[0] != term[0] and m.start() > 0 and re.match(HAN, text[m.start() - 1]):
        return full.count(text[m.start() - 1] + m.group()[:2]) >= 2
    return False


def _in_title(text: str, at: int) -> bool:
    """Inside 《…》: another document's title is cited as it is, not this text's wording."""
    return any(t.start() < at < t.end() for t in TITLE.finditer(text))


def _self_references(ctx):
    core = re.sub(r"[（(][^（）()]*[）)]", "", ctx.version.title)
    genre = next((g for g in GENRES.split("|") if core.endswith(g)), None)
    if genre is None:
        return
    for node in ctx.nodes:
        for ref in find_references(node.own_text):
            own = ref.text[1:]
            if ref.kind == "self" and not (own.endswith(genre) or genre.endswith(own)):
                yield ctx.finding(node, "inconsistent_term", ref.text,
                                  say("self_name", genre=genre, found=ref.text))


def _abbreviations(ctx, full: str):
    for m in ABBREVIATION.finditer(full):
        name, short, defined_at = m.group("full"), m.group("short"), m.end()
        offset = 0
        for node in ctx.nodes:
            text = node.own_text
            begin, offset = offset, offset + len(text) + 1
            titles = [t.span() for t in TITLE.finditer(text)]
            uses = [u.start() for u in re.finditer(re.escape(name), text)
                    if begin + u.start() >= defined_at and not any(s <= u.start() < e for s, e in titles)]
            if uses:
                yield ctx.finding(node, "inconsistent_term", name,
                                  say("full_name_after_short", name=name, short=short, count=len(uses)))


def ill_formed_sentence(ctx):
    for node in ctx.nodes:
        for sentence in re.split(r"(?<=[。；！？\n])", node.own_text):
            events = sorted([(m.start(), "以") for m in FREE_YI.finditer(sentence)] + [(m.start(), m) for m in GOAL.finditer(sentence)],
                            key=lambda e: e[0])
            open_yi = 0
            for _, event in events:
                if event == "以":
                    open_yi += 1
                elif open_yi:
                    open_yi -= 1
                else:
                    words = sentence[:event.end()]
                    yield ctx.finding(node, "ill_formed_sentence", words,
                                      say("missing_yi", goal=event.group()))


def unused_term(ctx):
    """A short name introduced (以下简称X, 以下统称X) and never used afterwards: either the name is
    missing where it was meant, or the definition is dead weight."""
    offset, texts = 0, []
    for node in ctx.nodes:
        texts.append((node, offset))
        offset += len(node.own_text) + 1
    full = "\n".join(n.own_text for n in ctx.nodes)
    for node, begin in texts:
        for m in SHORT_NAME.finditer(node.own_text):
            short, name = m.group("short"), m.group("full")
            # 科技企业孵化器（以下简称孵化器）: 孵化器 inside a later 科技企业孵化器 is the full name, not the short one
            before = name[-len(short) - 2:-len(short)] if name.endswith(short) and len(name) > len(short) else ""
            rest = full[begin + m.end():]
            uses = [i for i in range(len(rest)) if rest.startswith(short, i) and not (before and rest[:i].endswith(before))]
            if not uses:
                yield ctx.finding(node, "unused_term", m.group()[len(name):],
                                  say("unused_short_name", short=short))
