"""GB/T 9704's remedy for a 署名 that would stand alone on the notice's last page: the line spacing
is adjusted (generator/render/pagination.py) so that body text shares the page with it. Tested on
notices of many lengths, short and long lists, long names and attachments: the model's choice in
every case, and (slow) LibreOffice's pages for a spread of them."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from generator.generators.notice import build_notice
from generator.render import blocks as B
from generator.render import pagination, reference_path, render, template_text
from generator.render.docx import column_widths, load_reference

DISTRICTS = ["滨海新区", "和平区", "西青区", "东丽区", "津南区", "河北区", "南开区", "武清区"]
TYPES = ["makerspace", "incubator", "accelerator"]


def notice_input(tmp_path: Path, n: int, long: bool = False, attachments: bool = False) -> Path:
    """A notice input listing n invented institutions (long names and operators when `long`)."""
    institutions = [{"name": f"示例{'科技创新创业孵化服务中心' if long and i % 3 == 0 else ''}第{i + 1}号机构",
                     "type": TYPES[i % 3], "district": DISTRICTS[i % 8],
                     "operator": f"示例{'某某产业园区投资开发建设' if long and i % 2 else ''}服务有限公司"} for i in range(n)]
    data = {"publish_date": "2025-09-26", "working_days": 5,
            "contact": {"unit": "示例市科学技术局（示例处室）", "person": "王老师（示例）", "phone": "000-00000000"},
            "institutions": institutions}
    if attachments:
        data["attachments"] = ["拟确认机构基本情况", "评审专家意见汇总"]
    path = tmp_path / f"notice-{n}{'-long' if long else ''}{'-att' if attachments else ''}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


CASES = [(n, False, False) for n in range(1, 46)] + [(n, True, True) for n in range(1, 61, 3)] + [(n, False, True) for n in range(5, 40, 4)]


@pytest.fixture(scope="module")
def reference():
    return load_reference(str(reference_path("official")))


def layout(policy, path: Path, ref, pitch: int | None = None):
    blocks = B.parse(template_text("notices/notice.md.j2", build_notice(policy, path)))
    widths = (lambda t: column_widths(t, ref.text_width, ref.table_font))
    chosen = pagination.remedy(blocks, ref.grid, widths)
    flow = pagination.units(blocks, ref.grid, pitch or chosen or ref.grid.pitch, widths)
    return chosen, pagination.paginate(flow, ref.grid.area), pagination.paginate(pagination.units(blocks, ref.grid, ref.grid.pitch, widths), ref.grid.area)


def test_the_spacing_changes_exactly_where_the_signature_would_stand_alone(policy, reference, tmp_path):
    """Kept where the closing block has body above it and room below it on the standard grid;
    changed (20 to 24 lines a page) where it has not, and then it has."""
    pitch0 = reference.grid.pitch
    remedied = kept = 0
    for n, long, att in CASES:
        pitch, after, before = layout(policy, notice_input(tmp_path, n, long, att), reference)
        roomy = not before.closing_alone and before.body_above >= pagination.ABOVE * pitch0 and before.free_below >= pagination.BELOW * pitch0
        assert (pitch is None) == roomy, (n, long, att, pitch, before)
        if pitch is None:
            kept += 1
        else:
            remedied += 1
            assert pitch != pitch0 and pagination.MIN_LINES <= round(reference.grid.area / pitch) <= pagination.MAX_LINES
            assert not after.closing_alone and after.body_above >= pagination.ABOVE * pitch and after.free_below >= pagination.BELOW * pitch, \
                (n, long, att, pitch, after)
    assert remedied >= 5 and kept >= 40, (remedied, kept)


def styles_and_grid(docx: bytes) -> tuple[str, str]:
    z = zipfile.ZipFile(io.BytesIO(docx))
    return z.read("word/styles.xml").decode("utf-8"), z.read("word/document.xml").decode("utf-8")


def normal_line(styles: str) -> int:
    return int(re.search(r'w:styleId="Normal".*?w:line="(\d+)"', styles, re.S).group(1))


def test_the_chosen_spacing_is_written_into_the_document(policy, reference, tmp_path):
    by_pitch = {}
    for n in range(1, 20):
        path = notice_input(tmp_path, n)
        pitch, _, _ = layout(policy, path, reference)
        docx = render("notices/notice.md.j2", build_notice(policy, path), formats=("docx",))["docx"]
        styles, document = styles_and_grid(docx)
        want = pitch or reference.grid.pitch
        assert normal_line(styles) == want and f'w:linePitch="{want}"' in document
        assert re.search(r'w:styleId="Title".*?w:after="(\d+)"', styles, re.S).group(1) == str(want)
        assert render("notices/notice.md.j2", build_notice(policy, path), formats=("docx",))["docx"] == docx  # deterministic
        by_pitch.setdefault(pitch is None, n)
    assert set(by_pitch) == {True, False}


def test_documents_without_a_closing_block_keep_the_grid(reference):
    """Only a `.closing` block asks for the remedy."""
    lines = "\n\n".join("这是一段正文。" * 3 for _ in range(21))
    blocks = B.parse(lines + "\n\n　\n\n某某局\n{: .right }\n\n2025年1月1日\n{: .right }\n")
    widths = (lambda t: column_widths(t, reference.text_width, reference.table_font))
    assert pagination.remedy(blocks, reference.grid, widths) is None
    closing = B.parse(lines + "\n\n　\n{: .closing }\n\n某某局\n{: .right .keep }\n\n2025年1月1日\n{: .right }\n")
    pitch = pagination.remedy(closing, reference.grid, widths)  # 21 lines + 3: the 署名 would go over alone
    assert pitch is not None and pitch != reference.grid.pitch
    after = pagination.paginate(pagination.units(closing, reference.grid, pitch, widths), reference.grid.area)
    assert not after.closing_alone and after.body_above >= pitch


# --- what LibreOffice makes of it -------------------------------------------------------------

LO_CASES = [(1, False, False), (9, False, False), (10, False, False), (11, False, False), (13, False, False),
            (33, False, False), (34, False, False), (45, False, False), (4, True, True), (19, True, True),
            (31, True, True), (43, True, True), (55, True, True)]
SIGNATURE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


@pytest.mark.slow
def test_libreoffice_never_leaves_the_signature_alone(policy, reference, tmp_path):
    from tests.conftest import require_tool
    from tests.layout_contract import lonely_signature, read_pdf
    from generator.render.pdf import to_pdf
    require_tool("soffice")
    files, pitches = [], {}
    for n, long, att in LO_CASES:
        path = notice_input(tmp_path, n, long, att)
        pitches[path.stem], _, _ = layout(policy, path, reference)
        out = tmp_path / f"{path.stem}.docx"
        out.write_bytes(render("notices/notice.md.j2", build_notice(policy, path), formats=("docx",))["docx"])
        files.append(out)
    assert any(pitches.values()) and not all(pitches.values())
    for pdf in to_pdf(files, tmp_path / "pdf"):
        pages = read_pdf(pdf, "official")
        assert lonely_signature(pdf.stem, pages) == []
        body = [ln for ln in pages[-1].lines if not re.match(r"^[—–-]\s*\d+\s*[—–-]$", ln.text)]
        date = next(i for i, ln in enumerate(body) if SIGNATURE.match(ln.text))
        issuer = date - 1  # the 署名, on the date's page
        assert issuer >= 0 and body[issuer].text == policy.home.issuer, (pdf.stem, [x.text for x in body])
        text_above = [ln for ln in body[:issuer] if ln.text.strip("　 ")]
        assert text_above, f"{pdf.stem}: the last page holds only the 署名 and date"
        pitch = pitches[pdf.stem]
        if pitch:  # LibreOffice set the body on the chosen spacing
            tops = [ln.top for ln in pages[0].lines if ln.size == 16 and not ln.in_table]
            steps = [round(b - a, 1) for a, b in zip(tops, tops[1:])]
            assert min(steps) == pytest.approx(pitch / 20, abs=0.3), (pdf.stem, steps)
