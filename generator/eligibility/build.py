"""Build target "eligibility": the rule export and browser evaluator for the site, the profile
schema, and the tailored checklists of the worked examples in examples/profiles/.

    eligibility/rules.json, eligibility/selfcheck.js, eligibility/profile.schema.json
    eligibility/tailored-checklist-<type>.{md,docx}   one per examples/profiles/<type>.yaml
    eligibility/compare-<type>.{md,docx}              for each type more than one jurisdiction covers
"""
from __future__ import annotations

import json
from pathlib import Path

from generator.eligibility import outputs
from generator.eligibility.evaluate import evaluate
from generator.eligibility.profile import load_profile, schema_text
from generator.errors import InputError

SELFCHECK_JS = Path(__file__).with_name("selfcheck.js")
# the browser's form filler and the zip library it uses (MIT, licence beside it)
FORMFILL = {"eligibility/formfill.js": Path(__file__).with_name("formfill.js"),
            "eligibility/fflate.js": Path(__file__).parent / "vendor" / "fflate.js",
            "eligibility/fflate.LICENSE.txt": Path(__file__).parent / "vendor" / "fflate.LICENSE.txt"}


def rules_json(rules: dict) -> bytes:
    return (json.dumps(rules, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def examples(ctx) -> dict[str, bytes]:
    rules = ctx.rules
    out = {"eligibility/rules.json": rules_json(rules), "eligibility/selfcheck.js": SELFCHECK_JS.read_bytes(),
           "eligibility/profile.schema.json": schema_text(rules).encode("utf-8"),
           **{name: path.read_bytes() for name, path in FORMFILL.items()}}
    problems = []
    for path in sorted((ctx.examples_dir / "profiles").glob("*.yaml")):
        inst_type = path.stem
        if inst_type not in rules["types"]:
            continue
        try:
            profile = load_profile(path, rules)
        except InputError as exc:
            problems += exc.problems
            continue
        having = [j for j, spec in rules["jurisdictions"].items() if inst_type in spec["types"]]
        home = ctx.policy.home_jurisdiction
        primary = home if home in having else having[0]
        single = {primary: evaluate(rules, inst_type, primary, profile)}
        both = {j: evaluate(rules, inst_type, j, profile) for j in having}
        made = {"tailored-checklist": single, **({"compare": both} if len(both) > 1 else {})}
        for name, results in made.items():
            for fmt, data in outputs.documents(results, rules, ("md", "docx"), primary, sample=True).items():
                out[f"eligibility/{name}-{inst_type}.{fmt}"] = _bytes(data)
    if problems:
        raise InputError(problems)
    return out


def _bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data
