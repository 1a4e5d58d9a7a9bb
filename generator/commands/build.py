"""fuhua build [--out DIR] [--examples DIR] [--force] [--only TARGET ...] [--date YYYY-MM-DD]:
generate every output (see generator/build/)."""
from __future__ import annotations

from pathlib import Path

from generator.clock import add_date_option
from generator.errors import display_path


def add_arguments(parser) -> None:
    parser.add_argument("--out", default="build", metavar="DIR", help="output folder (default: build/)")
    parser.add_argument("--examples", metavar="DIR", help="input folder with notices/*.yaml and assessments/*.yaml (default: examples/)")
    parser.add_argument("--force", action="store_true", help="rebuild every target, even if its inputs are unchanged")
    parser.add_argument("--only", nargs="+", metavar="TARGET", help="build only these targets")
    parser.add_argument("--quiet", "-q", action="store_true", help="print only the summary")
    add_date_option(parser)


def run(args) -> int:
    from generator.build import build

    report = build(args.policy, args.out, force=args.force, only=args.only, examples_dir=args.examples,
                   build_date=args.date)
    out = Path(args.out)

    if not args.quiet:
        for rel in report.written:
            print(f"wrote     {display_path(out / rel)}")
        for rel in report.removed:
            print(f"removed   {display_path(out / rel)} (no longer generated)")
        for rel in report.kept:
            print(f"kept      {display_path(out / rel)} (no longer generated, but edited since; not deleted)")
    rebuilt = ", ".join(report.rebuilt) or "none"
    skipped = ", ".join(report.skipped) or "none"
    print(f"fuhua build: {len(report.written)} written, {len(report.unchanged)} unchanged, {len(report.removed)} removed "
          f"in {display_path(out)}; rebuilt: {rebuilt}; skipped (inputs unchanged): {skipped}")
    return 0
