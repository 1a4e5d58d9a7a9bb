"""The site's 政策影响测算 page: the default synthetic population (templates/impact/population.yaml)
evaluated under the current policy — counts per type, each condition's pass rate, a sweep of each
type's most binding threshold, the reward exposure — with its charts as SVG files.

It is what `fuhua impact` reports, with the current policy on both sides; the page says the data
are synthetic. generator/site/pages.py adds the page and its files to the site, unless the default
population is written for a larger policy than the workspace's (then there is no page).
"""
from __future__ import annotations

import datetime as dt

from generator.eligibility.rules import export_rules
from generator.impact import engine, population, report, sweep
from generator.impact.run import PASSING, Side, run_type
from generator.model import Policy

PAGE = "impact.md"
ASSETS = "assets/impact/"
SIZE, SEED, SWEEP_POINTS = 3000, 1, 20
TEMPLATE = "impact/site.md.j2"
SWEPT_KINDS = ("threshold", "ratio", "share")
FRONT_MATTER = "---\nsearch:\n  exclude: true\n---\n\n"


def page(policy: Policy, today: dt.date) -> tuple[str, dict[str, bytes]] | None:
    """(the page's Markdown, {site path: bytes} of its charts); None when the default population
    is written for another policy (it distributes facts this one never reads): no page then."""
    from generator.render import render_markdown, template_text

    rules = export_rules(policy)
    if population.unread_facts(None, rules, policy.vocabulary["metrics"]):
        return None
    config = population.load_config(None, rules)
    pop = population.generate(rules, config, SIZE, SEED)
    side = Side("policy/", policy, rules, policy.home_jurisdiction)
    cols = engine.columns([i.profile for i in pop.institutions], rules["facts"])
    types = [t for t in rules["types"] if side.conditions(t) and any(i.type == t for i in pop.institutions)]
    runs = [run_type(pop, cols, side, side, t) for t in types]
    curves = [c for c in (_binding_curve(side, cols, tr) for tr in runs) if c]
    rep = report.build(pop, side, side, runs, curves, config.get("grades"), SEED, today)
    images = report.chart_files(rep)
    ctx = {**report.helpers(rep.context), "size": SIZE, "seed": SEED, "assets": ASSETS}
    markdown = render_markdown(template_text(TEMPLATE, ctx), ("md",), source=TEMPLATE)["md"].decode("utf-8")
    # a demonstration on synthetic data: kept out of the search index, so a reader's search finds the texts first
    return FRONT_MATTER + markdown, {ASSETS + name: data for name, data in images.items() if name.endswith(".svg")}


def _binding_curve(side: Side, cols: engine.Columns, tr) -> dict | None:
    """The sweep of the type's threshold that the fewest institutions meet, from a tenth of its
    value to twice it (a percentage no further than 100)."""
    conditions = side.conditions(tr.type)
    candidates = [(float((tr.reform[:, k] == PASSING[0]).mean() + (tr.reform[:, k] == PASSING[1]).mean()), k)
                  for k, (_, c) in enumerate(tr.pairs) if c and c["kind"] in SWEPT_KINDS and c.get("value")]
    if not candidates:
        return None
    _, k = min(candidates)
    cond = tr.pairs[k][1]
    step = cond["value"] / 10
    stop = min(step * SWEEP_POINTS, 100) if cond.get("unit") == "%" else step * SWEEP_POINTS
    s = sweep.Sweep(cond["id"], step, stop, step)
    return sweep.curve(s, side, cols.subset(tr.index), tr.type, conditions.index(cond))
