"""Eligibility self-check: does an applicant meet the conditions of a type, by how much does it
miss, and which materials must it prepare.

    rules = export_rules(policy)                        # the one rule set (also the site's rules.json)
    profile = load_profile("profile.yaml", rules)       # validated, field by field
    result = evaluate(rules, "incubator", policy.home_jurisdiction, profile)

Modules: rules (export), profile (schema and validation), evaluate (the algorithm; selfcheck.js
is its browser twin), arith (shared primitives), report/outputs (formats), batch/summary.
"""
from generator.eligibility.evaluate import evaluate
from generator.eligibility.profile import load_profile, profile_schema, validate_profile
from generator.eligibility.rules import export_rules

__all__ = ["evaluate", "export_rules", "load_profile", "profile_schema", "validate_profile"]
