"""The generated documents: content from policy/, the notice and assessment inputs, bad input."""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from generator import PROJECT_ROOT
from generator.build import build
from generator.generators.assessment import consecutive_failures
from generator.generators.comparison import verdict
from generator.generators.notice import CalendarNotCovered, working_day_end

EXAMPLES = PROJECT_ROOT / "examples"
MY_TARGETS = ["forms", "checklists", "notices", "assessment-reports", "comparison-report", "periodic-reports"]


def docx_text(data: bytes) -> str:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build of everything: {relative path: bytes}."""
    from generator.build import build
    out = tmp_path_factory.mktemp("build")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FUHUA_BUILD_DATE", "2026-11-23")  # forms count calendar years back from the build date
        build(None, out, only=MY_TARGETS)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")}


def texts(built: dict) -> dict[str, str]:
    """Each document's text, from the .md and from the .docx."""
    out = {}
    for rel, data in built.items():
        out[rel] = docx_text(data) if rel.endswith(".docx") else data.decode()
    return out


def test_build_writes_every_document_as_docx_and_md(built):
    stems = {rel.rsplit(".", 1)[0] for rel in built}
    assert stems == {
        "forms/application-makerspace", "forms/application-incubator", "forms/application-accelerator",
        "checklists/checklist-makerspace", "checklists/checklist-incubator", "checklists/checklist-accelerator",
        "notices/notice-2025", "reports/assessment-2024", "reports/accelerator-comparison",
        "reports/accelerator-report-quarterly", "reports/accelerator-report-annual"}
    assert all(f"{s}.docx" in built and f"{s}.md" in built for s in stems)


def test_application_forms_list_every_condition_with_citation(built, policy):
    v = policy.version("tianjin-measures")
    fraud = v.rules.sanctions["application_fraud"]
    for inst_type in ("makerspace", "incubator", "accelerator"):
        word = "申请单位" if inst_type == "makerspace" else "申报单位"  # the makerspace is filed (备案, 第五条/第十条)
        for ext in ("md", "docx"):
            text = texts(built)[f"forms/application-{inst_type}.{ext}"]
            for part in (f"{word}（盖章）", "所在区", "推荐单位（盖章）", "联系人", "电话", "填报日期", "填报说明", "基本情况表",
                         "条件对照表", "附表", "承诺书", "推荐意见", "实地核查表", "核查结论", "审核意见", "负责人（签字）"):
                assert part in text, (inst_type, ext, part)
            for c in v.conditions(inst_type):
                p = v.provisions[c.provision]
                whole = p.own_text if p.kind == "article" else p.full_text
                assert whole.split("\n")[0] in text and c.citation in text, (inst_type, c.id)
            assert fraud.quote in text and "第十三条" in text
            assert "第1年" not in text and "填报年度（2026年）" in text  # calendar years count back from the build date
    md = built["forms/application-makerspace.md"].decode()
    # the 原文 column holds the whole item, never a fragment; own notes sit in the 说明 column
    whole = v.provisions["art_5__point_2"].full_text.split("\n")[0]
    row = next(line for line in md.splitlines() if whole in line)
    assert "第五条第二项" in row and row.count("|") == 9  # 8 columns
    assert "场地属租赁时适用" not in row
    lease = next(line for line in md.splitlines() if "场地属租赁时适用" in line)
    assert lease.split("|")[2].strip() == ""  # merged 原文 cell: the note is not in the 原文 column
    assert "附表" in md and "场地明细" in md and "服务人员及创业导师名单" in md
    inc = built["forms/application-incubator.md"].decode()
    assert "在孵企业名单" in inc and "（第八条第一项）" in inc and "毕业企业名单" in inc and "（第九条第四项）" in inc
    acc = built["forms/application-accelerator.md"].decode()
    assert "投资案例明细（2024年）" in acc and "投资案例明细（2025年）" in acc and "2023年：" in acc
    # the accelerator is recommended by the bodies of 第十二条, not the district bureau alone
    assert "市政府相关部门、相关区科技局推荐意见" in acc
    xml = zipfile.ZipFile(io.BytesIO(built["forms/application-incubator.docx"])).read("word/document.xml").decode()
    for tag in ("applicant", "fact:site_area", "actual:inc_site_area", "status:inc_site_area", "row:incubated_firms:0:name"):
        assert f'<w:tag w:val="{tag}"/>' in xml, tag


def test_checklists_list_every_material_and_the_condition_it_proves(built, policy):
    v = policy.version("tianjin-measures")
    for inst_type in ("makerspace", "incubator", "accelerator"):
        md = built[f"checklists/checklist-{inst_type}.md"].decode()
        for c in v.conditions(inst_type):
            for m in c.materials:
                name = v.rules.materials[m].name
                rows = [line for line in md.splitlines() if line.startswith("|") and name in line]
                assert any(c.quote in r for r in rows), (inst_type, m, c.id)
    md = built["checklists/checklist-makerspace.md"].decode()
    assert "场地租赁合同（载明备案时后续有效租期）（场地属租赁时提供）" in md
    assert "入驻创业团队和企业数 ≥ 20家" in md  # the self-check states the threshold from rules.yaml


def test_notice_example(built):
    md = built["notices/notice-2025.md"].decode()
    # 2025-09-26 (Fri), 09-28 (Sun, adjusted working day), 09-29, 09-30, then 10-01..10-08 holidays, 10-09
    assert "公示期为5个工作日，自2025年9月26日至2025年10月9日" in md
    assert "拟确认为市级备案众创空间的机构（2家）" in md and "示例津南科创投资有限公司" in md
    assert "第十条第三项规定：“评审结果对外公示，公示无异议的机构确认为市级备案众创空间”" in md
    docx_xml = zipfile.ZipFile(io.BytesIO(built["notices/notice-2025.docx"])).read("word/document.xml").decode()
    assert 'w:top="2098"' in docx_xml  # GB/T 9704 layout: 37 mm top margin
    styles = zipfile.ZipFile(io.BytesIO(built["notices/notice-2025.docx"])).read("word/styles.xml").decode()
    assert 'w:eastAsia="方正小标宋简体"' in styles and 'w:eastAsia="仿宋_GB2312"' in styles and "eastAsiaTheme" not in styles


@pytest.mark.parametrize("start, days, first, last", [
    ("2025-09-26", 5, "2025-09-26", "2025-10-09"),
    ("2025-09-27", 1, "2025-09-28", "2025-09-28"),  # a Saturday start begins on the adjusted Sunday
    ("2025-01-24", 4, "2025-01-24", "2025-02-05"),  # 01-26 (Sun) works, 01-28..02-04 Spring Festival
    ("2026-12-31", 1, "2026-12-31", "2026-12-31"),
])
def test_working_days(start, days, first, last):
    assert working_day_end(dt.date.fromisoformat(start), days) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


def test_uncovered_calendar_year_is_an_error():
    with pytest.raises(CalendarNotCovered, match="no data for 2031"):
        working_day_end(dt.date(2031, 3, 3), 5)


def test_assessment_example(built):
    md = built["reports/assessment-2024.md"].decode().split("## 四、")[0]
    rows = {line.split("|")[2].strip(): [c.strip() for c in line.split("|")[1:-1]] for line in md.splitlines()
            if line.startswith("| ") and "示例" in line.split("|")[2]}
    # 市级优秀 incubator 100, 部级B 30: one of them, the larger
    assert rows["示例西青科技企业孵化器"][4:9] == ["优秀", "100", "B", "30", "100"]
    assert rows["示例津南创新加速器"][4:6] == ["优秀", "500"]
    # the 西青 operator: 100 + 60 capped at its ministerial rewards (30), 第十六条
    assert rows["示例西青孵化器管理有限公司"][3:6] == ["160", "30", "30"]
    assert "2023、2024年" in rows["示例河北区众创空间"][-1] and "取消资格" in rows["示例河北区众创空间"][-1]


def test_consecutive_failures():
    assert consecutive_failures({2021: "不合格", 2022: "合格", 2023: "不合格"}, "不合格", 2) is None
    assert consecutive_failures({2022: "不合格", 2023: "不合格", 2024: "不合格"}, "不合格", 2) == [2022, 2023]


def test_comparison_report(built):
    md = built["reports/accelerator-comparison.md"].decode()
    line = next(x for x in md.splitlines() if "资金（基金）规模不低于3000万元" in x)
    assert "资金（基金）规模不低于1000万元" in line and "国家文件更严" in line
    assert "仅天津市文件有" in md and "申请创新加速器必须先成为市级科技企业孵化器" in md
    assert "仅国家文件有" in md and "增值服务和投资收益之和占比不低于30%" in md


def test_verdict_directions():
    """From the local condition's side, as the cross-reference pass words it (strictness.py)."""
    a = {"kind": "threshold", "comparator": ">=", "value": 3, "unit": "个"}
    assert verdict(a, {**a, "value": 1}) == "stricter"
    assert verdict({**a, "comparator": "<="}, {**a, "comparator": "<=", "value": 1}) == "looser"
    assert verdict(a, {**a, "unit": "家", "value": 1}) == "different"
    assert verdict(a, dict(a)) == "same" and verdict(a, None) == "only-in-one"
    growth = {"kind": "growth", "comparator": ">=", "value": 30, "at_least": 2, "unit": "%"}
    assert verdict(growth, {**growth, "at_least": 3}) == "looser"
    assert verdict({**growth, "value": 40}, {**growth, "at_least": 3}) == "different"  # one up, one down


def test_accelerator_report_forms(built, policy):
    v = policy.version("tianjin-measures")
    ob = v.rules.obligations["accelerator_reports"]
    for period, slug in (("季度", "quarterly"), ("年度", "annual")):
        md = built[f"reports/accelerator-report-{slug}.md"].decode()
        assert f"市级创新加速器{period}报告" in md and "第二十一条第二款" in md and ob.quote in md
        assert "资金（基金）规模不低于1000万元" in md and "第二十二条" in md
    assert "年度工作总结" in built["reports/accelerator-report-annual.md"].decode()


# --- bad input: exit 2, message naming file, line and field, nothing written -------------------

NOTICE = """publish_date: "2025-06-03"
working_days: 5
contact: {unit: 示例处室, phone: "022-00000000"}
institutions:
  - {name: 甲众创空间, type: makerspace, district: 和平区, operator: 甲公司}
  - {name: 乙孵化器, type: incubator, district: 河西区, operator: 乙公司}
"""


def _run_build(cli, tmp_path, notice: str | None = None, assessment: str | None = None, csv: str | None = None):
    examples = tmp_path / "examples"
    (examples / "notices").mkdir(parents=True, exist_ok=True)
    (examples / "assessments").mkdir(parents=True, exist_ok=True)
    if notice is not None:
        (examples / "notices" / "n.yaml").write_text(notice, encoding="utf-8")
    if csv is not None:
        (examples / "notices" / "n.csv").write_text(csv, encoding="utf-8")
    if assessment is not None:
        (examples / "assessments" / "a.yaml").write_text(assessment, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = cli("build", "--examples", examples, "--out", out, "--only", *MY_TARGETS)
    written = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")] if out.exists() else []
    return code, stderr, written


@pytest.mark.parametrize("notice, where, message", [
    (NOTICE.replace("name: 乙孵化器, ", ""), r"n\.yaml:6:\d+", "institutions.1.name: missing institution name"),
    (NOTICE.replace("name: 乙孵化器, ", "name: '  ', "), r"n\.yaml:6:\d+", "institutions.1.name: missing institution name"),
    (NOTICE.replace("type: incubator", "type: 孵化中心"), r"n\.yaml:6:\d+", "institutions.1.type: unknown institution type '孵化中心'"),
    (NOTICE.split("institutions:")[0] + "institutions: []\n", r"n\.yaml:4:\d+", "institutions: the list is empty"),
    (NOTICE.replace("2025-06-03", "2031-06-03"), r"n\.yaml:1:\d+", "publish_date: cannot count 5 working days from 2031-06-03: the holiday calendar"),
    (NOTICE.replace("乙孵化器", '"乙\\x07孵化器"'), r"n\.yaml:6:\d+", "institutions.1.name: institution name contains control character U\\+0007"),
    (NOTICE.replace("working_days: 5", "working_days: five"), r"n\.yaml:2:\d+", "working_days: expected a whole number"),
    (NOTICE.replace("contact:", "contacts:"), r"n\.yaml:3:\d+", "unknown key 'contacts' \\(did you mean 'contact'\\?\\)"),
    (NOTICE + "  - {name: 甲众创空间, type: makerspace, district: 和平区, operator: 甲公司}\n", r"n\.yaml:7:\d+", "institutions.2.name: '甲众创空间' is listed twice"),
])
def test_bad_notice_input(cli, tmp_path, notice, where, message):
    code, stderr, written = _run_build(cli, tmp_path, notice=notice)
    assert code == 2, stderr
    assert re.search(where + ": " + message, stderr), stderr
    assert "Traceback" not in stderr and written == []


CSV_NOTICE = NOTICE.split("institutions:")[0] + "institutions: n.csv\n"


@pytest.mark.parametrize("csv, where, message", [
    ("name,type,district,operator\n甲,众创空间,和平区,甲公司\n,孵化器,河西区,乙公司\n", r"n\.csv:3:1", "institutions.1.name: missing institution name"),
    ("name,type,district,operator\n甲,众创空间,和平区,甲公司\n乙,孵化中心,河西区,乙公司\n", r"n\.csv:3:1", "institutions.1.type: unknown institution type '孵化中心'"),
    ("name,type,district\n甲,众创空间,和平区\n", r"n\.csv:1:1", "header row lacks column\\(s\\) operator"),
    ("name,type,district,operator\n", r"n\.yaml:4:\d+", "institutions: the list is empty"),
])
def test_bad_csv_notice_input(cli, tmp_path, csv, where, message):
    code, stderr, written = _run_build(cli, tmp_path, notice=CSV_NOTICE, csv=csv)
    assert code == 2, stderr
    assert re.search(where + ": " + message, stderr), stderr
    assert written == []


def test_csv_notice_with_chinese_headers_and_hostile_names(cli, tmp_path):
    csv = "机构名称,类型,所在区,运营主体\n\"A<&>B | *x* {: .c }\",科技企业孵化器,和平区,\"‮RTL 😀\"\n"
    code, stderr, written = _run_build(cli, tmp_path, notice=CSV_NOTICE, csv=csv)
    assert code == 0, stderr
    data = (tmp_path / "out" / "notices" / "n.docx").read_bytes()
    d = docx.Document(io.BytesIO(data))
    assert d.tables[0].cell(1, 1).text == "A<&>B | *x* {: .c }"
    assert d.tables[0].cell(1, 3).text == "‮RTL 😀"


ASSESSMENT = """cycle: 2024
institutions:
  - {name: 甲, type: incubator, operator: 甲公司, municipal: {2023: 良好, 2024: 优秀}, ministerial: {2024: B}}
"""


@pytest.mark.parametrize("text, where, message", [
    (ASSESSMENT.replace("2024: 优秀", "2024: 卓越"), r"a\.yaml:3:\d+", "institutions.0.municipal.2024: grade '卓越' is outside the 市级考核评价 scale \\(优秀、良好、合格、不合格\\)"),
    (ASSESSMENT.replace("2024: B", "2024: E"), r"a\.yaml:3:\d+", "institutions.0.ministerial.2024: grade 'E' is outside"),
    (ASSESSMENT.replace("type: incubator", "type: lab"), r"a\.yaml:3:\d+", "institutions.0.type: unknown institution type 'lab'"),
    (ASSESSMENT.replace("name: 甲, ", ""), r"a\.yaml:3:\d+", "institutions.0.name: missing name"),
    ("cycle: 2024\ninstitutions: []\n", r"a\.yaml:2:\d+", "institutions: the list is empty"),
    (ASSESSMENT.replace("cycle: 2024", "cycle: soon"), r"a\.yaml:1:\d+", "cycle: 'soon' is not a year"),
])
def test_bad_assessment_input(cli, tmp_path, text, where, message):
    code, stderr, written = _run_build(cli, tmp_path, notice=NOTICE, assessment=text)
    assert code == 2, stderr
    assert re.search(where + ": " + message, stderr), stderr
    assert written == []


# --- revisions reach every output ------------------------------------------------------------

def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_revision_reaches_every_affected_document(cli, policy_copy, tmp_path):
    """A threshold, a reward amount and one condition's wording change in a copy of policy/."""
    d = policy_copy / "tianjin-measures" / "draft-2024"
    _edit(d / "text.yaml", "提供不少于30个创业工位", "提供不少于40个创业工位")
    _edit(d / "rules.yaml", "quote: 提供不少于30个创业工位\n      kind: threshold\n      metric: workstations\n      comparator: \">=\"\n      value: 30",
          "quote: 提供不少于40个创业工位\n      kind: threshold\n      metric: workstations\n      comparator: \">=\"\n      value: 40")
    _edit(d / "text.yaml", "分别给予不高于40万元和20万元", "分别给予不高于45万元和20万元")
    _edit(d / "rules.yaml", "分别给予不高于40万元和20万元", "分别给予不高于45万元和20万元", count=2)
    _edit(d / "rules.yaml", "grade: 优秀, comparator: \"<=\", value: 40,", "grade: 优秀, comparator: \"<=\", value: 45,")
    _edit(d / "text.yaml", "每年开展创业沙龙、路演、创业大赛", "每年开展创业沙龙、项目路演、创业大赛")
    _edit(d / "rules.yaml", "每年开展创业沙龙、路演、创业大赛", "每年开展创业沙龙、项目路演、创业大赛")
    code, _, stderr = cli("validate", "--policy", policy_copy)
    assert code == 0, stderr
    out = tmp_path / "out"
    code, _, stderr = cli("build", "--policy", policy_copy, "--out", out, "--only", *MY_TARGETS)
    assert code == 0, stderr
    docs = texts({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.*") if not p.name.startswith(".")})
    new = {
        "提供不少于40个创业工位": ["forms/application-makerspace", "checklists/checklist-makerspace"],
        "创业工位数 ≥ 40个": ["checklists/checklist-makerspace"],
        "每年开展创业沙龙、项目路演、创业大赛": ["forms/application-makerspace", "checklists/checklist-makerspace"],
    }
    for phrase, stems in new.items():
        for stem in stems:
            for ext in ("md", "docx"):
                assert phrase in docs[f"{stem}.{ext}"], (phrase, stem, ext)
    old = ["不少于30个创业工位", "创业工位数 ≥ 30个", "创业沙龙、路演"]
    for rel, text in docs.items():
        for phrase in old:
            assert phrase not in text, (phrase, rel)
    # the reward: the standard table and the example makerspace graded 优秀 in 2024
    md = docs["reports/assessment-2024.md"]
    assert "| 市级考核评价 | 众创空间 | 优秀 | 45 | 第十四条第二款 |" in md
    assert "| 示例滨海众创空间 | 众创空间 | 示例滨海科技服务有限公司 | 优秀 | 45 |" in md
    assert "| 优秀 | 40 |" not in md and "优秀 | 40 " not in md
    assert "市级考核评价众创空间优秀45第十四条第二款" in docs["reports/assessment-2024.docx"]
    assert "众创空间优秀40" not in docs["reports/assessment-2024.docx"]


def test_hostile_names_in_assessment_give_valid_documents(cli, tmp_path):
    name = "A<&>B|*x*" + "名" * 300 + "😀‮"
    text = ASSESSMENT.replace("name: 甲", f"name: \"{name}\"").replace("operator: 甲公司", "operator: '<script>alert(1)</script>'")
    code, stderr, written = _run_build(cli, tmp_path, notice=NOTICE, assessment=text)
    assert code == 0, stderr
    d = docx.Document(io.BytesIO((tmp_path / "out" / "reports" / "a.docx").read_bytes()))
    cells = {c.text for t in d.tables for row in t.rows for c in row.cells}
    assert name in cells and "<script>alert(1)</script>" in cells
    md = (tmp_path / "out" / "reports" / "a.md").read_text(encoding="utf-8")
    assert "<script>" not in md and "&lt;script&gt;" in md


def test_assessment_total_keeps_amounts_pending_confirmation_apart(built):
    md = built["reports/assessment-2024.md"].decode()
    confirmed = next(line for line in md.splitlines() if line.startswith("| 合计（已确定）"))
    pending = next(line for line in md.splitlines() if line.startswith("| 待人工确认"))
    assert "示例津南科创投资有限公司" in pending and "示例津南科创投资有限公司" not in confirmed
    sure, open_ = int(confirmed.split("|")[6]), int(pending.split("|")[6])
    operators = [line for line in md.splitlines() if "合计上限请人工确认" in line]
    assert open_ == sum(int(line.split("|")[6]) for line in operators) and sure >= 0


def test_notice_attachments_signature_and_balanced_title(policy, tmp_path):
    """附件说明 below the body; 署名 centred over 成文日期 (right indents); the title in balanced lines."""
    from generator.generators.notice import build_notice
    from generator.render import template_text
    src = (PROJECT_ROOT / "examples" / "notices" / "notice-2025.yaml").read_text(encoding="utf-8")
    shutil.copy(PROJECT_ROOT / "examples" / "notices" / "notice-2025.csv", tmp_path / "notice-2025.csv")
    path = tmp_path / "notice-2025.yaml"
    path.write_text(src + "attachments: [拟确认机构基本情况, 评审专家意见汇总]\n", encoding="utf-8")
    text = template_text("notices/notice.md.j2", build_notice(policy, path))
    assert "附件：1. 拟确认机构基本情况<br>　　　2. 评审专家意见汇总" in text
    name, date = re.findall(r"indent-right=([\d.]+)", text)
    assert float(name) == 2 and float(date) > 2  # the issuer is the longer line: the date is centred under it
    title = next(line for line in text.splitlines() if line.startswith("# "))
    lines = title[2:].split("<br>")
    assert len(lines) == 2 and abs(len(lines[0]) - len(lines[1])) <= 4 and all(len(x) <= 20 for x in lines)


def test_assessment_names_where_its_rules_stand(policy):
    """The report's 依据 is the chapter its rules share, else their articles; never a chapter written in the template."""
    from generator.generators.assessment import basis
    v = policy.version("tianjin-measures")
    rules = v.rules
    assert basis(v, [*rules.assessment.values(), *rules.rewards, *rules.reward_rules.values()]) == "第三章"
    mixed = [rules.rewards[0], v.conditions("incubator")[0]]  # 第十四条第二款 (第三章), 第六条第一项 (第二章)
    assert basis(v, mixed) == "第六条、第十四条"  # two chapters: the articles, in text order


def test_report_forms_follow_the_duties_in_policy_data(policy_copy, tmp_path, monkeypatch):
    """Which type and periods get report forms is policy data (role: periodic_report), not code."""
    rules = policy_copy / "tianjin-measures" / "draft-2024" / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    old = "periods: [季度, 年度], role: periodic_report, institution_type: accelerator}"
    assert old in text
    rules.write_text(text.replace(old, "periods: [年度], role: periodic_report, institution_type: incubator}"), encoding="utf-8")
    monkeypatch.setenv("FUHUA_BUILD_DATE", "2026-11-23")
    build(policy_copy, tmp_path / "out", only=["periodic-reports"])
    written = sorted(p.name for p in (tmp_path / "out" / "reports").iterdir())
    assert written == ["incubator-report-annual.docx", "incubator-report-annual.md"]
    md = (tmp_path / "out" / "reports" / "incubator-report-annual.md").read_text(encoding="utf-8")
    assert "市级科技企业孵化器年度报告" in md and "第二十二条" in md  # the change-report duty, found by its role
