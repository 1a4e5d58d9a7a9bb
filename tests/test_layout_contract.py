"""The layout contract (templates/README.md) over every generated kind of .docx: each is converted
with LibreOffice and its PDF pages are read back (tests/layout_contract.py)."""
from __future__ import annotations

import pytest

from generator import PROJECT_ROOT
from generator.build import build
from generator.render.pdf import to_pdf
from tests import layout_contract as lc
from tests.conftest import require_tool

pytestmark = pytest.mark.slow  # LibreOffice renders every document

HEADING_SIZE = 17  # pt: form headings are 18 pt (二号 is 22); body text is 14 pt at most
COVERED = ("application-",)  # kinds with a cover page (no page number on it)


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """{stem: (docx path, layout, pages)} for every .docx the build writes (the site's copies aside)."""
    require_tool("soffice")
    out = tmp_path_factory.mktemp("layout") / "build"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FUHUA_BUILD_DATE", "2026-11-23")
        build(None, out, only=["forms", "checklists", "notices", "assessment-reports", "comparison-report",
                               "periodic-reports", "eligibility", "crossref"])
    docs = sorted(d for d in out.rglob("*.docx") if "site" not in d.relative_to(out).parts)
    pdfs = to_pdf(docs, out.parent / "pdf")
    result = {}
    for docx, pdf in zip(docs, pdfs):
        layout = lc.layout_of(docx)
        result[docx.stem] = (docx, layout, lc.read_pdf(pdf, layout))
    return result


def test_every_kind_is_checked(documents):
    kinds = {"application-makerspace", "application-incubator", "application-accelerator", "checklist-incubator",
             "notice-2025", "assessment-2024", "accelerator-comparison", "accelerator-report-annual", "crossref",
             "tailored-checklist-incubator", "compare-accelerator"}
    assert kinds <= set(documents)


def _all(documents, check) -> list[str]:
    return [p for name, (docx, layout, pages) in sorted(documents.items()) for p in check(name, docx, layout, pages)]


def test_no_text_outside_the_text_area(documents):
    assert _all(documents, lambda n, d, layout, pages: lc.text_outside_area(n, pages, layout)) == []


def test_samples_say_so_on_every_page_and_nothing_else_does(documents):
    """What the build makes from examples/ (notices, assessments, the sample profiles' checklists and
    comparisons) is marked 示例 at the top of every page; the blank forms and the rest never are."""
    examples = PROJECT_ROOT / "examples"
    samples = {p.stem for sub in ("notices", "assessments") for p in (examples / sub).glob("*.yaml")}
    samples |= {f"{kind}-{p.stem}" for kind in ("tailored-checklist", "compare") for p in (examples / "profiles").glob("*.yaml")}
    assert {"notice-2025", "assessment-2024", "tailored-checklist-incubator", "compare-accelerator"} <= samples & set(documents)
    assert _all(documents, lambda n, d, layout, pages: lc.sample_mark(n, pages, n in samples)) == []


def test_no_page_holds_only_a_signature_block(documents):
    assert _all(documents, lambda n, d, layout, pages: lc.lonely_signature(n, pages)) == []


def test_no_page_holds_a_single_table_row(documents):
    assert _all(documents, lambda n, d, layout, pages: lc.lonely_row(n, pages)) == []


def test_headings_stay_with_what_follows(documents):
    assert _all(documents, lambda n, d, layout, pages: lc.stranded_heading(n, pages, HEADING_SIZE)) == []


def test_signature_and_date_lines_never_wrap(documents):
    assert _all(documents, lambda n, d, layout, pages: lc.wrapped_signature(n, pages)) == []


def test_cover_has_no_page_number_and_other_pages_do(documents):
    assert _all(documents, lambda n, d, layout, pages: lc.page_numbers(n, pages, n.startswith(COVERED))) == []


def test_wide_tables_are_landscape_and_tables_never_touch(documents):
    assert _all(documents, lambda n, d, layout, pages: lc.wide_tables_landscape(n, d)) == []


# --- forms pre-filled by `fuhua fill` with more firms than the blank 附表 have rows -------------------

FIRM_COUNTS = ((34, 16), (37, 19), (39, 21))  # 34 and 39 left the list's last row alone over its note


@pytest.fixture(scope="module")
def filled(documents, policy, tmp_path_factory):
    """{name: (docx path, layout, pages)} for the incubator form filled with long firm lists."""
    from generator.eligibility.evaluate import evaluate
    from generator.eligibility.rules import export_rules
    from generator.generators import fill
    from tests.test_fill import load_profile_data, many_firms
    out = tmp_path_factory.mktemp("filled")
    rules = export_rules(policy)
    form = documents["application-incubator"][0].read_bytes()
    paths = []
    for incubated, graduated in FIRM_COUNTS:
        profile = load_profile_data(many_firms(incubated, graduated), rules, out)
        result = evaluate(rules, "incubator", policy.home_jurisdiction, profile)
        path = out / f"filled-incubator-{incubated}.docx"
        path.write_bytes(fill.fill_form(form, profile, result, rules, policy.home_jurisdiction))
        paths.append(path)
    pdfs = to_pdf(paths, out / "pdf")
    return {p.stem: (p, "form", lc.read_pdf(pdf, "form")) for p, pdf in zip(paths, pdfs)}


def test_filled_forms_keep_the_contract(filled):
    assert len(filled) == len(FIRM_COUNTS)
    for name, (docx, layout, pages) in filled.items():
        assert sum("附表1" in ln.text for p in pages for ln in p.lines) >= 1, name
    checks = (lambda n, d, layout, pages: lc.lonely_row(n, pages),
              lambda n, d, layout, pages: lc.lonely_signature(n, pages),
              lambda n, d, layout, pages: lc.text_outside_area(n, pages, layout),
              lambda n, d, layout, pages: lc.stranded_heading(n, pages, HEADING_SIZE),
              lambda n, d, layout, pages: lc.wrapped_signature(n, pages),
              lambda n, d, layout, pages: lc.page_numbers(n, pages, True))
    assert [p for check in checks for p in _all(filled, check)] == []
