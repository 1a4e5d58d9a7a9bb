"""fuhua fill: the application form of one type, pre-filled from a profile (facts in their fields,
firm lists in the 附表, the self-check's status beside each condition); left to do: sign and seal.

    fuhua fill --profile FILE --type incubator [--jurisdiction J] [--date YYYY-MM-DD] [--out F.docx]
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.build import BuildContext
from generator.eligibility.evaluate import evaluate
from generator.eligibility.profile import load_profile
from generator.eligibility.rules import export_rules
from generator.errors import InputError
from generator.generators import fill, forms
from generator.output import write_atomic
from generator.policy import load_policy
from generator.render import render


def add_arguments(parser) -> None:
    parser.add_argument("--profile", required=True, metavar="FILE", help="申报主体信息 (YAML or JSON; see schemas/profile.schema.json)")
    parser.add_argument("--type", required=True, metavar="TYPE", help="makerspace | incubator | accelerator")
    parser.add_argument("--jurisdiction", metavar="J", help="whose form (default: project.yaml home_jurisdiction, the only one that issues forms)")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the application date the form's years count back from (default: FUHUA_BUILD_DATE, else today)")
    parser.add_argument("--out", metavar="FILE.docx", help="output file (default: 申报书-<type>.docx here)")


def run(args) -> int:
    policy = load_policy(args.policy, extra_checks=False)
    rules = export_rules(policy)
    home = policy.home_jurisdiction  # the forms are the home jurisdiction's
    jurisdiction = args.jurisdiction or home
    if jurisdiction not in rules["jurisdictions"]:
        raise InputError.single("--jurisdiction", f"unknown jurisdiction '{jurisdiction}'; known: {', '.join(rules['jurisdictions'])}")
    if jurisdiction != home:
        raise InputError.single("--jurisdiction", f"no application form for '{jurisdiction}': forms exist for {home} only")
    if args.type not in forms.types(policy):
        raise InputError.single("--type", f"no application form for type '{args.type}'; forms exist for: {', '.join(forms.types(policy))}")
    try:
        date = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise InputError.single("--date", f"'{args.date}' is not a date (YYYY-MM-DD)") from None
    today = BuildContext(policy.directory, ".", build_date=date).today
    profile = load_profile(args.profile, rules)
    result = evaluate(rules, args.type, jurisdiction, profile)
    form = render("forms/application.md.j2", forms.form_context(policy, args.type, rules, today), formats=("docx",))["docx"]
    out = Path(args.out) if args.out else Path(f"申报书-{args.type}.docx")
    write_atomic(out, fill.fill_form(form, profile, result, rules, jurisdiction))
    print(f"wrote {out}")
    return 0
