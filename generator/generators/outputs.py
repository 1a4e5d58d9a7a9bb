"""The build targets' produce functions: context -> {relative output path: bytes}.

Output layout (English slugs; .docx and .md of the same stem):
    forms/application-<type>          checklists/checklist-<type>
    notices/<input file stem>         reports/<input file stem>  (assessment inputs)
    reports/<type>-comparison         reports/<type>-report-<quarterly|annual>
"""
from __future__ import annotations

from generator.errors import InputError
from generator.generators import assessment as assessment_ctx
from generator.generators import comparison as comparison_ctx
from generator.generators import forms as form_ctx
from generator.generators import notice as notice_ctx
from generator.generators import reports as report_ctx
from generator.render import render

PERIOD_SLUGS = {"季度": "quarterly", "年度": "annual", "月度": "monthly", "半年度": "half-yearly"}


def _files(stem: str, template: str, context: dict) -> dict[str, bytes]:
    return {f"{stem}.{ext}": data for ext, data in render(template, context).items()}


def forms(ctx) -> dict[str, bytes]:
    out = {}
    for t in form_ctx.types(ctx.policy):
        out.update(_files(f"forms/application-{t}", "forms/application.md.j2", form_ctx.form_context(ctx.policy, t, ctx.rules, ctx.today)))
    return out


def checklists(ctx) -> dict[str, bytes]:
    out = {}
    for t in form_ctx.types(ctx.policy):
        out.update(_files(f"checklists/checklist-{t}", "checklists/checklist.md.j2", form_ctx.form_context(ctx.policy, t, ctx.rules, ctx.today)))
    return out


def _each_input(ctx, folder: str, build_context, template: str, out_folder: str) -> dict[str, bytes]:
    """One document per YAML file in examples/<folder>; every file's problems are reported together.
    The inputs there are samples, so each document is marked 示例 (`sample`, templates/_macros.md.j2)."""
    out, problems = {}, []
    for path in sorted((ctx.examples_dir / folder).glob("*.yaml")):
        try:
            out.update(_files(f"{out_folder}/{path.stem}", template, {**build_context(ctx.policy, path), "sample": True}))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return out


def notices(ctx) -> dict[str, bytes]:
    return _each_input(ctx, "notices", notice_ctx.build_notice, "notices/notice.md.j2", "notices")


def assessments(ctx) -> dict[str, bytes]:
    return _each_input(ctx, "assessments", assessment_ctx.build_assessment, "reports/assessment.md.j2", "reports")


def comparison(ctx) -> dict[str, bytes]:
    if comparison_ctx.sides(ctx.policy) is None:
        return {}
    return _files(comparison_ctx.report_name(ctx.policy), "reports/comparison.md.j2", comparison_ctx.comparison_context(ctx.policy, ctx.rules))


def periodic_reports(ctx) -> dict[str, bytes]:
    out = {}
    for duty in report_ctx.report_duties(ctx.policy):
        for n, period in enumerate(duty.periods, start=1):
            slug = PERIOD_SLUGS.get(period, f"period-{n}")
            out.update(_files(f"reports/{duty.institution_type}-report-{slug}", "reports/periodic-report.md.j2",
                              report_ctx.report_context(ctx.policy, duty, period, ctx.rules, ctx.today)))
    return out
