"""`fuhua check`: formats, --compare, the worked examples, batch pre-screening and its summary,
determinism, and the command-line errors."""
from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator import PROJECT_ROOT
from generator.eligibility import evaluate, export_rules, load_profile
from generator.eligibility.build import examples as build_examples

EXAMPLES = PROJECT_ROOT / "examples" / "profiles"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("inst_type", ["makerspace", "incubator", "accelerator"])
def test_worked_example_per_type(cli, inst_type):
    code, out, err = cli("check", "--profile", EXAMPLES / f"{inst_type}.yaml", "--type", inst_type, "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["type"] == inst_type and result["jurisdiction"] == "tianjin"
    assert result["document"]["id"] == "tianjin-measures"
    assert result["applicant"]


def test_worked_examples_show_the_arithmetic(cli):
    _, out, _ = cli("check", "--profile", EXAMPLES / "makerspace.yaml", "--type", "makerspace")
    assert "入驻创业团队和企业数23家，23除以10再乘以1后向上取整，需3名；现有2名" in out and "还差1名" in out
    _, out, _ = cli("check", "--profile", EXAMPLES / "incubator.yaml", "--type", "incubator")
    assert "据企业名单按第九条（毕业企业）认定：5家" in out
    assert "请补充填报：已报送火炬统计数据的年限" in out


def test_markdown_checklist_lists_only_needed_materials(cli, tmp_path):
    own = write(tmp_path / "own.yaml", "site_rented: false\nsite_area: 600\n")
    rented = write(tmp_path / "rented.yaml", "site_rented: true\nsite_area: 600\nremaining_lease_years: 2\n")
    _, own_md, _ = cli("check", "--profile", own, "--type", "makerspace", "--format", "md")
    _, rented_md, _ = cli("check", "--profile", rented, "--type", "makerspace", "--format", "md")
    assert "场地租赁合同" not in own_md
    assert "场地租赁合同" in rented_md
    first = rented_md.index("## 一、")
    assert first < rented_md.index("还差1年") < rented_md.index("## 二、")  # failing conditions first


def test_docx_is_deterministic_and_readable(cli, tmp_path):
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    for out in (a, b):
        code, _, err = cli("check", "--profile", EXAMPLES / "incubator.yaml", "--type", "incubator", "--format", "docx", "--out", out)
        assert code == 0, err
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "市级科技企业孵化器申报量身材料清单" in body and "还差1名" in body


def test_applicant_markup_stays_text(cli, tmp_path):
    profile = write(tmp_path / "p.yaml", "applicant: '<img src=x onerror=alert(1)> & **粗体**'\n")
    _, md, _ = cli("check", "--profile", profile, "--type", "makerspace", "--format", "md")
    assert "<img" not in md and "&lt;img src=x onerror=alert(1)&gt; &amp; &#42;&#42;粗体&#42;&#42;" in md


def test_compare_side_by_side(cli):
    code, out, _ = cli("check", "--profile", EXAMPLES / "accelerator.yaml", "--type", "accelerator", "--compare", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["compare"] and set(data["results"]) == {"national", "tianjin"}
    assert data["results"]["national"]["verdict"] == "not_eligible"
    assert data["results"]["tianjin"]["verdict"] == "eligible"
    fund = next(r for r in data["rows"] if r["conditions"]["national"] == "nat_fund_size")
    assert fund["conditions"]["tianjin"] == "acc_fund_size"
    prerequisite = next(r for r in data["rows"] if r["conditions"]["tianjin"] == "acc_prerequisite")
    assert prerequisite["conditions"]["national"] is None and data["rows"][0] is prerequisite
    code, text, _ = cli("check", "--profile", EXAMPLES / "accelerator.yaml", "--type", "accelerator", "--compare")
    assert "三、3：自有或合作的孵化（加速）资金（基金）规模 ≥ 3000万元 — 不符合，还差1200万元" in text


@pytest.mark.parametrize("args,fragment", [
    (["--type", "incubatr"], "did you mean 'incubator'"),
    (["--type", "makerspace", "--jurisdiction", "national"], "has no conditions for makerspace"),
    (["--type", "makerspace", "--jurisdiction", "beijing"], "unknown jurisdiction 'beijing'"),
    (["--type", "incubator", "--compare"], "nothing to compare"),
    (["--type", "incubator", "--format", "docx"], "--format docx needs --out"),
])
def test_command_line_errors(cli, args, fragment):
    code, _, err = cli("check", "--profile", EXAMPLES / "incubator.yaml", *args)
    assert code == 2 and fragment in err and "Traceback" not in err


def test_missing_profile_file(cli, tmp_path):
    code, _, err = cli("check", "--profile", tmp_path / "nope.yaml", "--type", "incubator")
    assert code == 2 and "cannot read file" in err


def test_batch_folder_one_bad_file_skipped(cli, tmp_path, policy):
    src = tmp_path / "round"
    src.mkdir()
    shutil.copy(EXAMPLES / "incubator.yaml", src / "a.yaml")
    write(src / "b.json", json.dumps({"applicant": "乙", "site_area": 2600}, ensure_ascii=False))
    write(src / "c.yaml", "applicant: 丙\nsite_area: -3\n")
    write(src / "notes.txt", "ignored")
    out = tmp_path / "out"
    code, stdout, err = cli("check", "--profiles", src, "--type", "incubator", "--out", out)
    assert code == 1  # some applicants skipped
    assert "c.yaml:2:" in err and "must not be negative" in err
    assert "checked 2 of 3 applicants" in stdout
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "a.md", "b.docx", "b.md", "summary.csv", "summary.xlsx"]
    rows = list(csv.reader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig"))))
    header, body = rows[0], rows[1:]
    conditions = export_rules(policy)["jurisdictions"]["tianjin"]["types"]["incubator"]["conditions"]
    assert len(header) == 3 + 1 + len(conditions) + 1  # 序号 申报主体 来源 | 结论 | one per condition | 备注
    assert [r[1] for r in body] == ["示例科技企业孵化器有限公司", "乙", ""]
    assert [r[3] for r in body] == ["不符合申报条件", "尚不能判断（信息不全）", "输入有误"]
    site = header.index("第六条第二项 可自主支配的场地面积 ≥ 2500平方米")
    assert body[0][site] == "符合" and body[2][site] == ""
    share = header.index("第六条第四项 专业孵化服务人员数占机构总人数的比例 ≥ 80%")
    assert body[0][share] == "不符合：还差1名（按机构总人数不变计，占比还差10个百分点）；若同时计入机构总人数，需增加5名"  # 8/11 is 72.7%: 5 new (12/15)
    assert body[1][share] == "信息不足：缺少：专业孵化服务人员数、机构总人数"
    assert "must not be negative" in body[2][-1]
    sheet = load_workbook(out / "summary.xlsx").active
    assert [c.value for c in sheet[1]] == header
    assert sheet.max_row == 4 and sheet.cell(row=2, column=site + 1).value == "符合"


def test_batch_csv_rows(cli, tmp_path):
    out = tmp_path / "out"
    code, stdout, err = cli("check", "--profiles", EXAMPLES / "round-incubators.csv", "--type", "incubator", "--out", out)
    assert code == 0, err
    rows = list(csv.reader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig"))))
    verdicts = {r[1]: r[3] for r in rows[1:]}
    # 北辰: all met; 西青: 2400 m² < 2500 m²; 东丽: statistics, fund and graduates missing
    assert verdicts == {"示例北辰孵化器": "符合申报条件（以证明材料审核为准）", "示例西青孵化器": "不符合申报条件",
                        "示例东丽孵化器": "尚不能判断（信息不全）"}
    assert (out / "002-示例北辰孵化器.docx").exists() and (out / "004-示例东丽孵化器.md").exists()


def test_batch_csv_bad_cells_and_labels_as_headers(cli, tmp_path):
    src = write(tmp_path / "r.csv", "applicant,可自主支配的场地面积,site_rented,rd_spend_by_year\n甲,600,否,1;2;3\n乙,六百,也许,1;2\n")
    out = tmp_path / "out"
    code, _, err = cli("check", "--profiles", src, "--type", "makerspace", "--out", out)
    assert code == 1
    assert "r.csv:3:2: site_area (可自主支配的场地面积): expected a number, got text '六百'" in err
    assert "r.csv:3:3: site_rented (场地属租赁): expected true or false, got text '也许'" in err
    assert "r.csv:3:4: rd_spend_by_year (被加速企业研发投入总额（近3年逐年）): expected 3 yearly figures" in err
    rows = list(csv.reader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig"))))
    assert [r[1] for r in rows[1:]] == ["甲", ""]


def test_batch_csv_unknown_column_fails_whole_file(cli, tmp_path):
    src = write(tmp_path / "r.csv", "applicant,site_aera\n甲,600\n")
    out = tmp_path / "out"
    code, _, err = cli("check", "--profiles", src, "--type", "makerspace", "--out", out)
    assert code == 2 and "r.csv:1:2: site_aera: unknown key (did you mean 'site_area'?)" in err
    assert not out.exists()


def test_batch_needs_out(cli):
    code, _, err = cli("check", "--profiles", EXAMPLES / "round-incubators.csv", "--type", "incubator")
    assert code == 2 and "--out" in err


def test_batch_is_deterministic(cli, tmp_path):
    for name in ("one", "two"):
        cli("check", "--profiles", EXAMPLES / "round-incubators.csv", "--type", "incubator", "--out", tmp_path / name)
    for f in (tmp_path / "one").iterdir():
        assert f.read_bytes() == (tmp_path / "two" / f.name).read_bytes(), f.name
    with zipfile.ZipFile(tmp_path / "one" / "summary.xlsx") as z:  # no clock time inside
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in z.infolist())
        assert b"2024-01-01T00:00:00Z</dcterms:modified>" in z.read("docProps/core.xml")


def test_build_target_outputs(policy, tmp_path):
    class Ctx:
        examples_dir = PROJECT_ROOT / "examples"
        rules = export_rules(policy)

    Ctx.policy = policy

    files = build_examples(Ctx())
    for t in ("makerspace", "incubator", "accelerator"):
        assert f"eligibility/tailored-checklist-{t}.docx" in files and f"eligibility/tailored-checklist-{t}.md" in files
    assert "eligibility/compare-accelerator.md" in files
    assert json.loads(files["eligibility/rules.json"]) == json.loads(json.dumps(Ctx.rules, ensure_ascii=False))
    profile = load_profile(EXAMPLES / "incubator.yaml", Ctx.rules)
    assert evaluate(Ctx.rules, "incubator", "tianjin", profile)["verdict_text"] in files["eligibility/tailored-checklist-incubator.md"].decode()


FORMULAS = ["=1+2", "+SUM(A1:A9)", "-2+3", "@SUM(A1)", "\t=1+2", "\r=1+2"]


def test_batch_summary_csv_neutralises_formulas(cli, tmp_path):
    """OWASP's CSV-injection rule: a text cell starting with = + - @, a tab or a carriage return
    gets a leading single quote in summary.csv; other text and numbers are left alone."""
    src = tmp_path / "round"
    src.mkdir()
    names = [*FORMULAS, "甲-乙孵化器", "a=b", "'=already quoted"]
    for n, name in enumerate(names):
        write(src / f"p{n:02d}.json", json.dumps({"applicant": name, "site_area": 600}, ensure_ascii=False))
    out = tmp_path / "out"
    code, _, err = cli("check", "--profiles", src, "--type", "makerspace", "--out", out)
    assert code == 0, err
    with open(out / "summary.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [r[1] for r in rows[1:]] == ["'" + f for f in FORMULAS] + ["甲-乙孵化器", "a=b", "'=already quoted"]
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, len(names) + 1)]  # numbers stay numbers
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    sheet = load_workbook(out / "summary.xlsx").active  # the .xlsx keeps the name itself, as text
    assert [sheet.cell(row=r, column=2).value for r in range(2, 2 + len(FORMULAS))] == FORMULAS
    assert all(sheet.cell(row=r, column=2).data_type == "s" for r in range(2, 2 + len(FORMULAS)))
