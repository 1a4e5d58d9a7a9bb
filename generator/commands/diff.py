"""`fuhua diff OLD NEW`: 新旧对照 of two versions or two policy folders."""
import sys
from pathlib import Path

from generator.build.impact import OUTPUT_MODES, changed_outputs
from generator.build.targets import TARGETS
from generator.errors import InputError
from generator.output import write_atomic
from generator.revisions import formats
from generator.revisions.report import revision, sides


def add_arguments(parser) -> None:
    parser.add_argument("old", metavar="OLD", help="DOC_ID@VERSION (or DOC_ID: its current version) in --policy, or a policy folder")
    parser.add_argument("new", metavar="NEW", help="the same form as OLD")
    parser.add_argument("--format", choices=formats.FORMATS, default="text", help="text (default), json, md (a site page) or docx (修订对照表)")
    parser.add_argument("--outputs", choices=OUTPUT_MODES, default="files",
                        help="which generated files change: files (default; runs the affected build targets on both sides), "
                             "targets (the build targets only, from what each reads), none")
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output (required for docx)")


def run(args) -> int:
    if args.format == "docx" and not args.out:
        raise InputError.single("--out", "--format docx writes a file: give --out FILE.docx")
    old, new = sides(args.old, args.new, args.policy)
    rev = revision(old, new)
    mode = args.outputs
    if mode == "files" and (marks := sum(len(d.pending) for d in rev.documents)):
        mode = "targets"  # a rule awaiting review may cite a provision that is gone: the build would stop on it
        print(f"note: {marks} review mark(s) not yet resolved: listing the build targets that read what changed, "
              "not their files (resolve the marks, then diff again for the files)", file=sys.stderr)
    rev.outputs = changed_outputs(old, new, TARGETS, mode)
    content = formats.render_revision(rev, args.format)
    if not args.out:
        sys.stdout.write(content.decode("utf-8"))
        return 0
    write_atomic(Path(args.out), content)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0
