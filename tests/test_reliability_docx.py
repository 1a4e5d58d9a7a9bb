"""Hostile text in every kind of generated .docx: XML specials, Markdown and template syntax, very
long names (with and without break opportunities), emoji, right-to-left and invisible marks,
Unicode line separators in names and fields, and control characters. Every file reopens with
python-docx with the text intact and converts with LibreOffice.

Where hostile text enters: notice and assessment inputs (`fuhua build`), applicant profiles
(`fuhua check`, single, comparison and batch), and policy/ itself (forms, checklists, reports and
the 修订对照表 of `fuhua diff`). Control characters are refused by every reader (tested in
test_reliability_inputs.py); the renderer drops them as a last line of defence (tested here)."""
from __future__ import annotations

import contextlib
import csv
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from generator import PROJECT_ROOT
from generator.build import build
from generator.cli import main
from generator.generators.notice import build_notice
from generator.policy import load_policy
from generator.render import render
from generator.render.pdf import to_pdf
from tests.conftest import require_tool
from tests.fuzzing import as_yaml, write_hostile_policy

pytestmark = pytest.mark.slow  # LibreOffice

# name -> text; each is prefixed with an ASCII marker (H1-…) so it can be found in the PDF's text
HOSTILE = {
    "xml": "A<&>\"'B ]]> &amp; &#0; <w:t>x</w:t> <![CDATA[y]]>",
    "markdown": "| * _ ` # {: .c } \\ <br> **b** [l](http://x)",
    "template": "{{ x }} {% raw %} {# c #}",
    "long": "超长的机构名称" * 300,
    "unbroken": "X" * 3000,
    "emoji": "😀👨‍👩‍👧🇨🇳👍🏽🀄",
    "rtl": "\u202eRLO\u202c \u200fRLM\u200e \u2067RLI\u2069 عربي עברית",
    "separators": "甲\u2028乙\u2029丙\x85丁",
    "invisible": "\ufeff\u200b\u200d\u2060",
}
NAMES = {kind: f"H{i}-{text}" for i, (kind, text) in enumerate(HOSTILE.items(), start=1)}
CONTROL = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xFFFE, 0xFFFF]))
CONTACT = ("unit", "person", "phone", "address", "email")
DOCS = ["forms", "checklists", "notices", "assessment-reports", "comparison-report", "periodic-reports"]


def notice() -> dict:
    names = list(NAMES.values())
    return {"publish_date": "2025-09-26", "working_days": 5, "issuer": NAMES["rtl"],
            "contact": dict(zip(CONTACT, names)),
            "institutions": [{"name": n, "type": t, "district": n, "operator": n}
                             for n, t in zip(names, ["makerspace", "incubator", "accelerator"] * 3)]}


def assessment() -> dict:
    return {"cycle": 2024, "institutions": [{"name": n, "type": "incubator", "operator": n, "municipal": {2023: "良好", 2024: "优秀"}}
                                            for n in NAMES.values()]}


def run_cli(*args) -> None:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    assert code == 0, err.getvalue()


def docx_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    parts += [p.text for s in d.sections for p in (*s.header.paragraphs, *s.footer.paragraphs)]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, Path]:
    """Every kind of .docx, generated from hostile input: {relative path: path}."""
    tmp = tmp_path_factory.mktemp("hostile-docx")
    policy, examples, out = tmp / "policy", tmp / "examples", tmp / "out"
    shutil.copytree(PROJECT_ROOT / "policy", policy)
    write_hostile_policy(policy, NAMES["xml"] + NAMES["emoji"] + NAMES["rtl"])
    for folder, data in (("notices", notice()), ("assessments", assessment())):
        (examples / folder).mkdir(parents=True)
        (examples / folder / "hostile.yaml").write_text(as_yaml(data), encoding="utf-8")
    build(policy, out, only=DOCS, examples_dir=examples)
    profile = tmp / "profile.yaml"
    profile.write_text(as_yaml({"applicant": NAMES["long"] + NAMES["rtl"], "site_area": 400, "fund_size": 2000,
                                "firms": [{"name": n, "firm_high_tech_or_specialised": True} for n in NAMES.values()]}), encoding="utf-8")
    run_cli("check", "--profile", profile, "--format", "docx", "--type", "incubator", "--out", out / "check.docx")
    run_cli("check", "--profile", profile, "--format", "docx", "--type", "accelerator", "--compare", "--out", out / "compare.docx")
    batch = io.StringIO(newline="")
    csv.writer(batch).writerows([["applicant", "site_area"], *[[n, 600] for n in NAMES.values()]])
    (tmp / "round.csv").write_text(batch.getvalue(), encoding="utf-8")
    run_cli("check", "--profiles", tmp / "round.csv", "--type", "makerspace", "--out", out / "batch")
    run_cli("diff", PROJECT_ROOT / "policy", policy, "--format", "docx", "--outputs", "none", "--out", out / "diff.docx")
    # the renderer on its own, handed control characters that no reader lets through
    context = build_notice(load_policy(), examples / "notices" / "hostile.yaml")
    for group in context["groups"]:
        for inst in group["institutions"]:
            inst["name"] = f"C{CONTROL}C"
    (out / "control.docx").write_bytes(render("notices/notice.md.j2", context)["docx"])
    return {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*.docx"))}


def test_every_kind_of_document_is_there(documents):
    kinds = {re.sub(r"-[^/]*$|\.docx$", "", rel) for rel in documents}
    assert {"forms/application", "checklists/checklist", "notices/hostile", "reports/hostile", "reports/accelerator",
            "check", "compare", "batch/002", "diff", "control"} <= kinds, kinds
    assert len([r for r in documents if r.startswith("batch/")]) == len(NAMES)


@pytest.mark.parametrize("rel, expected", [
    ("notices/hostile.docx", list(NAMES.values())),
    ("reports/hostile.docx", list(NAMES.values())),
    ("check.docx", [NAMES["long"] + NAMES["rtl"]]),
    ("compare.docx", [NAMES["long"] + NAMES["rtl"]]),
    ("forms/application-makerspace.docx", [NAMES["xml"] + NAMES["emoji"] + NAMES["rtl"]]),
    ("checklists/checklist-makerspace.docx", [NAMES["xml"] + NAMES["emoji"] + NAMES["rtl"]]),
    ("diff.docx", [NAMES["xml"] + NAMES["emoji"] + NAMES["rtl"]]),
])
def test_documents_reopen_with_the_hostile_text_intact(documents, rel, expected):
    text = docx_text(documents[rel].read_bytes())
    for name in expected:
        assert name in text, (rel, name[:40])


def test_every_document_reopens_and_carries_no_control_character(documents):
    for rel, path in documents.items():
        text = docx_text(path.read_bytes())  # python-docx parses every part it reads
        assert not re.search(f"[{re.escape(CONTROL)}]", text), rel
    assert "CC" in docx_text(documents["control.docx"].read_bytes())  # dropped, the rest of the name kept


def test_libreoffice_converts_every_document(documents, tmp_path):
    require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    (tmp_path / "in").mkdir()
    files = {rel: shutil.copy(path, tmp_path / "in" / f"{i}.docx") for i, (rel, path) in enumerate(documents.items())}
    pdfs = dict(zip(files, to_pdf(list(files.values()), tmp_path / "pdf")))
    texts = {}
    for rel, pdf in pdfs.items():
        assert pdf.exists() and pdf.stat().st_size > 1000, f"LibreOffice did not convert {rel}"
        texts[rel] = re.sub(r"\s+", "", subprocess.run([pdftotext, "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
        assert re.search("[\u4e00-\u9fff]", texts[rel]), rel
    # the notice's contact lines (paragraphs, so their text comes out in order): unit, person, phone, address, email
    for name in list(NAMES.values())[:len(CONTACT)]:
        assert re.sub(r"\s+", "", name)[:200] in texts["notices/hostile.docx"], name[:40]
