"""fuhua check: evaluate an applicant profile against the conditions of one institution type.

    fuhua check --profile FILE --type incubator [--jurisdiction J] [--format text|json|md|docx] [--out FILE]
    fuhua check --profile FILE --type accelerator --compare        # every jurisdiction with the type, side by side
    fuhua check --profiles DIR_OR_CSV --type incubator --out DIR    # batch pre-screening
"""
from __future__ import annotations

import difflib
import sys
from pathlib import Path

from generator.eligibility import batch, outputs
from generator.eligibility.evaluate import evaluate
from generator.eligibility.profile import load_profile
from generator.eligibility.rules import export_rules
from generator.errors import InputError
from generator.output import write_atomic
from generator.policy import load_policy

FORMATS = ("text", "json", "md", "docx")


def add_arguments(parser) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--profile", metavar="FILE", help="申报主体信息 (YAML or JSON; see schemas/profile.schema.json)")
    source.add_argument("--profiles", metavar="DIR_OR_CSV", help="batch: a folder of profiles, or a .csv/.xlsx table with one applicant per row")
    parser.add_argument("--type", required=True, metavar="TYPE", help="makerspace | incubator | accelerator")
    parser.add_argument("--jurisdiction", metavar="J", help="a jurisdiction of policy/ (default: project.yaml home_jurisdiction)")
    parser.add_argument("--compare", action="store_true", help="evaluate under every jurisdiction that has this type, side by side")
    parser.add_argument("--format", choices=FORMATS, default="text", help="single profile: output format (default text)")
    parser.add_argument("--out", metavar="PATH", help="single profile: output file (default stdout); batch: output folder (required)")
    parser.add_argument("--workers", type=int, metavar="N", help="batch: worker processes (default: one per core)")


def run(args) -> int:
    policy = load_policy(args.policy, extra_checks=False)
    rules = export_rules(policy)
    if args.jurisdiction is None:
        args.jurisdiction = policy.home_jurisdiction
    jurisdictions = _jurisdictions(rules, args)
    if args.profiles:
        if not args.out:
            raise InputError.single(args.profiles, "--profiles needs --out DIR for the checklists and the summary table")
        return batch.run(rules, args.type, jurisdictions, Path(args.profiles), Path(args.out), args.jurisdiction, args.workers)
    profile = load_profile(args.profile, rules)
    if args.format == "docx" and not args.out:
        raise InputError.single(args.profile, "--format docx needs --out FILE.docx")
    results = {j: evaluate(rules, args.type, j, profile) for j in jurisdictions}
    data = outputs.render(results, rules, args.format, args.jurisdiction)
    if args.out:
        write_atomic(Path(args.out), data)
    elif isinstance(data, str):
        sys.stdout.write(data)
    return 0


def _jurisdictions(rules: dict, args) -> list[str]:
    """The jurisdictions to evaluate: the one asked for, or with --compare all that have the type."""
    known = rules["jurisdictions"]
    types = rules["types"]
    if args.type not in types:
        raise InputError.single("--type", f"unknown institution type '{args.type}'{_hint(args.type, types)}; known: {', '.join(types)}")
    having = [j for j, spec in known.items() if args.type in spec["types"]]
    if args.compare:
        if len(having) < 2:
            raise InputError.single("--compare", f"only {', '.join(having)} has conditions for {args.type}; nothing to compare")
        return having
    if args.jurisdiction not in known:
        raise InputError.single("--jurisdiction", f"unknown jurisdiction '{args.jurisdiction}'{_hint(args.jurisdiction, known)}; known: {', '.join(known)}")
    if args.jurisdiction not in having:
        title = known[args.jurisdiction]["document"]["title"]
        raise InputError.single("--jurisdiction", f"《{title}》 has no conditions for {args.type}; it covers: {', '.join(known[args.jurisdiction]['types'])}")
    return [args.jurisdiction]


def _hint(name: str, options) -> str:
    near = difflib.get_close_matches(name, list(options), n=1)
    return f" (did you mean '{near[0]}'?)" if near else ""
