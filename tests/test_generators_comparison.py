"""The comparison report tells a condition stated only in words (无量化要求) from one that is truly
absent (缺少), from the policy data: an evidence condition's `about` and a prerequisite's
`institution_type` (an accelerator that must first be an incubator carries the incubator's
conditions)."""
from __future__ import annotations

from pathlib import Path

from generator.generators.comparison import comparison_context
from generator.policy import load_policy
from generator.render import render

INCOME = "增值服务和投资收益之和占收入比例"


def report(policy) -> str:
    return render("reports/comparison.md.j2", comparison_context(policy), formats=("md",))["md"].decode()


def row(md: str, label: str, table: int) -> str:
    """The row of `label` in the report's `table`-th table (0: 逐项对照, 1: 量化要求)."""
    tables = md.split("\n## ")[2:]
    return next(x for x in tables[table].splitlines() if f"| {label} |" in x)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_condition_stated_only_in_words_is_unquantified_not_missing(policy):
    ctx = comparison_context(policy)
    income = next(r for r in ctx["rows"] if r["label"] == INCOME)
    assert income["key"] == "local_unquantified" and income["local"] is None
    assert income["words"]["condition"]["citation"] == "第六条第七项"  # the incubator's condition
    assert income["words"]["via"]["citation"] == "第七条"  # reached through "must first be an incubator"
    md = report(policy)
    conclusion = md.split("## 二、")[0]
    assert f"天津市文件无量化要求：{INCOME}" in conclusion and "第六条第七项只作定性要求" in conclusion
    assert "天津市文件缺少" not in conclusion  # nothing is truly absent from the local measure
    assert "无量化要求" in row(md, INCOME, 0) and "第六条第七项" in row(md, INCOME, 0) and "缺少" not in row(md, INCOME, 0)
    assert "无量化要求（第六条第七项）" in row(md, INCOME, 1)
    # the one condition the national guideline truly lacks is still called missing
    assert "国家文件没有：已是市级科技企业孵化器" in conclusion and "国家文件缺少" in row(md, "已是市级科技企业孵化器", 0)


def test_a_condition_truly_absent_is_missing(policy_copy):
    """Without the qualitative condition's `about`, the local measure has nothing on the topic."""
    _edit(policy_copy / "tianjin-measures" / "draft-2024" / "rules.yaml",
          "      about: value_added_and_investment_income_share\n", "")
    md = report(load_policy(policy_copy))
    assert "无量化要求" not in md
    assert f"天津市文件缺少：\n\n{INCOME}" in md or f"天津市文件缺少：{INCOME}" in md.replace("\n\n", "")
    assert "天津市文件缺少" in row(md, INCOME, 0)


def test_conditions_of_a_type_not_required_first_are_not_consulted(policy_copy):
    """The incubator's qualitative condition counts only because the accelerator must first be one."""
    _edit(policy_copy / "tianjin-measures" / "draft-2024" / "rules.yaml", "      institution_type: incubator\n", "")
    ctx = comparison_context(load_policy(policy_copy))
    income = next(r for r in ctx["rows"] if r["label"] == INCOME)
    assert income["key"] == "reference_only" and income["words"] is None


def test_the_reference_side_can_be_the_unquantified_one(policy_copy):
    """Symmetric: a local number against a reference that states the matter only in words."""
    nat = policy_copy / "national-accelerator-guideline" / "2024" / "rules.yaml"
    _edit(nat, "      evidence: 近年财务报表，列明增值服务收入及其占比\n",
          "      evidence: 近年财务报表，列明增值服务收入及其占比\n      about: served_firms_2y\n")
    # drop the national number on served firms: only the words remain on that side
    text = nat.read_text(encoding="utf-8")
    start = text.index("    - id: nat_served_firms")
    nat.write_text(text[:start] + text[text.index("    - id: nat_services"):], encoding="utf-8")
    md = report(load_policy(policy_copy, extra_checks=False))  # its text still states the number we dropped
    assert "国家文件无量化要求：近2年服务的细分产业领域创业项目和中小企业数" in md
    assert "国家文件无量化要求1项" in md


def test_about_and_institution_type_and_of_term_are_checked(cli, policy_copy):
    rules = policy_copy / "tianjin-measures" / "draft-2024" / "rules.yaml"
    _edit(rules, "about: value_added_and_investment_income_share", "about: value_added_income_shares")
    _edit(rules, "institution_type: incubator", "institution_type: incubatr")
    _edit(rules, "of_term: 众创空间总面积", "of_term: 众创空间面积总和")
    code, _, err = cli("validate", "--policy", policy_copy)
    assert code == 2
    assert "about: unknown metric 'value_added_income_shares'" in err and "did you mean" in err
    assert "institution_type: 'incubatr' is not listed under institution_types" in err
    assert "of_term: '众创空间面积总和' is not in the words of 第五条第二项" in err
