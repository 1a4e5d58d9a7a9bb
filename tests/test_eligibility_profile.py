"""The applicant profile: its schema is derived from policy/ and committed in sync; bad profiles
are reported field by field (file:line:column), exit 2, nothing written."""
from __future__ import annotations

import json

import pytest

from generator.eligibility import export_rules, profile_schema
from generator.eligibility.profile import SCHEMA_FILE, schema_text
from generator.errors import display_path
from generator.policy import load_policy

# (name, profile text, [(line, fragment of the message)], type)
BAD = [
    ("negative", "site_area: -1\n", [(1, "site_area (可自主支配的场地面积): must not be negative, got -1")], "makerspace"),
    ("negative_count", "workstations: 30\nmentors: -2\n", [(2, "mentors (创业导师数（专兼职）): must not be negative")], "makerspace"),
    ("non_numeric", "site_area: 六百\n", [(1, "site_area (可自主支配的场地面积): expected a number, got text '六百'")], "makerspace"),
    ("fraction_count", "workstations: 30.5\n", [(1, "workstations (创业工位数): expected a whole number, got 30.5")], "makerspace"),
    ("number_for_boolean", "site_rented: 是\n", [(1, "site_rented (场地属租赁): expected true or false, got text '是'")], "makerspace"),
    ("boolean_for_number", "site_area: true\n", [(1, "expected a number, got boolean True")], "makerspace"),
    ("typo_key", "applicant: 甲\nsite_aera: 600\n", [(2, "site_aera: unknown key (did you mean 'site_area'?)")], "makerspace"),
    ("label_as_key", "场地面积: 600\n", [(1, "unknown key (did you mean 'site_area'?)")], "makerspace"),
    ("firm_fact_at_top", "firm_age_at_entry: 1\n", [(1, "firm_age_at_entry (入驻时成立时间): unknown key")], "incubator"),
    ("percent_above_100", "value_added_and_investment_income_share: 120\n",
     [(1, "value_added_and_investment_income_share (增值服务和投资收益之和占收入比例): a percentage cannot be above 100, got 120")], "accelerator"),
    ("percent_negative", "value_added_and_investment_income_share: -5\n", [(1, "must not be negative")], "accelerator"),
    ("series_too_short", "rd_spend_by_year: [100, 130]\n",
     [(1, "rd_spend_by_year (被加速企业研发投入总额（近3年逐年）): expected 3 yearly figures (oldest first), got 2")], "accelerator"),
    ("series_too_long", "investment_cases_by_year: [1, 2, 3]\n", [(1, "expected 2 yearly figures (oldest first), got 3")], "accelerator"),
    ("series_not_list", "revenue_by_year: 100\n", [(1, "revenue_by_year (被加速企业营业收入（近3年逐年）): expected a list of yearly figures, got 100")], "accelerator"),
    ("series_item_negative", "revenue_by_year:\n  - 100\n  - -5\n  - 120\n", [(3, "revenue_by_year[1] (被加速企业营业收入（近3年逐年）): must not be negative")], "accelerator"),
    ("series_item_text", "employees_by_year: [10, 十二, 14]\n", [(1, "employees_by_year[1] (被加速企业就业人数（近3年逐年）): expected a whole number, got text '十二'")], "accelerator"),
    ("series_item_fraction", "investment_cases_by_year: [1.5, 2]\n", [(1, "investment_cases_by_year[0] (近2年每年资金投资案例数（按年填列）): expected a whole number")], "accelerator"),
    ("part_above_whole", "professional_staff: 10\ntotal_staff: 8\n",
     [(1, "professional_staff (专业孵化服务人员数): 10 is more than total_staff (机构总人数) 8; a part cannot exceed its whole")], "incubator"),
    ("area_above_site", "site_area: 500\nworkstation_and_public_area: 501\n", [(2, "workstation_and_public_area (创业工位和公共服务场地面积): 501 is more than site_area")], "makerspace"),
    ("not_a_mapping", "- site_area: 600\n", [(1, "a profile is a mapping of facts")], "makerspace"),
    ("firm_typo", "firms:\n  - name: A\n    firm_high_tech: true\n", [(3, "firms[0].firm_high_tech: unknown key (did you mean 'firm_high_tech_or_specialised'?)")], "incubator"),
    ("firms_not_list", "firms: 3\n", [(1, "firms: expected a list, got 3")], "incubator"),
    ("firm_negative", "firms:\n  - {name: A, firm_venture_funding: -1}\n", [(2, "firms[0].firm_venture_funding (累计获得天使投资或风险投资): must not be negative")], "incubator"),
    ("count_contradicts_firms", "graduated_firms: 3\nfirms:\n  - {name: A, firm_high_tech_or_specialised: true}\n",
     [(1, "graduated_firms (累计毕业企业数): 3 given, but the firm list gives 1 by the definition of 毕业企业 (第九条)")], "incubator"),
    ("infinite", "site_area: .inf\n", [(1, "site_area (可自主支配的场地面积): expected a finite number, got inf")], "makerspace"),
    ("not_a_number", "fund_size: .nan\n", [(1, "fund_size (自有或合作的孵化（加速）资金（基金）规模): expected a finite number")], "incubator"),
    ("applicant_not_text", "applicant: [甲, 乙]\n", [(1, "applicant: expected text")], "makerspace"),
    ("several_at_once", "site_area: -1\nworkstations: 三十\nsite_aera: 1\n",
     [(1, "must not be negative"), (2, "expected a whole number"), (3, "did you mean 'site_area'?")], "makerspace"),
    ("yaml_syntax", "site_area: [600\n", [(2, "YAML syntax")], "makerspace"),
    ("json_wrong_type", '{"site_area": "600"}', [(1, "site_area (可自主支配的场地面积): expected a number, got text '600'")], "makerspace"),
]


@pytest.mark.parametrize("name,text,expected,inst_type", BAD, ids=[b[0] for b in BAD])
def test_bad_profile(cli, tmp_path, name, text, expected, inst_type):
    path = tmp_path / ("p.json" if text.startswith("{") else "p.yaml")
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out.md"
    code, stdout, stderr = cli("check", "--profile", path, "--type", inst_type, "--format", "md", "--out", out)
    assert code == 2, stderr
    assert "Traceback" not in stderr
    assert not out.exists() and list(tmp_path.iterdir()) == [path]
    shown = display_path(path)
    lines = [line for line in stderr.splitlines() if line.startswith(shown + ":")]
    assert len(lines) == len(expected), stderr
    for line, (lineno, fragment) in zip(lines, expected):
        assert line.startswith(f"{shown}:{lineno}:") and fragment in line, line


def test_at_least_twenty_bad_profiles():
    assert len(BAD) >= 20


def test_boundary_values_are_valid(cli, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("value_added_and_investment_income_share: 100\nsite_area: 0\nprofessional_staff: 5\ntotal_staff: 5\n", encoding="utf-8")
    assert cli("check", "--profile", path, "--type", "accelerator", "--jurisdiction", "national")[0] == 0


@pytest.mark.parametrize("text", ["", "{}\n", "# nothing yet\n"])
def test_empty_profile_is_valid_and_undetermined(cli, tmp_path, text):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = cli("check", "--profile", path, "--type", "incubator", "--format", "json")
    result = json.loads(out)
    assert code == 0 and result["verdict"] == "undetermined"
    assert {c["status"] for c in result["conditions"]} == {"unknown", "evidence"}


def test_committed_schema_is_in_sync(policy):
    expected = schema_text(export_rules(policy))
    assert SCHEMA_FILE.read_text(encoding="utf-8") == expected, \
        "schemas/profile.schema.json is stale: run `python -m generator.eligibility.profile --write`"


def test_schema_facts_are_exactly_the_referenced_metrics(policy):
    """Derived from the conditions and definitions, not from a second list."""
    schema = profile_schema(export_rules(policy))
    referenced = set()
    for v in policy.current_versions():
        for t in v.institution_types:
            for c in v.conditions(t):
                referenced.update(c.metrics_read)
    firm = set(schema["properties"]["firms"]["items"]["properties"]) - {"name"}
    top = set(schema["properties"]) - {"$schema", "applicant", "firms"}
    assert top == referenced
    assert firm == {m for m, spec in policy.vocabulary["metrics"].items() if spec.get("scope") == "firm"}


def test_schema_follows_a_policy_edit(policy_copy):
    """Dropping the only condition on torch statistics drops the fact; the series length follows vocabulary."""
    rules_path = policy_copy / "tianjin-measures" / "draft-2024" / "rules.yaml"
    text = rules_path.read_text(encoding="utf-8")
    start = text.index("    - id: inc_torch_statistics")
    end = text.index("    - id: inc_site_area")
    rules_path.write_text(text[:start] + text[end:], encoding="utf-8")
    vocab = policy_copy / "vocabulary.yaml"
    vocab.write_text(vocab.read_text(encoding="utf-8").replace("type: series, years: 3, unit: 万元}", "type: series, years: 4, unit: 万元}"), encoding="utf-8")
    schema = profile_schema(export_rules(load_policy(policy_copy, extra_checks=False)))
    assert "torch_statistics_years" not in schema["properties"]
    assert schema["properties"]["revenue_by_year"]["minItems"] == 4
    assert schema["properties"]["ip_granted_by_year"]["minItems"] == 3


def test_schema_is_valid_json_schema(policy):
    import jsonschema
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
