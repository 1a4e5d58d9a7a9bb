"""Turn evaluation results into the output formats: text, json, md and docx (the last two through
the shared renderer), and write files so that a failure never leaves half a file behind."""
from __future__ import annotations


from generator.eligibility import report


def render(results: dict[str, dict], rules: dict, fmt: str, primary: str) -> str | bytes:
    """One result (a single jurisdiction) or a comparison (several, rows in the order of the
    primary jurisdiction's conditions), in the given format."""
    phrases = rules["phrases"]
    single = next(iter(results.values())) if len(results) == 1 else None
    if fmt == "json":
        return report.to_json(single if single else report.comparison(results, rules, primary))
    if fmt == "text":
        if single:
            return report.render_text("eligibility/result.txt.j2", report.context(single, phrases))
        return report.render_text("eligibility/compare.txt.j2", report.compare_context(results, rules, primary))
    return documents(results, rules, (fmt,), primary)[fmt]


def documents(results: dict[str, dict], rules: dict, formats: tuple[str, ...], primary: str,
              sample: bool = False) -> dict[str, str | bytes]:
    """The checklist or comparison in several of md and docx, from one rendering of its template;
    `sample`: made from a sample profile in examples/, so marked 示例 on every page."""
    from generator.render import render as render_document
    if len(results) == 1:
        out = render_document("eligibility/checklist.md.j2", {**report.context(next(iter(results.values())), rules["phrases"]), "sample": sample}, formats=formats)
    else:
        out = render_document("eligibility/compare.md.j2", {**report.compare_context(results, rules, primary), "sample": sample}, formats=formats)
    return {fmt: data.decode("utf-8") if fmt == "md" else data for fmt, data in out.items()}


