"""`fuhua crossref [--out DIR]`: the cross-reference report as crossref.json, crossref.md (site)
and crossref.docx. Every file is rendered before any is written."""
import sys
from pathlib import Path

from generator.clock import add_date_option, build_date
from generator.policy import load_policy

DEFAULT_OUT = Path("build") / "crossref"


def add_arguments(parser) -> None:
    parser.add_argument("--out", metavar="DIR", default=str(DEFAULT_OUT), help="output folder (default: build/crossref)")
    add_date_option(parser)


def run(args) -> int:
    from generator.crossref.report import report_data, report_files
    from generator.output import write_atomic

    today = build_date(args.date)
    policy = load_policy(args.policy)
    files = report_files(report_data(policy, today))
    out = Path(args.out)
    for ext, content in files.items():
        write_atomic(out / f"crossref.{ext}", content)
    print(f"wrote {', '.join(str(out / f'crossref.{ext}') for ext in files)}", file=sys.stderr)
    return 0
