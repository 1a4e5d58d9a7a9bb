"""`fuhua fill` pre-fills the application form from a profile, and the browser twin
(generator/eligibility/formfill.js, run here in Node) makes the same document text."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import zipfile
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
    assert fields["applicant"] == "天津某科技企业孵化器有限公司"
    assert fields["fact:site_area"] == "5200" and fields["fact:registered_in_tianjin"] == "■是\u3000□否"
    assert fields["status:inc_site_area"] == "符合"
    assert fields["status:inc_professional_share"].startswith("不符合：还差")
    assert fields["status:inc_torch_statistics"] == "信息不足"
    assert fields["row:graduated_firms:0:name"] == "甲科技有限公司"
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
    node = require_tool("node")
    profile = load_profile(PROFILES / f"{inst_type}.yaml", rules)
    form = blank_form(policy, rules, inst_type)
    result = evaluate(rules, inst_type, policy.home_jurisdiction, profile)
    python = fill.fill_form(form, profile, result, rules, policy.home_jurisdiction)
    (tmp_path / "form.docx").write_bytes(form)
    (tmp_path / "rules.json").write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "profile.json").write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")
    script = f"""
        const fs = require("fs");
        require({json.dumps(str(ELIGIBILITY / "selfcheck.js"))});
        const F = require({json.dumps(str(ELIGIBILITY / "formfill.js"))});
        const rules = JSON.parse(fs.readFileSync("rules.json", "utf8"));
        const profile = JSON.parse(fs.readFileSync("profile.json", "utf8"));
        const result = globalThis.FuhuaSelfcheck.evaluate(rules, {json.dumps(inst_type)}, {json.dumps(policy.home_jurisdiction)}, profile);
        fs.writeFileSync("out.docx", F.fill(new Uint8Array(fs.readFileSync("form.docx")), rules, {json.dumps(policy.home_jurisdiction)}, profile, result));
    """
    subprocess.run([node, "-e", script], cwd=tmp_path, check=True, capture_output=True, timeout=60)
    browser = (tmp_path / "out.docx").read_bytes()
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
