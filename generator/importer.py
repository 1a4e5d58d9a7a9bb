"""Plain text (as extracted from PDF) -> the structure of a policy/ text.yaml.

Two layouts are recognised: 章/条/款/项 (measures) and 一、/1. (guidelines). PDF artifacts are
normalised and each normalisation is recorded, so a reader can re-apply them to the source and
compare (tests/test_text_roundtrip.py does exactly that).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.numerals import to_int

CN = "零一二三四五六七八九十百"
RE_CHAPTER = re.compile(rf"^第([{CN}]+)章\s*(.*)$")
RE_ARTICLE = re.compile(rf"^第([{CN}]+)条\s*(.*)$")
RE_PART = re.compile(rf"^([{CN}]+)、\s*(.*)$")
RE_ITEM = re.compile(r"^(\d+)[.．]\s*(.*)$")
TERMINAL = tuple("。；：！？”）;:")
# spaces between two CJK/numeric/punctuation characters inside a sentence are PDF artifacts
RE_STRAY_SPACE = re.compile(r"(?<=\S)[ \u3000\t]+(?=\S)")


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


def _logical_lines(raw: str) -> list[str]:
    return [line.strip() for line in raw.splitlines() if line.strip()]


def _is_structural(line: str, layout: str) -> bool:
    if layout == "measures":
        return bool(RE_CHAPTER.match(line) or RE_ARTICLE.match(line) or RE_ITEM.match(line))
    return bool(RE_PART.match(line) or RE_ITEM.match(line))


def _is_short_heading(text: str) -> bool:
    return 0 < len(text) <= 16 and not re.search(r"[，。；：、]", text)


def _join_page_breaks(lines: list[str], layout: str, norm: Normaliser) -> list[str]:
    """Join a line that stops mid-sentence with the next line, when that is not a new unit."""
    out: list[str] = []
    for line in lines:
        if out:
            prev = out[-1]
            body = RE_ITEM.match(prev).group(2) if RE_ITEM.match(prev) else prev
            mid_sentence = (not prev.endswith(TERMINAL) and not _is_short_heading(body)
                            and not RE_CHAPTER.match(prev) and len(prev) > 20)
            if mid_sentence and not _is_structural(line, layout):
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
    raise ValueError("no 第X条 articles and no 一、 parts: not a policy text fuhua can import")


def parse_text(raw: str) -> dict:
    """Return {'layout', 'header', 'body...', 'normalisations'} ready to dump as text.yaml."""
    norm = Normaliser()
    lines = _logical_lines(raw)
    layout = detect_layout(lines)
    lines = _join_page_breaks(lines, layout, norm)
    result = _parse_measures(lines, norm) if layout == "measures" else _parse_guideline(lines, norm)
    result["normalisations"] = norm.records
    return {"layout": layout, **result}


def _parse_measures(lines: list[str], norm: Normaliser) -> dict:
    header: list[str] = []
    chapters: list[dict] = []
    article = paragraph = item = None
    for line in lines:
        if m := RE_CHAPTER.match(line):
            num = to_int(m.group(1))
            heading = m.group(2)
            squeezed = re.sub(r"\s+", "", heading)
            if squeezed != heading:
                norm.records.append({"kind": "letter_spacing", "provision": f"chp_{num}", "original": heading, "normalised": squeezed})
            chapters.append({"num": num, "id": f"chp_{num}", "heading": squeezed, "articles": []})
            article = paragraph = item = None
        elif (m := RE_ARTICLE.match(line)) and chapters:
            num = to_int(m.group(1))
            article = {"num": num, "id": f"art_{num}", "paragraphs": []}
            chapters[-1]["articles"].append(article)
            paragraph = {"text": norm.spaces(m.group(2), article["id"])}
            article["paragraphs"].append(paragraph)
            item = None
        elif (m := RE_ITEM.match(line)) and article is not None:
            item = {"num": int(m.group(1)), "text": norm.spaces(m.group(2), article["id"])}
            paragraph.setdefault("items", []).append(item)
        elif article is not None and item is not None:
            item.setdefault("continuation", []).append(norm.spaces(line, article["id"]))
        elif article is not None:
            paragraph = {"text": norm.spaces(line, article["id"])}
            article["paragraphs"].append(paragraph)
        elif not chapters:
            header.append(norm.spaces(line, "header"))
        else:
            raise ValueError(f"text outside any article: {line[:30]}")
    return {"header": header, "chapters": chapters}


def _parse_guideline(lines: list[str], norm: Normaliser) -> dict:
    header = [norm.spaces(lines[0], "header")]
    preamble: list[dict] = []
    parts: list[dict] = []
    part = item = None
    for line in lines[1:]:
        if m := RE_PART.match(line):
            num = to_int(m.group(1))
            part = {"num": num, "id": f"part_{num}", "heading": norm.spaces(m.group(2), f"part_{num}")}
            parts.append(part)
            item = None
        elif (m := RE_ITEM.match(line)) and part is not None:
            where = f"{part['id']}__item_{m.group(1)}"
            body = norm.spaces(m.group(2), where)
            item = {"num": int(m.group(1))}
            if _is_short_heading(body):
                item["heading"] = body
            else:
                item["text"] = body
            part.setdefault("items", []).append(item)
        elif part is None:
            preamble.append({"text": norm.spaces(line, "preamble")})
        elif item is None:
            part.setdefault("paragraphs", []).append({"text": norm.spaces(line, part["id"])})
        elif "text" not in item:
            item["text"] = norm.spaces(line, f"{part['id']}__item_{item['num']}")
        else:
            item.setdefault("continuation", []).append(norm.spaces(line, part["id"]))
    return {"header": header, "preamble": preamble, "parts": parts}
