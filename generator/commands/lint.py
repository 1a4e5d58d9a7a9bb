"""`fuhua lint [FILE ...] [--document ID] [--format text|json|md] [--date YYYY-MM-DD]`: drafting problems in the text,
judged on the build date (--date).
Exit code 1 when there are findings (as linters do), 0 when there are none or only notes
(a cited document nobody has listed is a note, not a problem)."""
import sys

from generator.clock import add_date_option, build_date
from generator.commands.sources import policy_of, versions_of


def add_arguments(parser) -> None:
    parser.add_argument("files", metavar="FILE", nargs="*",
                        help="a policy text file to read directly, through the importer (default: the documents of --policy)")
    parser.add_argument("--document", metavar="ID", action="append", help="only this document (repeatable; default: all)")
    parser.add_argument("--format", choices=("text", "json", "md"), default="text", help="text (default), json or md")
    add_date_option(parser)


def run(args) -> int:
    from generator.crossref.lint import KIND_NAMES, lint_version
    from generator.crossref.report import to_json

    today = build_date(args.date)
    policy = policy_of(args.policy, args.files)
    versions = versions_of(policy, args.files, args.document)
    findings = [f for v in versions for f in lint_version(policy, v, today)]
    if args.format == "json":
        sys.stdout.write(to_json([f.as_dict() for f in findings]).decode("utf-8"))
    elif args.format == "md":
        from generator.render import render
        context = {"findings": [f.as_dict() for f in findings], "versions": versions, "today": today, "kind_names": KIND_NAMES}
        sys.stdout.write(render("crossref/lint.md.j2", context, formats=("md",))["md"].decode("utf-8"))
    else:
        from generator.eligibility.report import render_text
        sys.stdout.write(render_text("crossref/lint.txt.j2", {"findings": [f.as_dict() for f in findings], "versions": versions,
                                                             "kind_names": KIND_NAMES}))
        notes = sum(f.is_note for f in findings)
        print(f"{len(findings) - notes} finding(s) and {notes} note(s) in {len(versions)} document(s), judged on {today.isoformat()}",
              file=sys.stderr)
    return 1 if any(not f.is_note for f in findings) else 0
