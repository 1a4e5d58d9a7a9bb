"""policy/ checked against the text, as part of `fuhua validate`."""
import subprocess
import sys

import pytest

from generator.errors import InputError
from generator.policy import load_policy

TJ = "tianjin-measures/draft-2024"


def edit(policy_dir, relpath, old, new, count=1):
    path = policy_dir / relpath
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def problems(policy_dir):
    with pytest.raises(InputError) as exc:
        load_policy(policy_dir)
    return [str(p) for p in sorted(exc.value.problems)]


def test_policy_agrees_with_its_text(policy):
    assert policy.documents  # load_policy ran the check without a problem


def test_encoded_value_that_the_text_does_not_state(policy_copy):
    edit(policy_copy, f"{TJ}/rules.yaml", "      comparator: \">=\"\n      value: 15\n", "      comparator: \">=\"\n      value: 16\n")
    (p,) = problems(policy_copy)
    assert "rules.yaml:" in p and "conditions.accelerator[1].value: >= 16家 is not stated in the quoted words of 第七条第一项" in p
    assert "the quoted words say '不少于15家'" in p


def test_encoded_comparator_and_base_are_checked_too(policy_copy):
    edit(policy_copy, f"{TJ}/rules.yaml", "      quote: 单笔投资不低于30万元\n      kind: threshold\n      metric: smallest_single_investment\n      comparator: \">=\"",
         "      quote: 单笔投资不低于30万元\n      kind: threshold\n      metric: smallest_single_investment\n      comparator: \">\"")
    edit(policy_copy, f"{TJ}/rules.yaml", "per: {metric: site_area, amount: 1000, unit: 平方米}", "per: {metric: site_area, amount: 100, unit: 平方米}")
    found = problems(policy_copy)
    assert len(found) == 2
    assert any("> 30万元 is not stated" in p for p in found)
    assert any(">= 3家 per 100平方米 is not stated" in p for p in found)


def test_threshold_in_text_must_be_encoded_or_waived(policy_copy):
    edit(policy_copy, f"{TJ}/text.yaml", "提升服务效率。", "提升服务效率，每年培训不少于4场次。")
    (p,) = problems(policy_copy)
    assert "text.yaml:" in p and "第二十七条: the text states the threshold '不少于4场次' but rules.yaml does not encode it" in p
    edit(policy_copy, f"{TJ}/rules.yaml", "waivers:\n", "waivers:\n  - {provision: art_27, quote: 每年培训不少于4场次, reason: 倡导性要求，不作为认定条件}\n")
    load_policy(policy_copy)


def test_stale_waiver(policy_copy):
    edit(policy_copy, f"{TJ}/rules.yaml", "waivers:\n", "waivers:\n  - {provision: art_27, quote: 提升服务效率, reason: 无数字}\n")
    (p,) = problems(policy_copy)
    assert "waivers[0]: no quantity or date of art_27 lies in the quoted words '提升服务效率'; remove the waiver" in p


def test_removed_waiver_makes_its_quantity_unencoded(policy_copy):
    path = policy_copy / TJ / "rules.yaml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if "1年内被取消资格, reason" not in line]
    path.write_text("".join(lines).replace("waivers:\n", "waivers: []\n"), encoding="utf-8")
    (p,) = problems(policy_copy)
    assert "第二十条: the text states the threshold '1年内'" in p


def test_meta_dates_against_the_text(policy_copy):
    edit(policy_copy, f"{TJ}/meta.yaml", 'expires: "2026-12-31"', 'expires: "2026-12-30"')
    found = problems(policy_copy)
    assert any("meta.yaml" in p and "dates.expires: 2026-12-30 is not stated in its source quote" in p for p in found)
    assert any("text.yaml" in p and "the date '2026年12月31日' is not in meta.yaml dates" in p for p in found)


def test_validate_command_reports_with_lines(cli, policy_copy):
    edit(policy_copy, f"{TJ}/rules.yaml", "value: 2500", "value: 2600")
    code, _, err = cli("validate", "--policy", policy_copy)
    assert code == 2
    assert "rules.yaml:" in err and ">= 2600平方米 is not stated in the quoted words of 第六条第二项" in err


def test_validate_does_not_import_spacy():
    code = "import sys; from generator.policy import load_policy; load_policy(); sys.exit('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_one_problem_per_disagreement_when_rules_share_a_quote(policy_copy):
    edit(policy_copy, f"{TJ}/rules.yaml", 'grade: 优秀, comparator: "<=", value: 40,', 'grade: 优秀, comparator: "<=", value: 45,')
    (p,) = problems(policy_copy)
    assert "rewards[0].value: <= 45万元 is not stated" in p and "'不高于40万元'" in p
