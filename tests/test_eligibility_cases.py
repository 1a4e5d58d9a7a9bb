"""The evaluator against hand-computed cases (tests/profiles/*.yaml): verdicts, statuses, gaps,
arithmetic, derived counts and materials, across the three types and both jurisdictions."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.eligibility import evaluate, export_rules, validate_profile
from generator.yamlio import load_file

CASES_DIR = Path(__file__).parent / "profiles"
CASE_FILES = sorted(CASES_DIR.glob("*.yaml"))


def load_case(path: Path) -> dict:
    return load_file(path)[0]


@pytest.fixture(scope="module")
def rules(policy):
    return export_rules(policy)


def run_case(rules, path: Path):
    case = load_case(path)
    data, marks = load_file(path)
    profile = validate_profile(case["profile"], marks, str(path), rules)
    return case, evaluate(rules, case["type"], case["jurisdiction"], profile)


def test_enough_cases_across_types_and_jurisdictions():
    cases = [load_case(p) for p in CASE_FILES]
    assert len(cases) >= 30
    assert {c["type"] for c in cases} == {"makerspace", "incubator", "accelerator"}
    assert {c["jurisdiction"] for c in cases} == {"tianjin", "national"}
    assert {c["expect"]["verdict"] for c in cases} == {"eligible", "not_eligible", "undetermined"}


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_case(rules, path):
    case, result = run_case(rules, path)
    expect = case["expect"]
    by_id = {c["id"]: c for c in result["conditions"]}
    assert result["verdict"] == expect["verdict"]
    for cid, status in expect.get("status", {}).items():
        assert by_id[cid]["status"] == status, (cid, by_id[cid])
    for cid, gap in expect.get("gap", {}).items():
        assert by_id[cid]["gap"] == gap, cid
    for cid, actual in expect.get("actual", {}).items():
        assert by_id[cid]["actual"] == actual, cid
    for cid, missing in expect.get("missing", {}).items():
        assert by_id[cid]["missing"] == missing, cid
    for cid, fragment in expect.get("reasons_include", {}).items():
        assert any(fragment in r for r in by_id[cid]["reasons"]), (cid, by_id[cid]["reasons"])
    assert {d["metric"]: d["value"] for d in result["derived"]} == expect.get("derived", {})
    materials = {m["id"]: m for m in result["materials"]}
    for mid in expect.get("materials_include", []):
        assert mid in materials and materials[mid]["when"] is None
    for mid in expect.get("materials_exclude", []):
        assert mid not in materials
    for mid, when in expect.get("materials_when", {}).items():
        assert materials[mid]["when"] == when


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_result_shape(rules, path):
    """The JSON carries type, jurisdiction, document, verdict and per condition id, citation,
    requirement, status, actual, gap and evidence; statuses and gaps are consistent."""
    case, result = run_case(rules, path)
    assert {"type", "jurisdiction", "document", "verdict", "conditions"} <= set(result)
    for c in result["conditions"]:
        assert {"id", "citation", "requirement", "status", "actual", "gap", "evidence", "action"} <= set(c)
        assert c["citation"].startswith(("第", "三、"))
        assert (c["gap"] is not None) == (c["status"] == "not_met")
        assert bool(c["missing"] or c["reasons"]) == (c["status"] == "unknown")
        assert (c["evidence"] is not None) == (c["kind"] == "evidence")
        if c["status"] == "not_applicable":
            assert c["materials"] == []
    statuses = [c["status"] for c in result["conditions"]]
    assert result["counts"] == {s: statuses.count(s) for s in result["counts"]}


def test_failing_conditions_first_in_text(cli, tmp_path):
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(load_case(CASES_DIR / "ms_several_short.yaml")["profile"]), encoding="utf-8")
    code, out, _ = cli("check", "--profile", profile, "--type", "makerspace")
    assert code == 0
    failing = out.index("【不符合】")
    assert failing < out.index("【需提供证明】") < out.index("【符合】") < out.index("【需准备的材料】")
