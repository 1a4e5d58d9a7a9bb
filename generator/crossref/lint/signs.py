"""Punctuation checks: full- and half-width forms of one sign mixed in a document, brackets or
quotation marks left open, and a title inside a title written with 《》 instead of 〈〉 (GB/T 15834)."""
from __future__ import annotations

import re

from generator.crossref.messages import say

HAN = r"[\u4e00-\u9fff]"
BRACKET_GROUP = re.compile(r"[（(][^（）()\n]*[）)]")
# sign -> (full-width pattern, half-width pattern); half-width punctuation counts only next to Han text.
# Signs are named in messages by their key under `signs:` in templates/crossref/messages.yaml.
SIGNS = {
    "percent": (re.compile("％"), re.compile("%")),
    "comma": (re.compile("，"), re.compile(rf"(?<={HAN}),|,(?={HAN})")),
    "semicolon": (re.compile("；"), re.compile(rf"(?<={HAN});|;(?={HAN})")),
    "colon": (re.compile("："), re.compile(rf"(?<={HAN}):|:(?={HAN})")),
}
PAIRS = (("（(", "）)", "brackets"), ("《", "》", "title_marks"), ("“", "”", "quotes"), ("〔", "〕", "hex_brackets"),
         ("〈", "〉", "angle_marks"))


def _width(group: str) -> str:
    full = (group[0] == "（", group[-1] == "）")
    return "full" if all(full) else "half" if not any(full) else "mixed"


def mixed_width(ctx):
    occurrences: dict[str, dict[str, list]] = {}
    for node in ctx.nodes:
        for m in BRACKET_GROUP.finditer(node.own_text):
            occurrences.setdefault("brackets", {}).setdefault(_width(m.group()), []).append((node, m.group()))
        for name, (full, half) in SIGNS.items():
            for width, pattern in (("full", full), ("half", half)):
                for m in pattern.finditer(node.own_text):
                    occurrences.setdefault(name, {}).setdefault(width, []).append((node, _context(node.own_text, m)))
    for name, by_width in occurrences.items():
        full, half = by_width.get("full", []), by_width.get("half", [])
        odd = by_width.get("mixed", [])
        if full and half:
            odd += half if len(half) <= len(full) else full
        norm = say("full_width") if len(full) >= len(half) else say("half_width")
        count = max(len(full), len(half))
        for node, text in odd:
            yield ctx.finding(node, "mixed_width", text, say("mixed_width", sign=say(name, "signs"), words=text, count=count, width=norm))


def _context(text: str, m: re.Match) -> str:
    """The sign with the number it follows (N％), or with the two characters before it."""
    start = m.start()
    while start > 0 and (text[start - 1].isdigit() or text[start - 1] == "."):
        start -= 1
    if start == m.start():
        start = max(0, start - 2)
    return text[start:m.end()]


def unbalanced(ctx):
    for node in ctx.nodes:
        text = node.own_text
        for opens, closes, name in PAIRS:
            depth, at = 0, None
            for i, ch in enumerate(text):
                if ch in opens:
                    depth, at = depth + 1, i if depth == 0 else at
                elif ch in closes:
                    depth -= 1
                    if depth < 0:
                        break
            if depth:
                where = text[at:at + 12] if depth > 0 else text[max(0, i - 11):i + 1]
                yield ctx.finding(node, "ill_formed_sentence", where,
                                  say("unbalanced_open" if depth > 0 else "unbalanced_close", sign=say(name, "signs"), words=where))


def nested_titles(ctx):
    """《关于印发《…》的通知》: the inner title takes single title marks, 《关于印发〈…〉的通知》."""
    for node in ctx.nodes:
        depth, start = 0, 0
        for i, ch in enumerate(node.own_text):
            if ch == "《":
                depth += 1
                if depth == 1:
                    start = i
                elif depth == 2:
                    end = node.own_text.find("》", i)
                    words = node.own_text[start:end + 1 if end >= 0 else i + 12]
                    yield ctx.finding(node, "ill_formed_sentence", words, say("nested_titles", words=words))
            elif ch == "》":
                depth = max(0, depth - 1)
