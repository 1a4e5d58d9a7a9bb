"""Word (.docx): paragraphs in order, with Word's automatic numbering written out.

Drafts number 第X条, （一） and 1. with list numbering, which python-docx's `paragraph.text` does
not contain. docx2python renders numbering too, but in its own forms ("1)" for "%1.", "--" for
chineseCounting) and without the level text, so 第%1条 would be lost: the numbers are resolved
here from numbering.xml (level text, number format, start, overrides, restarts, numbering
inherited from a paragraph style). Table cells are read row by row, one line per cell paragraph.
"""
from __future__ import annotations

import io
import re

from docx import Document
from docx.oxml.ns import qn

from generator.importer.readers import Reading
from generator.numerals import to_chinese, to_digits

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _val(el, tag: str, default=None):
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("w:val")) if child is not None else default


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """One counter in a Word number format (ECMA-376 ST_NumberFormat)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
               "japaneseCounting", "taiwaneseCounting"):
        return to_chinese(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(CIRCLED):
        return CIRCLED[n - 1]
    if fmt == "ideographDigital":
        return to_digits(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "none":
        return ""
    return str(n)  # decimal, decimalZero and anything else


class Numbering:
    """Counters of every list in one document, advanced paragraph by paragraph."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, dict]] = {}  # numId -> ilvl -> {fmt, text, start, restart}
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, list[int | None]] = {}  # abstractNum id -> counter per level
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            root = None
        abstract: dict[str, dict[int, dict]] = {}
        if root is not None:
            for an in root.findall(qn("w:abstractNum")):
                abstract[an.get(qn("w:abstractNumId"))] = {int(lvl.get(qn("w:ilvl"))): self._level(lvl) for lvl in an.findall(qn("w:lvl"))}
            for num in root.findall(qn("w:num")):
                num_id, abs_id = num.get(qn("w:numId")), _val(num, "w:abstractNumId")
                levels = {k: dict(v) for k, v in abstract.get(abs_id, {}).items()}
                for override in num.findall(qn("w:lvlOverride")):
                    ilvl = int(override.get(qn("w:ilvl")))
                    if (lvl := override.find(qn("w:lvl"))) is not None:
                        levels[ilvl] = self._level(lvl)
                    if (start := _val(override, "w:startOverride")) is not None:
                        levels.setdefault(ilvl, {"fmt": "decimal", "text": f"%{ilvl + 1}.", "suff": "tab"})["start"] = int(start)
                        levels[ilvl]["override"] = True
                self.levels[num_id] = levels
                self.abstract_of[num_id] = abs_id if not any(l.get("override") for l in levels.values()) else f"num{num_id}"
        for style in document.styles:
            ppr = style.element.find(qn("w:pPr"))
            numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if numpr is not None and _val(numpr, "w:numId"):
                self.style_num[style.style_id] = (_val(numpr, "w:numId"), int(_val(numpr, "w:ilvl", "0")))

    @staticmethod
    def _level(lvl) -> dict:
        return {"fmt": _val(lvl, "w:numFmt", "decimal"), "text": _val(lvl, "w:lvlText", ""),
                "start": int(_val(lvl, "w:start", "1")), "suff": _val(lvl, "w:suff", "tab"),
                "restart": _val(lvl, "w:lvlRestart")}

    def label(self, paragraph) -> str | None:
        """The number this paragraph shows, e.g. 第三条 or （二）; None when it is not numbered."""
        ppr = paragraph.find(qn("w:pPr"))
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id, ilvl = None, 0
        if ppr is not None and (style := _val(ppr, "w:pStyle")) in self.style_num:
            num_id, ilvl = self.style_num[style]
        if numpr is not None:
            num_id = _val(numpr, "w:numId", num_id)
            ilvl = int(_val(numpr, "w:ilvl", str(ilvl)))
        if not num_id or num_id == "0" or num_id not in self.levels:
            return None
        levels = self.levels[num_id]
        if ilvl not in levels:
            return None
        key = self.abstract_of[num_id]
        counters = self.counters.setdefault(key, [None] * 9)
        counters[ilvl] = levels[ilvl]["start"] if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            restart = levels.get(deeper, {}).get("restart")
            if restart is None or int(restart) > ilvl:
                counters[deeper] = None
        lvl = levels[ilvl]
        if lvl["fmt"] == "bullet":
            return None

        def counter(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            value = counters[k] if counters[k] is not None else levels.get(k, {}).get("start", 1)
            return format_number(value, levels.get(k, {}).get("fmt", "decimal"))

        text = re.sub(r"%(\d)", counter, lvl["text"])
        return text + (" " if lvl["suff"] in ("tab", "space") and text.startswith("第") else "")


def _paragraph_text(p) -> str:
    parts = []
    for el in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:delText")):
        if el.tag == qn("w:t"):
            parts.append(el.text or "")
        elif el.tag == qn("w:tab"):
            parts.append(" ")
        elif el.tag == qn("w:br"):
            parts.append("\n")
    return "".join(parts)


def read_docx(raw: bytes) -> Reading:
    document = Document(io.BytesIO(raw))
    numbering = Numbering(document)
    lines: list[str] = []
    resolved = 0
    for block in document.element.body.iterchildren():
        paragraphs = [block] if block.tag == qn("w:p") else list(block.iter(qn("w:p"))) if block.tag == qn("w:tbl") else []
        for p in paragraphs:
            label = numbering.label(p)
            text = _paragraph_text(p)
            if label and text.strip():
                resolved += 1
                text = label + text.lstrip()
            lines += text.split("\n")
    records = ({"kind": "automatic_numbering", "count": resolved},) if resolved else ()
    return Reading("\n".join(lines), records)
