"""`fuhua validate` on policy/ and on broken variants of it: each problem names file, line and what
is wrong; all problems come in one run; exit code 2; no traceback."""
import json
import re
from pathlib import Path

import jsonschema
import pytest

from generator import SCHEMAS_DIR
from generator.policy import load_policy
from generator.yamlio import load_file
from tests.conftest import SEEDS_DIR, SHARED_SEEDS_DIR

TJ = "tianjin-measures/draft-2024"
NAT = "national-accelerator-guideline/2024"


def test_policy_validates(cli):
    code, out, err = cli("validate")
    assert code == 0, err
    assert out.startswith("ok: 2 documents") and out.count("\n") == 1


def test_seed_copy_matches_shared():
    if not SHARED_SEEDS_DIR.is_dir():
        pytest.skip("shared/seeds not beside this checkout")
    for f in SHARED_SEEDS_DIR.glob("*.txt"):
        assert (SEEDS_DIR / f.name).read_bytes() == f.read_bytes(), f.name


def test_metadata(policy):
    tj = policy.version("tianjin-measures")
    assert tj.meta["status"] == "征求意见稿"
    assert (tj.meta["dates"]["effective"], tj.meta["dates"]["expires"]) == ("2025-01-01", "2026-12-31")
    nat = policy.version("national-accelerator-guideline")
    assert nat.number == "火炬〔2024〕3号"
    based = [b for b in tj.meta["based_on"] if b.get("document") == "national-accelerator-guideline"]
    assert based and based[0]["number"] == {"issuer": "火炬", "year": 2024, "seq": 3}
    assert [r["number"]["issuer"] for r in tj.meta["repeals"]] == ["津科规", "津科规"]


def test_citations(policy):
    tj = policy.version("tianjin-measures")
    assert tj.citation("art_7__point_3") == "第七条第三项"
    assert tj.citation("art_21__para_2") == "第二十一条第二款"
    assert tj.citation("art_33") == "第三十三条"
    assert len([p for p in tj.walk() if p.kind == "article"]) == 33
    assert len([p for p in tj.walk() if p.kind == "chapter"]) == 6
    nat = policy.version("national-accelerator-guideline")
    assert nat.citation("part_3__item_3") == "三、3"
    assert nat.provisions["part_4__para_1"].text.startswith("围绕专业服务供给")


def test_accelerator_fund_shares_one_metric(policy):
    def fund(doc):
        return [c for c in policy.version(doc).conditions("accelerator") if c.metric == "fund_size"][0].value
    assert (fund("national-accelerator-guideline"), fund("tianjin-measures")) == (3000, 1000)


def _line_of(text: str, marker: str) -> int:
    idx = text.index(marker)
    return text.count("\n", 0, idx) + 1


# (file, old, new, expected message fragment, marker whose line the message must name)
VARIANTS = [
    ("missing key", f"{TJ}/rules.yaml", "      quote: 拥有不低于500平方米可自主支配的场地面积\n", "", "missing required key 'quote'", "- id: ms_site_area"),
    ("wrong type", f"{TJ}/rules.yaml", "      value: 500\n", "      value: 五百\n", "expected number, got text '五百'", "value: 五百"),
    ("unknown unit", f"{TJ}/rules.yaml", "      value: 500\n      unit: 平方米", "      value: 500\n      unit: 平米", "unknown unit '平米'", "unit: 平米"),
    ("duplicate id", f"{TJ}/rules.yaml", "- id: ms_workstations", "- id: ms_site_area", "duplicate condition id 'ms_site_area'", "- id: ms_site_area\n      provision: art_5__point_2\n      quote: 提供"),
    ("dangling provision", f"{TJ}/rules.yaml", "provision: art_5__point_6", "provision: art_5__point_9", "provision 'art_5__point_9' does not exist", "art_5__point_9"),
    ("quote not found", f"{TJ}/rules.yaml", "quote: 入驻创业团队和企业不低于20家", "quote: 入驻创业团队和企业不低于25家", "quote not found in 第五条第三项", "不低于25家"),
    ("impossible date", f"{TJ}/meta.yaml", 'expires: "2026-12-31"', 'expires: "2026-02-30"', "'2026-02-30' is not a valid date", "2026-02-30"),
    ("tab", f"{TJ}/rules.yaml", "      value: 500\n", "\tvalue: 500\n", "tab", "\tvalue"),
    ("unknown key", f"{TJ}/rules.yaml", "      comparator: \">=\"\n      value: 500", "      comparatr: \">=\"\n      value: 500", "unknown key 'comparatr' (did you mean 'comparator'?)", "comparatr"),
    ("bad comparator", f"{TJ}/rules.yaml", "      comparator: \">=\"\n      value: 500", "      comparator: \"=>\"\n      value: 500", "expected one of", "\"=>\""),
    ("unknown metric", f"{TJ}/rules.yaml", "metric: workstations", "metric: work_stations", "unknown metric 'work_stations'", "work_stations"),
    ("unknown period", f"{TJ}/rules.yaml", "      period: 近2年\n      materials: [served_firm_list]", "      period: 最近两年\n      materials: [served_firm_list]", "unknown period '最近两年'", "最近两年"),
    ("unknown material", f"{TJ}/rules.yaml", "materials: [workstation_list, floor_plan]", "materials: [workstation_lst, floor_plan]", "unknown material 'workstation_lst' (did you mean 'workstation_list'?)", "workstation_lst"),
    ("duplicate key", f"{TJ}/rules.yaml", "      value: 500\n", "      value: 500\n      value: 600\n", "duplicate key 'value'", "value: 600"),
    ("current not a version", "tianjin-measures/document.yaml", "current: draft-2024", "current: final-2025", "current: 'final-2025' is not one of versions", "current: final-2025"),
    ("duplicate provision id", f"{TJ}/text.yaml", "id: art_9\n", "id: art_8\n", "duplicate provision id 'art_8'", "id: art_8\n    paragraphs:\n    - text: 科技企业孵化器毕业企业"),
    ("bad status", f"{TJ}/meta.yaml", "status: 征求意见稿", "status: 草案", "expected one of '征求意见稿'", "status: 草案"),
    ("expiry before start", f"{TJ}/meta.yaml", 'expires: "2026-12-31"', 'expires: "2024-12-31"', "is before dates.effective", 'expires: "2024-12-31"'),
    ("grade outside scheme", f"{TJ}/rules.yaml", "grade: 优秀, comparator: \"<=\", value: 40", "grade: 特优, comparator: \"<=\", value: 40", "'特优' is not a grade of municipal", "特优"),
    ("unit differs from metric", f"{NAT}/rules.yaml", "      value: 3000\n      unit: 万元", "      value: 3000\n      unit: 元", "differs from the unit of metric 'fund_size'", "unit: 元"),
    ("threshold without value", f"{NAT}/rules.yaml", "      value: 30\n      unit: 家\n", "      unit: 家\n", "missing required key 'value'", "- id: nat_served_firms"),
    ("unknown cited document", f"{TJ}/meta.yaml", "document: national-accelerator-guideline", "document: national-guideline", "no document 'national-guideline'", "document: national-guideline"),
    ("yaml syntax", f"{TJ}/rules.yaml", "materials: [workstation_list, floor_plan]", "materials: [workstation_list, floor_plan", "YAML syntax", None),
    ("vocabulary wrong type", "vocabulary.yaml", "workstations: {label: 创业工位数, type: integer", "workstations: {label: 创业工位数, type: int", "expected one of 'boolean', 'integer'", "type: int,"),
    ("kind unknown", f"{TJ}/rules.yaml", "      kind: ratio\n      metric: full_time_service_staff", "      kind: proportion\n      metric: full_time_service_staff", "expected one of 'threshold'", "kind: proportion"),
    ("report duty of an unknown type", f"{TJ}/rules.yaml", "role: periodic_report, institution_type: accelerator}", "role: periodic_report, institution_type: accelerater}", "'accelerater' is not listed under institution_types (did you mean 'accelerator'?)", "accelerater"),
    ("report duty without periods", f"{TJ}/rules.yaml", "reporting: true, periods: [季度, 年度], role: periodic_report", "reporting: true, role: periodic_report", "a periodic_report names its institution_type and periods", "role: periodic_report"),
    ("negative ratio base", f"{TJ}/rules.yaml", "per: {metric: resident_teams, amount: 10", "per: {metric: resident_teams, amount: 0", "per.amount", "amount: 0"),
]


@pytest.mark.parametrize("name,rel,old,new,message,marker", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_broken_variant(cli, policy_copy, name, rel, old, new, message, marker):
    path = policy_copy / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture drifted: {old!r} not in {rel}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    code, out, err = cli("validate", "--policy", policy_copy)
    assert code == 2 and out == ""
    assert "Traceback" not in err
    lines = [l for l in err.splitlines() if message in l]
    assert lines, err
    m = re.match(r"^(.*?):(\d+):(\d+): ", lines[0])
    assert m and m.group(1).endswith(rel), lines[0]
    if marker is not None:
        assert int(m.group(2)) == _line_of(text, marker), lines[0]


def test_non_utf8(cli, policy_copy):
    path = policy_copy / TJ / "rules.yaml"
    raw = path.read_bytes()
    idx = raw.index("平方米".encode())
    path.write_bytes(raw[:idx] + b"\xff\xfe" + raw[idx + 2:])
    code, _, err = cli("validate", "--policy", policy_copy)
    assert code == 2 and "not valid UTF-8: byte 0xff" in err
    line = raw[:idx].count(b"\n") + 1
    assert f"rules.yaml:{line}:" in err


def test_alias_bomb(cli, policy_copy):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
    (policy_copy / "vocabulary.yaml").write_text(bomb, encoding="utf-8")
    code, _, err = cli("validate", "--policy", policy_copy)
    assert code == 2 and "vocabulary.yaml:2:" in err and "aliases" in err


def test_deep_nesting(cli, policy_copy):
    (policy_copy / "vocabulary.yaml").write_text("a: " + "[" * 10000 + "]" * 10000 + "\n", encoding="utf-8")
    code, _, err = cli("validate", "--policy", policy_copy)
    assert code == 2 and "nesting deeper than" in err


def test_missing_file(cli, policy_copy):
    (policy_copy / TJ / "rules.yaml").unlink()
    code, _, err = cli("validate", "--policy", policy_copy)
    assert code == 2 and "rules.yaml:1:1: missing rules.yaml" in err


def test_all_problems_in_one_run(cli, policy_copy):
    rules = policy_copy / TJ / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("metric: workstations", "metric: seats").replace("unit: 平方米\n      materials: [site_title", "unit: 亩\n      materials: [site_title"), encoding="utf-8")
    meta = policy_copy / NAT / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("status: 现行有效", "status: 有效"), encoding="utf-8")
    code, _, err = cli("validate", "--policy", policy_copy)
    assert code == 2
    assert "unknown metric 'seats'" in err and "unknown unit '亩'" in err and "'有效'" in err
    assert "4 problem(s)" in err  # the unit is wrong twice (two site-area conditions)


def test_missing_policy_folder(cli, tmp_path):
    code, _, err = cli("validate", "--policy", tmp_path / "nowhere")
    assert code == 2 and "policy folder not found" in err


@pytest.mark.parametrize("name", ["document", "meta", "text", "rules", "vocabulary"])
def test_published_schema_is_the_loaders(name, policy):
    """The JSON Schema files are what the loader enforces: valid against the metaschema, and each
    policy file passes them (the loader uses these very files, see generator.policy.schema)."""
    schema = json.loads((SCHEMAS_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    base = policy.directory
    files = {"document": base.glob("*/document.yaml"), "vocabulary": [base / "vocabulary.yaml"]}.get(name, base.glob(f"*/*/{name}.yaml"))
    files = list(files)
    assert files
    for f in files:
        data, _ = load_file(f)
        jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
        assert f"schemas/{name}.schema.json" in f.read_text(encoding="utf-8").splitlines()[0]


def test_schema_rejects_what_loader_rejects(policy_copy):
    """A key the schema does not know is refused by the loader: a misplaced key is never silently ignored."""
    path = policy_copy / "vocabulary.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "extra_section: {}\n", encoding="utf-8")
    with pytest.raises(Exception) as exc:
        load_policy(policy_copy)
    assert "unknown key 'extra_section'" in str(exc.value)


def test_module_entry_point_lists_commands():
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, check=True).stdout
    for command in ("validate", "text"):
        assert command in out
