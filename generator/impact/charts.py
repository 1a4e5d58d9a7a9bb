"""Charts of a reform run, drawn with matplotlib as SVG (site) and PNG (the .docx), byte for byte
the same on every run: no dates or software names in the metadata, a fixed SVG id salt, glyphs
as paths. Chinese text needs a CJK font, found through fontconfig (fonts-noto-cjk on Debian);
none is ever downloaded, and without one the chart is refused with a clear message.

All words on a chart come from templates/impact/phrases.yaml.
"""
from __future__ import annotations

import io
import shutil
import subprocess
from functools import lru_cache

from generator.errors import InputError

FONT_QUERY = ":lang=zh-cn"
COLOURS = {"pass": "#1f5fa8", "eligible": "#2e8b57", "current": "#b22222", "base": "#9aa7b4", "reform": "#1f5fa8"}


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """The file of a font with Chinese glyphs, as fontconfig resolves it."""
    fc = shutil.which("fc-match")
    path = ""
    if fc:
        out = subprocess.run([fc, "-f", "%{file}", FONT_QUERY], capture_output=True, text=True, check=False)
        path = out.stdout.strip()
        lang = subprocess.run([fc, "-f", "%{lang}", FONT_QUERY], capture_output=True, text=True, check=False).stdout
        if "zh-cn" not in lang.split("|"):
            path = ""
    if not path:
        raise InputError.single("charts", "no font with Chinese glyphs found by fontconfig; install fonts-noto-cjk (Debian) "
                                          "or another CJK font, then run again")
    return path


@lru_cache(maxsize=1)
def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    path = cjk_font()
    font_manager.fontManager.addfont(path)
    name = font_manager.FontProperties(fname=path).get_name()
    matplotlib.rcParams.update({"font.family": [name], "svg.hashsalt": "fuhua", "svg.fonttype": "path",
                                "axes.unicode_minus": False, "font.size": 10})
    return plt


def _save(fig) -> dict[str, bytes]:
    out = {}
    for fmt, meta in (("svg", {"Date": None, "Creator": None}), ("png", {"Software": None})):
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=150, metadata=meta, bbox_inches="tight")
        out[fmt] = buf.getvalue()
    _pyplot().close(fig)
    return out


def sweep_chart(curve: dict, words: dict) -> dict[str, bytes]:
    """Pass rate of the condition and share eligible against the threshold; the current value marked."""
    plt = _pyplot()
    n = curve["n"] or 1
    xs = [p["value"] for p in curve["points"]]
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(xs, [100 * p["pass"] / n for p in curve["points"]], marker="o", ms=3, color=COLOURS["pass"], label=words["pass"])
    ax.plot(xs, [100 * p["eligible"] / n for p in curve["points"]], marker="s", ms=3, color=COLOURS["eligible"], label=words["eligible"])
    ax.axvline(curve["current"], color=COLOURS["current"], linestyle="--", linewidth=1)
    ax.annotate(words[curve.get("marker", "current")], (curve["current"], 100), textcoords="offset points", xytext=(4, -12),
                color=COLOURS["current"], fontsize=8)
    ax.set_ylim(0, 104)
    ax.set_xlabel(f"{words['threshold']}（{curve['unit']}）" if curve["unit"] else words["threshold"])
    ax.set_ylabel(words["share"])
    ax.set_title(curve["title"], fontsize=10)
    ax.grid(True, linewidth=0.3)
    ax.legend(loc="best", fontsize=8)
    return _save(fig)


def counts_chart(types: list[dict], words: dict) -> dict[str, bytes]:
    """Institutions eligible per type, baseline beside reform."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    names = [t["type_name"] for t in types]
    xs = range(len(types))
    width = 0.38
    for offset, side, colour in ((-width / 2, "base", COLOURS["base"]), (width / 2, "reform", COLOURS["reform"])):
        values = [t[side]["eligible"] for t in types]
        bars = ax.bar([x + offset for x in xs], values, width, label=words[side], color=colour)
        ax.bar_label(bars, fontsize=8)
    ax.set_xticks(list(xs), names)
    ax.set_ylabel(words["eligible_count"])
    ax.set_title(words["counts_title"], fontsize=10)
    ax.legend(fontsize=8)
    ax.margins(y=0.15)
    return _save(fig)
