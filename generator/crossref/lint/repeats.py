"""Provisions that repeat an earlier one nearly word for word (a paste left twice, an article
copied and never rewritten), and numbers written against GB/T 15835 / GB/T 15834: Arabic digits
with 千 or 百 (N千万元 where the digits should be written out in full) and a range joined by a hyphen (A-B年 for A～B年 or A至B年)."""
from __future__ import annotations

import re

from generator.crossref.messages import say

MIN_CHARS = 20  # shorter provisions (申报材料清单, 附则) repeat by nature
SIMILAR = 0.85  # Jaccard similarity of character bigrams
# a hyphen between two numbers of one measure: M-N年, M-N%; not 2023-2025年 (years) nor codes (GB/T 15834-2011)
HYPHEN_RANGE = re.compile(r"(?<![\d./A-Za-z-])(\d{1,3}(?:\.\d+)?)\s?[-－]\s?(\d{1,3}(?:\.\d+)?)\s?(个月|年|个|家|名|人|万元|亿元|元|平方米|%|％|天|日|项|次)")
DIGIT_MULTIPLIER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)([千百])(万元|亿元|万|亿|元|平方米|个|家|名|人)")


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _similar(a: tuple, b: tuple) -> bool:
    (text_a, grams_a), (text_b, grams_b) = a, b
    if min(len(text_a), len(text_b)) / max(len(text_a), len(text_b)) < SIMILAR:
        return False
    return len(grams_a & grams_b) / len(grams_a | grams_b) >= SIMILAR


def _repeats(ctx, nodes: list, text_of):
    seen: list[tuple] = []
    for node in nodes:
        text = text_of(node)
        if len(text) < MIN_CHARS:
            continue
        this = (text, _bigrams(text))
        other = next((o for o, t in seen if _similar(this, t)), None)
        if other is not None:
            same = "repeated_same" if text == text_of(other) else "repeated_nearly"
            yield ctx.finding(node, "repeated_provision", text[:24] + ("…" if len(text) > 24 else ""), say(same, other=other.citation))
        seen.append((node, this))


def repeated_provision(ctx):
    """Whole articles (or parts) against each other; items only against their siblings, since two
    parallel procedures (备案流程, 申报程序) rightly repeat the same steps."""
    units = [n for n in ctx.version.walk() if n.kind in ("article", "part")]
    yield from _repeats(ctx, units, lambda n: n.full_text)
    parents = {id(n.parent): n.parent for n in ctx.nodes if n.parent is not None and n.kind in ("point", "item")}
    for parent in parents.values():
        yield from _repeats(ctx, [c for c in parent.children if c.kind in ("point", "item")], lambda n: n.own_text)


def number_format(ctx):
    for node in ctx.nodes:
        text = node.own_text
        for m in HYPHEN_RANGE.finditer(text):
            yield ctx.finding(node, "number_format", m.group(),
                              say("hyphen_range", words=m.group(), low=m.group(1), high=m.group(2), unit=m.group(3)))
        for m in DIGIT_MULTIPLIER.finditer(text):
            value = float(m.group(1)) * (1000 if m.group(2) == "千" else 100)
            written = f"{value:g}{m.group(3)}"
            yield ctx.finding(node, "number_format", m.group(),
                              say("digit_multiplier", multiplier=m.group(2), words=m.group(), written=written))
