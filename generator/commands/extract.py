"""`fuhua extract [FILE ...] [--document ID] [--format json|md]`: the thresholds the spaCy pass reads in the text."""
import sys

from generator.commands.sources import policy_of, versions_of


def add_arguments(parser) -> None:
    parser.add_argument("files", metavar="FILE", nargs="*",
                        help="a policy text file to read directly, through the importer (default: the documents of --policy)")
    parser.add_argument("--document", metavar="ID", action="append", help="only this document (repeatable; default: all)")
    parser.add_argument("--format", choices=("json", "md"), default="json", help="json (default) or md")


def run(args) -> int:
    from generator.crossref.analysis import analyse, threshold_items
    from generator.crossref.report import to_json

    policy = policy_of(args.policy, args.files)
    versions = versions_of(policy, args.files, args.document)
    items = [item for v in versions for item in threshold_items(analyse(policy, v))]
    if args.format == "json":
        sys.stdout.write(to_json(items).decode("utf-8"))
    else:
        from generator.render import render
        sys.stdout.write(render("crossref/extract.md.j2", {"items": items, "versions": versions}, formats=("md",))["md"].decode("utf-8"))
    return 0
