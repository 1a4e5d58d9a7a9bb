"""Running headers set in the body's size, on one-page and multi-page PDFs
(tests/fixtures/pdf_headers/make.py): each is removed and recorded, and a PDF without a header keeps
its title, whatever the page set-up (Word's defaults, narrow, GB/T 9704, a 2 cm page)."""
from pathlib import Path

import pytest

from generator.importer.draft import draft
from generator.importer.readers import read

PDFS = Path(__file__).parent / "fixtures" / "pdf_headers"
TITLE = ["某县众创空间运营补助实施细则"]
CASES = {  # name: (headers removed, title lines)
    "one-page-word-header": (1, TITLE),          # in the top margin
    "one-page-narrow-header": (1, TITLE),        # in the top margin of a 1.27 cm page
    "one-page-ruled-header": (1, TITLE),         # a rule under it (the margin alone does not tell)
    "one-page-title-header": (1, TITLE),         # it repeats the title
    "pages-word-header": (3, TITLE),             # on every page
    "one-page-wrapped-title": (1, ["某县关于支持众创空间和科技企业孵化器提升专业化服务能力的运营补助实施细则"]),  # 22 pt, wraps
    "one-page-word-no-header": (0, TITLE),
    "one-page-narrow-no-header": (0, TITLE),
    "one-page-2cm-no-header": (0, TITLE),
    "one-page-gbt9704-no-header": (0, ["某县众创空间", "运营补助实施细则"]),
    "pages-word-no-header": (0, TITLE),
    "one-page-small-top-no-header": (0, TITLE),  # in the margin zone, but the only line before 第一条
    "pages-small-bottom-no-footer": (0, TITLE),  # page 1's last lines in the margin zone, but sentences
}


def test_every_variant_is_there():
    assert {p.stem for p in PDFS.glob("*.pdf")} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_running_header_removed_title_kept(policy, name):
    removed, title = CASES[name]
    reading = read(PDFS / f"{name}.pdf")
    records = {r["kind"]: r.get("count") for r in reading.records}
    assert records.get("page_header", 0) == removed
    assert "page_footer" not in records
    assert "某县科学技术局" not in reading.text
    lines = reading.text.splitlines()
    assert lines[:len(title)] == title and lines[len(title)].startswith("第一条")
    d = draft(reading.text, f"{name}.pdf", policy, reading.records)
    assert d["text"]["header"] == title and d["meta"]["title"] == "".join(title)
    assert d["text"]["articles"][-1]["paragraphs"][-1]["text"] == "本细则自2026年3月1日起施行。"


def test_a_number_that_did_not_fit_is_a_wrap_not_a_page_break(policy):
    """Corpus text 21: 比例不低于 / 60%； — the line stops short because 60%； could not be split; the
    PDF reader joins it (line_wrap), so the structure step has no page break to guess."""
    source = Path(__file__).parent / "corpus" / "texts" / "21-nanjing-pdf-blind.pdf"
    reading = read(source)
    assert "比例不低于60%；" in reading.text.replace(" ", "")
    assert {"kind": "line_wrap", "count": 5} in reading.records
    d = draft(reading.text, source.name, policy, reading.records)
    assert not [r for r in d["meta"]["normalisations"] if r["kind"] == "page_break"]
