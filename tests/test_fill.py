"""`fuhua fill` pre-fills the application form from a profile, and the browser twin
(generator/eligibility/formfill.js, run here in Node) makes the same document text."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from generator import PROJECT_ROOT
from generator.eligibility.evaluate import evaluate
from generator.eligibility.profile import load_profile
from generator.eligibility.rules import export_rules
from generator.generators import fill, forms
from generator.render import render
from generator.render.fields import read_fields
from tests.conftest import require_tool

ELIGIBILITY = PROJECT_ROOT / "generator" / "eligibility"
PROFILES = PROJECT_ROOT / "examples" / "profiles"
DAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def rules(policy):
    return export_rules(policy)


def blank_form(policy, rules, inst_type: str) -> bytes:
    return render("forms/application.md.j2", forms.form_context(policy, inst_type, rules, DAY), formats=("docx",))["docx"]


def document_text(docx: bytes) -> str:
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    return "".join("\n" if m.group(0) in ("<w:br/>", "</w:p>") else m.group(1)
                   for m in re.finditer(r"<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:br/>|</w:p>", xml))


def test_cli_fills_facts_firms_and_status(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("FUHUA_BUILD_DATE", DAY.isoformat())
    out = tmp_path / "申报书.docx"
    code, stdout, err = cli("fill", "--profile", PROFILES / "incubator.yaml", "--type", "incubator", "--out", out)
    assert code == 0, err
    fields = dict(read_fields(out.read_bytes()))
    assert fields["applicant"] == "示例科技企业孵化器有限公司"
    assert fields["fact:site_area"] == "5200" and fields["fact:registered_in_tianjin"] == "■是\u3000□否"
    assert fields["status:inc_site_area"] == "符合"
    assert fields["status:inc_professional_share"].startswith("不符合：还差")
    assert fields["status:inc_torch_statistics"] == "信息不足"
    assert fields["row:graduated_firms:0:name"] == "示例甲科技有限公司"
    assert fields["row:graduated_firms:1:firm_venture_funding"] == "800"
    assert fields["basic:credit_code"] == "\u3000"  # what the profile does not know stays blank to fill by hand
    text = document_text(out.read_bytes())
    assert "市级科技企业孵化器申报书" in text and "法定代表人（签字）" in text


def test_cli_refuses_what_has_no_form(cli, tmp_path):
    code, _, err = cli("fill", "--profile", PROFILES / "accelerator.yaml", "--type", "accelerator", "--jurisdiction", "national",
                       "--out", tmp_path / "x.docx")
    assert code == 2 and "no application form" in err and "Traceback" not in err
    assert not (tmp_path / "x.docx").exists()
    code, _, err = cli("fill", "--profile", PROFILES / "incubator.yaml", "--type", "incubator", "--date", "2026-13-01")
    assert code == 2 and "--date" in err


def test_series_go_to_calendar_years(policy, rules):
    profile = load_profile(PROFILES / "accelerator.yaml", rules)
    result = evaluate(rules, "accelerator", policy.home_jurisdiction, profile)
    filled = fill.fill_form(blank_form(policy, rules, "accelerator"), profile, result, rules, policy.home_jurisdiction)
    fields = dict(read_fields(filled))
    assert fields["fact:rd_spend_by_year:0"] == str(profile["rd_spend_by_year"][0])
    assert "2023年：" in document_text(filled)


@pytest.mark.parametrize("inst_type", ["makerspace", "incubator", "accelerator"])
def test_browser_fill_makes_the_same_document_text(policy, rules, inst_type, tmp_path):
    profile = load_profile(PROFILES / f"{inst_type}.yaml", rules)
    form = blank_form(policy, rules, inst_type)
    result = evaluate(rules, inst_type, policy.home_jurisdiction, profile)
    python = fill.fill_form(form, profile, result, rules, policy.home_jurisdiction)
    browser = fill_in_node(tmp_path, form, rules, profile, inst_type, policy.home_jurisdiction)
    assert read_fields(browser) == read_fields(python)
    assert document_text(browser) == document_text(python)
    assert document_text(python) != document_text(form)  # something was filled
    with zipfile.ZipFile(io.BytesIO(browser)) as z:
        assert z.testzip() is None and z.namelist() == zipfile.ZipFile(io.BytesIO(form)).namelist()


def test_tricky_values_escape_alike(policy, rules, tmp_path):
    """Markup characters, a line break and an emoji in a field come out the same from both fillers."""
    node = require_tool("node")
    form = blank_form(policy, rules, "incubator")
    profile = {"applicant": 'A&B <公司> "甲"\n乙 😀', "site_area": 1234.5, "site_rented": False}
    result = {"conditions": []}
    python = fill.fill_form(form, profile, result, rules, policy.home_jurisdiction)
    (tmp_path / "form.docx").write_bytes(form)
    (tmp_path / "rules.json").write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "profile.json").write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")
    script = f"""
        const fs = require("fs");
        const F = require({json.dumps(str(ELIGIBILITY / "formfill.js"))});
        const rules = JSON.parse(fs.readFileSync("rules.json", "utf8"));
        const profile = JSON.parse(fs.readFileSync("profile.json", "utf8"));
        fs.writeFileSync("out.docx", F.fill(new Uint8Array(fs.readFileSync("form.docx")), rules, "tianjin", profile, {{conditions: []}}));
    """
    subprocess.run([node, "-e", script], cwd=tmp_path, check=True, capture_output=True, timeout=60)
    browser = (tmp_path / "out.docx").read_bytes()
    assert read_fields(browser) == read_fields(python)
    assert dict(read_fields(python))["applicant"] == profile["applicant"]
    assert dict(read_fields(python))["fact:site_area"] == "1234.5"


def test_vendored_fflate_carries_its_licence():
    assert "MIT License" in (ELIGIBILITY / "vendor" / "fflate.LICENSE.txt").read_text(encoding="utf-8")
    assert (ELIGIBILITY / "vendor" / "fflate.js").stat().st_size > 10_000


# --- a firm list longer than the blank 附表 ------------------------------------------------------

def many_firms(incubated: int, graduated: int) -> dict:
    """A profile listing more firms than the blank 在孵企业名单/毕业企业名单 have rows."""
    names = "甲乙丙丁戊己庚辛壬癸"
    firms = [{"name": f"{names[i % 10]}{i + 1:02d}孵化企业有限公司", "firm_is_tech_sme": True,
              "firm_registered_on_site": i % 7 != 3, "firm_age_at_entry": 1 + i % 3} for i in range(incubated)]
    firms += [{"name": f"{names[i % 10]}{i + 1:02d}毕业企业有限公司", "firm_venture_funding": 100 * (i + 1)} for i in range(graduated)]
    return {"applicant": "某孵化器", "site_area": 9000, "firms": firms}


def load_profile_data(data: dict, rules: dict, tmp_path: Path) -> dict:
    path = tmp_path / "profile-many.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return load_profile(path, rules)


def schedule_rows(docx: bytes, family: str) -> list[list[tuple[str, str]]]:
    """The fields of each row of a firm table, by row index."""
    rows: dict[int, list] = {}
    for tag, value in read_fields(docx):
        parts = tag.split(":")
        if tag.startswith(f"row:{family}:"):
            rows.setdefault(int(parts[2]), []).append((parts[3], value))
    return [rows[r] for r in sorted(rows)]


def row_numbers(docx: bytes, family: str) -> list[int]:
    """The 序号 (first cell) of each table row holding the family's fields."""
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    rows = [r for r in re.findall(r"<w:tr>.*?</w:tr>", xml) if f'w:val="row:{family}:' in r]
    return [int(re.search(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", r).group(1)) for r in rows]


def fill_in_node(tmp_path: Path, form: bytes, rules: dict, profile: dict, inst_type: str, jurisdiction: str) -> bytes:
    node = require_tool("node")
    (tmp_path / "form.docx").write_bytes(form)
    (tmp_path / "rules.json").write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "profile.json").write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")
    script = f"""
        const fs = require("fs");
        require({json.dumps(str(ELIGIBILITY / "selfcheck.js"))});
        const F = require({json.dumps(str(ELIGIBILITY / "formfill.js"))});
        const rules = JSON.parse(fs.readFileSync("rules.json", "utf8"));
        const profile = JSON.parse(fs.readFileSync("profile.json", "utf8"));
        const result = globalThis.FuhuaSelfcheck.evaluate(rules, {json.dumps(inst_type)}, {json.dumps(jurisdiction)}, profile);
        fs.writeFileSync("out.docx", F.fill(new Uint8Array(fs.readFileSync("form.docx")), rules, {json.dumps(jurisdiction)}, profile, result));
    """
    subprocess.run([node, "-e", script], cwd=tmp_path, check=True, capture_output=True, timeout=60)
    return (tmp_path / "out.docx").read_bytes()


@pytest.mark.parametrize("incubated, graduated", [(3, 2), (10, 6), (11, 7), (37, 19)])
def test_every_firm_gets_a_row_however_many(policy, rules, incubated, graduated, tmp_path):
    form = blank_form(policy, rules, "incubator")
    blank = {f: len(schedule_rows(form, f)) for f in ("incubated_firms", "graduated_firms")}
    assert blank["incubated_firms"] > 0 and blank["graduated_firms"] > 0
    profile = load_profile_data(many_firms(incubated, graduated), rules, tmp_path)
    result = evaluate(rules, "incubator", policy.home_jurisdiction, profile)
    filled = fill.fill_form(form, profile, result, rules, policy.home_jurisdiction)
    for family, n, word in (("incubated_firms", incubated, "孵化"), ("graduated_firms", graduated, "毕业")):
        rows = schedule_rows(filled, family)
        assert len(rows) == max(n, blank[family])  # rows added, never fewer than the blank table
        names = [dict(r)["name"] for r in rows]
        assert names[:n] == [f["name"] for f in profile["firms"] if word in f["name"]]  # none dropped, in order
        assert all(x == "\u3000" for x in names[n:])  # spare blank rows stay blank
    numbers = row_numbers(filled, "incubated_firms")
    assert numbers == list(range(1, max(incubated, blank["incubated_firms"]) + 1))  # numbered 1..n, no gap, no repeat
    before, after = Counter(t for t, _ in read_fields(form)), Counter(t for t, _ in read_fields(filled))
    added = after - before
    assert all(n == 1 and t not in before for t, n in added.items())  # every added field has a tag of its own
    assert before - after == Counter()  # and nothing of the blank form is lost
    assert fill.fill_form(form, profile, result, rules, policy.home_jurisdiction) == filled  # deterministic


def test_browser_adds_the_same_rows(policy, rules, tmp_path):
    form = blank_form(policy, rules, "incubator")
    profile = load_profile_data(many_firms(37, 19), rules, tmp_path)
    result = evaluate(rules, "incubator", policy.home_jurisdiction, profile)
    python = fill.fill_form(form, profile, result, rules, policy.home_jurisdiction)
    browser = fill_in_node(tmp_path, form, rules, profile, "incubator", policy.home_jurisdiction)
    assert len(schedule_rows(browser, "incubated_firms")) == 37
    assert read_fields(browser) == read_fields(python)
    assert document_text(browser) == document_text(python)
    assert document_xml(browser) == document_xml(python)  # the rows' keep-with-next too


def document_xml(docx: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize("incubated", [9, 11, 34])
def test_only_the_second_to_last_row_keeps_with_the_next(policy, rules, incubated, tmp_path):
    """As in the blank table, the grown table's second-to-last row (and no other) keeps with the
    last, so no page holds the last row alone (tests/test_layout_contract.py renders it)."""
    form = blank_form(policy, rules, "incubator")
    profile = load_profile_data(many_firms(incubated, 2), rules, tmp_path)
    result = evaluate(rules, "incubator", policy.home_jurisdiction, profile)
    for docx in (form, fill.fill_form(form, profile, result, rules, policy.home_jurisdiction)):
        rows = [r for r in re.findall(r"<w:tr>.*?</w:tr>", document_xml(docx)) if 'w:val="row:incubated_firms:' in r]
        assert ["<w:keepNext/>" in r for r in rows] == [i == len(rows) - 2 for i in range(len(rows))]


@pytest.mark.slow
@pytest.mark.parametrize("filler", ["python", "node"])
def test_line_breaks_in_a_field_survive_libreoffice(policy, rules, filler, tmp_path):
    """A multi-line value shows on separate lines once LibreOffice renders the form (it dropped the
    w:br inside a plain-text content control), and the blank opinion box keeps its height."""
    require_tool("soffice")
    import pdfplumber
    from generator.render.pdf import to_pdf
    form = blank_form(policy, rules, "incubator")
    lines = ["示例甲乙丙丁有限公司", "示例戊己庚辛有限公司", "示例壬癸有限公司"]
    profile = {"applicant": "\n".join(lines)}
    if filler == "python":
        filled = fill.fill_form(form, profile, {"conditions": []}, rules, policy.home_jurisdiction)
    else:
        filled = fill_in_node(tmp_path, form, rules, profile, "incubator", policy.home_jurisdiction)
    (tmp_path / "filled.docx").write_bytes(filled)
    [pdf] = to_pdf([tmp_path / "filled.docx"], tmp_path / "pdf")
    with pdfplumber.open(pdf) as doc:
        text = [ln.strip() for page in doc.pages for ln in (page.extract_text() or "").split("\n")]
        cover = doc.pages[0].extract_words()
    for line in lines:
        assert any(t.endswith(line) and not any(o in t for o in lines if o != line) for t in text), (line, text[:12])
    tops = sorted({round(w["top"]) for w in cover if any(w["text"].endswith(x) for x in lines)})
    assert len(tops) == 3
