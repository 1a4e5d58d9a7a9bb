"""The Python API: each `fuhua` command as a function, for scripts and notebooks (the way sqlite-utils
is a library first and a command line over it).

    from generator import api

    policy = api.load("policy")                       # fuhua validate: every check, or InputError
    api.problems("policy")                            # the same checks, as a list (empty: valid)
    result = api.check({"site_area": 2600}, "incubator", policy=policy)   # fuhua check --format json
    report = api.build("build", policy="policy")      # fuhua build: report.written, .rebuilt, .skipped
    api.init("another-city")                          # fuhua init

`policy` is a folder (default: $FUHUA_POLICY, else policy/ in the current folder or a parent) or a
policy already loaded. Bad input raises generator.errors.InputError, whose `problems` each carry a
file, line, column and message, as the commands print them.
"""
from __future__ import annotations

from pathlib import Path

from generator.build import Report
from generator.build import build as _build
from generator.eligibility import evaluate, export_rules, load_profile, validate_profile
from generator.errors import InputError, Problem
from generator.model import Policy
from generator.policy import load_policy
from generator.workspace import init_workspace
from generator.yamlio import Marks

__all__ = ["InputError", "Problem", "build", "check", "init", "load", "problems"]


def load(policy: str | Path | None = None, *, checks: bool = True) -> Policy:
    """The policy folder, loaded through the validation pipeline (`checks=False`: schema, references
    and quotes only, as the commands that read just the text do)."""
    return load_policy(policy, extra_checks=checks)


def problems(policy: str | Path | None = None) -> list[Problem]:
    """What `fuhua validate` reports, as a list; empty when the policy is valid."""
    try:
        load_policy(policy)
    except InputError as exc:
        return sorted(exc.problems)
    return []


def check(profile: dict | str | Path, inst_type: str, *, policy: Policy | str | Path | None = None,
          jurisdiction: str | None = None) -> dict:
    """`fuhua check`: the profile (a mapping of facts, or a YAML/JSON file) against the conditions of
    `inst_type` in `jurisdiction` (default: the policy's home jurisdiction); the result as `--format json`
    gives it (verdict, conditions with status, gap, materials)."""
    loaded = policy if isinstance(policy, Policy) else load_policy(policy, extra_checks=False)
    rules = export_rules(loaded)
    if isinstance(profile, dict):
        facts = validate_profile(profile, Marks({}), "profile", rules)
    else:
        facts = load_profile(profile, rules)
    if inst_type not in rules["types"]:
        raise InputError.single("type", f"unknown institution type '{inst_type}'; known: {', '.join(rules['types'])}")
    return evaluate(rules, inst_type, jurisdiction or loaded.home_jurisdiction, facts)


def build(out: str | Path = "build", *, policy: str | Path | None = None, examples: str | Path | None = None,
          force: bool = False, only: list[str] | None = None, date: str | None = None) -> Report:
    """`fuhua build`: every target (or `only` these) into `out`, incrementally; the build date is
    `date` (YYYY-MM-DD, as --date), else FUHUA_BUILD_DATE, else today."""
    return _build(policy, out, force=force, only=only, examples_dir=examples, build_date=date)


def init(directory: str | Path, *, templates: bool = False) -> list[Path]:
    """`fuhua init [--templates]`: a new workspace in `directory` (absent or empty); the files written."""
    return init_workspace(directory, templates=templates)
