"""The browser evaluator (selfcheck.js) agrees with the Python evaluator: the same full result for
every test profile, run in a real headless Chromium from the exported rules JSON."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.eligibility import evaluate, export_rules
from generator.eligibility.rules import FORMAT
from generator.yamlio import load_file

pytestmark = pytest.mark.slow  # Chromium

SELFCHECK_JS = Path(__file__).parent.parent / "generator" / "eligibility" / "selfcheck.js"
CASES = sorted((Path(__file__).parent / "profiles").glob("*.yaml"))


@pytest.fixture(scope="module")
def page(browser):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_content("<!doctype html><meta charset=utf-8><title>selfcheck</title>")
    page.add_script_tag(content=SELFCHECK_JS.read_text(encoding="utf-8"))
    yield page
    assert not errors, errors
    page.close()


@pytest.fixture(scope="module")
def rules(policy):
    # through JSON, exactly as the site ships it in rules.json
    return json.loads(json.dumps(export_rules(policy), ensure_ascii=False))


def in_browser(page, rules, inst_type, jurisdiction, profile):
    return page.evaluate("([r, t, j, p]) => FuhuaSelfcheck.evaluate(r, t, j, p)", [rules, inst_type, jurisdiction, profile])


def test_cases_cover_both_evaluators():
    assert len(CASES) >= 30


def test_same_results_for_every_test_profile(page, rules):
    compared = 0
    for path in CASES:
        case = load_file(path)[0]
        jurisdictions = [j for j, spec in rules["jurisdictions"].items() if case["type"] in spec["types"]]
        for j in jurisdictions:  # each profile under every jurisdiction that has its type
            py = json.loads(json.dumps(evaluate(rules, case["type"], j, case["profile"]), ensure_ascii=False))
            js = in_browser(page, rules, case["type"], j, case["profile"])
            assert js["verdict"] == py["verdict"], (path.name, j)
            for a, b in zip(js["conditions"], py["conditions"]):
                assert (a["id"], a["status"], a["gap"]) == (b["id"], b["status"], b["gap"]), (path.name, j)
            assert js == py, (path.name, j)
            compared += 1
    assert compared >= 40


def test_browser_rejects_rules_of_another_format(page, rules):
    broken = dict(rules, format=FORMAT + 1)
    message = page.evaluate("([r]) => { try { FuhuaSelfcheck.evaluate(r, 'incubator', 'tianjin', {}); return ''; } "
                            "catch (e) { return String(e.message); } }", [broken])
    assert "format" in message


def test_browser_validate_flags_the_fields_python_rejects(page, rules):
    bad = {"site_area": -1, "workstations": 30.5, "site_rented": "是", "value_added_and_investment_income_share": 120,
           "rd_spend_by_year": [100, 130], "site_aera": 3, "mentors": 3}
    problems = page.evaluate("([r, p]) => FuhuaSelfcheck.validate(r, p)", [rules, bad])
    assert {(p["field"], p["code"]) for p in problems} == {
        ("site_area", "negative"), ("workstations", "type"), ("site_rented", "type"),
        ("value_added_and_investment_income_share", "above_100"), ("rd_spend_by_year", "years"), ("site_aera", "unknown_key")}
    # like profile.py, the checks across fields run once every field is well formed
    inconsistent = {"fund_size": 1e15, "site_area": 600, "workstation_and_public_area": 601, "applicant": "甲\x07"}
    problems = page.evaluate("([r, p]) => FuhuaSelfcheck.validate(r, p)", [rules, inconsistent])
    assert {(p["field"], p["code"]) for p in problems} == {
        ("fund_size", "too_large"), ("workstation_and_public_area", "above_whole"), ("applicant", "control_character")}


def test_facts_for_lists_only_what_the_type_needs(page, rules):
    facts = page.evaluate("([r]) => FuhuaSelfcheck.factsFor(r, 'accelerator', 'national')", [rules])
    assert "value_added_and_investment_income_share" in facts and "municipal_incubator" not in facts
    assert "site_area" not in facts
