"""`fuhua crossref [--out DIR]`: the cross-reference report as crossref.json, crossref.md (site)
and crossref.docx. Every file is rendered before any is written."""
import sys
from pathlib import Path

from generator.policy import load_policy

DEFAULT_OUT = Path("build") / "crossref"


def add_arguments(parser) -> None:
    parser.add_argument("--out", metavar="DIR", default=str(DEFAULT_OUT), help="output folder (default: build/crossref)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="the date validity is judged on (default: FUHUA_BUILD_DATE, else today)")


def run(args) -> int:
    from generator.crossref.report import report_data, report_files, today_from
    from generator.output import write_atomic

    today = today_from(args.today)
    policy = load_policy(args.policy)
    files = report_files(report_data(policy, today))
    out = Path(args.out)
    for ext, content in files.items():
        write_atomic(out / f"crossref.{ext}", content)
    print(f"wrote {', '.join(str(out / f'crossref.{ext}') for ext in files)}", file=sys.stderr)
    return 0
