"""`fuhua population`: a synthetic population of institutions (CSV or .xlsx), one row per
institution in the profile's facts, from the distributions of a YAML config.

    fuhua population --size 15000 --seed 1 --out 机构名录.csv [--type incubator] [--config my.yaml]
"""
from __future__ import annotations

import sys
from pathlib import Path

from generator.eligibility.rules import export_rules
from generator.errors import InputError
from generator.impact import population
from generator.output import write_atomic
from generator.errors import display_path
from generator.policy import load_policy

HELP = "生成合成机构总体 (a synthetic population of institutions)"
FORMATS = (".csv", ".xlsx")


def add_arguments(parser) -> None:
    parser.add_argument("--size", type=int, required=True, metavar="N", help="number of institutions")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1): the same seed gives the same rows")
    parser.add_argument("--type", metavar="TYPE", help="only this institution type (default: the mix in the config)")
    parser.add_argument("--config", metavar="FILE", help=f"distributions (default {display_path(population.DEFAULT_CONFIG)})")
    parser.add_argument("--out", required=True, metavar="FILE", help="FILE.csv or FILE.xlsx")


def run(args) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in FORMATS:
        raise InputError.single("--out", f"{args.out}: write a .csv or .xlsx file")
    if args.size < 1:
        raise InputError.single("--size", f"--size must be at least 1, got {args.size}")
    rules = export_rules(load_policy(args.policy, extra_checks=False))
    if args.type and args.type not in rules["types"]:
        raise InputError.single("--type", f"unknown institution type '{args.type}'; known: {', '.join(rules['types'])}")
    config = population.load_config(Path(args.config) if args.config else None, rules)
    pop = population.generate(rules, config, args.size, args.seed, args.type)
    data = population.to_xlsx(pop, rules) if out.suffix.lower() == ".xlsx" else population.to_csv(pop, rules)
    write_atomic(out, data)
    print(f"wrote {len(pop.institutions)} synthetic institutions (seed {args.seed}) to {display_path(out)}", file=sys.stderr)
    return 0
