"""The 政策影响测算 report: one context from a reform run, rendered as text, json, Markdown and
.docx (templates/impact/report.*.j2 through the shared renderer, charts as pictures, the
synthetic-data caveat in the page header), and an .xlsx with one row per institution.

Everything is computed once in `build()`; the formats only lay it out.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache

from generator import TEMPLATES_DIR
from generator.eligibility.report import render_text
from generator.impact import charts, engine, fiscal
from generator.impact.population import Population
from generator.impact.run import Side, TypeRun, summary, switch_reasons
from generator.yamlio import load_file

PHRASES_FILE = TEMPLATES_DIR / "impact" / "phrases.yaml"
TEMPLATE = "impact/report.md.j2"
TEXT_TEMPLATE = "impact/report.txt.j2"
FORMATS = ("text", "json", "md", "docx", "xlsx")


@lru_cache(maxsize=1)
def phrases() -> dict:
    return load_file(PHRASES_FILE)[0]


@dataclass(frozen=True)
class Report:
    context: dict
    runs: list = field(default_factory=list)  # TypeRun per type
    population: Population | None = None


def _side(side: Side) -> dict:
    doc = side.document
    return {"label": side.label, "title": doc["title"], "cited_title": doc["cited_title"], "name": doc["name"],
            "status": doc.get("status"), "draft_status": doc.get("draft_status"),
            "version": doc["version"], "jurisdiction": side.jurisdiction}


def _condition_label(c: dict | None) -> str | None:
    return f"{c['citation']} {c['requirement']}" if c else None


def build(pop: Population, baseline: Side, reform: Side, runs: list[TypeRun], curves: list[dict], grades: dict | None,
          seed: int, today: dt.date) -> Report:
    words = phrases()
    types = []
    for tr in runs:
        s = summary(tr, pop)
        for row in s["conditions"]:
            row["label"] = _condition_label(row["reform_condition"]) or _condition_label(row["base_condition"])
            row["base_label"] = _condition_label(row["base_condition"])
            row["changed"] = row["base_label"] != _condition_label(row["reform_condition"])
        s["switchers"] = [{"from": words["verdict"][a], "to": words["verdict"][b], "from_id": a, "to_id": b, **v,
                           "conditions": [{**c, "label": s["conditions"][c["pair"]]["label"]} for c in v["conditions"]]}
                          for (a, b), v in s["switchers"].items()]
        s["districts"] = [{"name": d, **v} for d, v in s["districts"].items()]
        types.append(s)
    for k, c in enumerate(curves, start=1):
        c["title"] = f"{c['type_name']}：{c['condition']['citation']} {c['condition']['requirement']}"
        c["image"] = f"sweep-{k}.png"
        c["svg"] = f"sweep-{k}.svg"
        base = {x["id"]: x for x in baseline.conditions(c["type"])}.get(c["condition"]["id"])
        c["marker"] = "current" if base and base.get("value") == c["current"] else "reform_value"
    exposure = None
    if grades is not None:
        exposure = {"base": fiscal.exposure(baseline, pop, runs, False, grades, seed),
                    "reform": fiscal.exposure(reform, pop, runs, True, grades, seed), "grades": grades}
        if exposure["base"] is None and exposure["reform"] is None:
            exposure = None
    context = {
        "date": today, "baseline": _side(baseline), "reform": _side(reform),
        "population": {"source": pop.source, "synthetic": pop.synthetic, "n": len(pop.institutions),
                       "skipped": len(pop.problems), "problems": [str(p) for p in pop.problems[:20]]},
        "types": types, "curves": curves, "fiscal": exposure, "words": words,
        "caveat": words["synthetic_caveat"] if pop.synthetic else None,
        "verdicts": engine.VERDICTS,
    }
    return Report(context, runs, pop)


# --- formats ---------------------------------------------------------------------------------------

def chart_files(report: Report) -> dict[str, bytes]:
    """name -> bytes of every chart (PNG for the .docx, SVG for Markdown and the site)."""
    ctx = report.context
    words = ctx["words"]["chart"]
    out = {}
    if ctx["types"]:
        drawn = charts.counts_chart(ctx["types"], words)
        out["counts.png"], out["counts.svg"] = drawn["png"], drawn["svg"]
    for c in ctx["curves"]:
        drawn = charts.sweep_chart(c, words)
        out[c["image"]], out[c["svg"]] = drawn["png"], drawn["svg"]
    return out


def to_json(report: Report) -> str:
    ctx = dict(report.context)
    ctx.pop("words")
    return json.dumps(ctx, ensure_ascii=False, indent=2, default=str) + "\n"


def helpers(ctx: dict) -> dict:
    """The context with the number helpers the templates use (pct, chg)."""
    return {**ctx, "pct": percent, "chg": change}


def to_text(report: Report) -> str:
    return render_text(TEXT_TEMPLATE, helpers(report.context))


def to_documents(report: Report, formats: tuple[str, ...], images: dict[str, bytes], image_suffix: str = "png",
                 prefix: str = "") -> dict[str, bytes]:
    """md and/or docx from one rendering of the template; pictures named prefix + counts.png etc."""
    from generator.render import render_markdown, template_text

    ctx = helpers({**report.context, "image_suffix": image_suffix, "image_prefix": prefix})
    text = template_text(TEMPLATE, ctx)
    media = {prefix + name: data for name, data in images.items() if name.endswith(".png")}
    return render_markdown(text, formats, layout="form", source=TEMPLATE, media=media, header=report.context["caveat"])


def to_xlsx(report: Report) -> bytes:
    """One row per institution: its descriptive columns, both verdicts, and what made it switch."""
    from generator.eligibility.summary import fixed_xlsx

    ctx, words = report.context, report.context["words"]
    b, r = ctx["baseline"], ctx["reform"]
    head = ["序号", "机构名称", "类型", "所在区", "运营主体", f"基线：{b['name']}", f"修订方案：{r['name']}",
            "是否变化", "导致变化的条件"]
    rows = [head]
    n = 0
    for tr in report.runs:
        for pos, i in enumerate(tr.index):
            inst = report.population.institutions[int(i)]
            vb, vr = int(tr.base_verdict[pos]), int(tr.reform_verdict[pos])
            reasons = "；".join(_condition_label(tr.pairs[k][1] or tr.pairs[k][0]) for k in switch_reasons(tr, pos)) if vb != vr else ""
            n += 1
            rows.append([n, inst.name, tr.type_name, inst.district or "", inst.operator,
                         words["verdict"][engine.VERDICTS[vb]], words["verdict"][engine.VERDICTS[vr]],
                         "是" if vb != vr else "否", reasons])
    return fixed_xlsx("逐家测算", rows, {1: 7, 2: 16, 3: 14, 4: 10, 5: 16, 6: 22, 7: 22, 8: 9, 9: 60})


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def change(a: int, b: int) -> str:
    d = b - a
    return f"+{d}" if d > 0 else str(d)

