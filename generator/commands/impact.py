"""`fuhua impact`: what a revision does to a population of institutions.

    fuhua impact --population 名录.csv --reform ../revised-policy/ [--baseline DOC@VER|DIR] [--type T]
                 [--sweep inc_site_area=1000:5000:500 ...] [--grades 优秀=15%,良好=35%,A=10%]
                 [--format text|json|md|docx|xlsx] [--out FILE]
"""
from __future__ import annotations

import sys
from pathlib import Path

from generator.clock import add_date_option, build_date
from generator.errors import InputError
from generator.impact import engine, fiscal, population, report, sweep
from generator.impact.run import resolve_side, run_type
from generator.output import write_all_atomic
from generator.errors import display_path



def add_arguments(parser) -> None:
    parser.add_argument("--population", required=True, metavar="FILE", help="机构名录: .csv or .xlsx, one row per institution (fuhua population writes one)")
    parser.add_argument("--baseline", metavar="DOC@VER|DIR", help="the policy before (default: --policy, every document at its current version)")
    parser.add_argument("--reform", required=True, metavar="DOC@VER|DIR", help="the policy after: a version of a document, or a revised copy of policy/")
    parser.add_argument("--jurisdiction", metavar="J", help="for a policy folder: whose conditions (default: project.yaml home_jurisdiction)")
    parser.add_argument("--type", metavar="TYPE", help="only this institution type (default: every type both sides have)")
    parser.add_argument("--sweep", action="append", default=[], metavar="CONDITION=FROM:TO:STEP", help="move one threshold of the reform (repeatable)")
    parser.add_argument("--grades", metavar="SHARES", help="assumed grades for the reward exposure, e.g. 优秀=15%%,良好=35%%,A=10%% (default: the population config's)")
    parser.add_argument("--config", metavar="FILE", help="population config holding the default grades (default templates/impact/population.yaml)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="seed of the grade allocation (default 1)")
    add_date_option(parser, "the report's date")
    parser.add_argument("--format", choices=report.FORMATS, default="text", help="text (default), json, md, docx (政策影响测算报告) or xlsx (one row per institution)")
    parser.add_argument("--out", metavar="FILE", help="output file (required for docx and xlsx; md also writes its charts beside it)")


def run(args) -> int:
    if args.format in ("docx", "xlsx") and not args.out:
        raise InputError.single("--out", f"--format {args.format} writes a file: give --out FILE.{args.format}")
    today = build_date(args.date)
    sweeps = [sweep.parse(s) for s in args.sweep]
    baseline = resolve_side(args.baseline, args.policy, args.jurisdiction, "--baseline")
    reform = resolve_side(args.reform, args.policy, args.jurisdiction, "--reform")
    rules = _reading_rules(baseline, reform)
    pop = population.read(Path(args.population), rules, args.type)
    for p in pop.problems:
        print(p, file=sys.stderr)
    types = _types(baseline, reform, pop, args.type)
    cols = engine.columns([i.profile for i in pop.institutions], rules["facts"])
    runs = [run_type(pop, cols, baseline, reform, t) for t in types]
    curves = []
    for s in sweeps:
        t, position, _ = sweep.locate(s, reform, types)
        tr = next(r for r in runs if r.type == t)
        curves.append(sweep.curve(s, reform, cols.subset(tr.index), t, position))
    grades = _grades(args, baseline, reform, rules)
    rep = report.build(pop, baseline, reform, runs, curves, grades, args.seed, today)
    files = _render(rep, args.format, Path(args.out) if args.out else None)
    if args.out:
        write_all_atomic(files)
        print(f"wrote {', '.join(display_path(p) for p in files)}", file=sys.stderr)
    else:
        sys.stdout.write(next(iter(files.values())))
    return 1 if pop.problems else 0


def _reading_rules(baseline, reform) -> dict:
    """The rules a row is read and validated with: both sides' facts (a fact one side drops stays readable)."""
    return {**reform.rules, "facts": {**baseline.rules["facts"], **reform.rules["facts"]},
            "types": {**baseline.rules["types"], **reform.rules["types"]}}


def _types(baseline, reform, pop, only: str | None) -> list[str]:
    both = [t for t in reform.rules["types"] if baseline.conditions(t) and reform.conditions(t)]
    if only:
        if only not in both:
            raise InputError.single("--type", f"'{only}': both sides must have conditions for it; they share: {', '.join(both) or 'none'}")
        return [only]
    present = {i.type for i in pop.institutions}
    return [t for t in both if t in present]


def _grades(args, baseline, reform, rules) -> dict | None:
    scales = fiscal.scales(reform) or fiscal.scales(baseline)
    if scales is None:
        return None
    if args.grades:
        return fiscal.parse_grades(args.grades, scales)
    config = population.load_config(Path(args.config) if args.config else None, rules)
    return fiscal.check_grades(config.get("grades") or {}, scales, args.config or display_path(population.DEFAULT_CONFIG))


def _render(rep, fmt: str, out: Path | None) -> dict:
    if fmt == "json":
        return {out: report.to_json(rep)}
    if fmt == "text":
        return {out: report.to_text(rep)}
    if fmt == "xlsx":
        return {out: report.to_xlsx(rep)}
    images = report.chart_files(rep)
    if fmt == "docx":
        return {out: report.to_documents(rep, ("docx",), images)["docx"]}
    prefix = f"{out.stem}-" if out else ""
    md = report.to_documents(rep, ("md",), images, image_suffix="svg", prefix=prefix)["md"].decode("utf-8")
    files = {out: md}
    if out:
        files.update({out.with_name(prefix + name): data for name, data in images.items() if name.endswith(".svg")})
    return files
