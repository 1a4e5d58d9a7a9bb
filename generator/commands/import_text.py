"""`fuhua import FILE [--out FILE_OR_DIR]`: a draft version of a policy document (.txt, .docx, .pdf, .html);
`fuhua import REVISED --into DOC --version NAME`: a revised text as a new version of DOC, rules carried over."""
import re
import sys
from pathlib import Path

from generator.errors import InputError
from generator.model import build_tree
from generator.policy import load_policy
from generator.importer.draft import count_reviews, draft, dump, files
from generator.importer.readers import read
from generator.importer.revise import register, revise
from generator.output import write_atomic, write_folder_atomic

VERSION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

def add_arguments(parser) -> None:
    parser.add_argument("text_file", metavar="FILE", help="the document: .docx (Word), .pdf, .html (a web page) or .txt (UTF-8)")
    parser.add_argument("--out", metavar="FILE_OR_DIR",
                        help="a version folder (policy/<doc>/<version>/) for meta.yaml, text.yaml and rules.yaml, "
                             "or FILE.yaml for one file; default: one YAML on standard output")
    parser.add_argument("--into", metavar="DOC", help="a document of --policy: FILE is its revised text; writes the new version "
                        "folder, keeps provision ids by alignment and carries the rules over (needs --version)")
    parser.add_argument("--version", dest="new_version", metavar="NAME", help="the new version's name (with --into), e.g. revised-2025")


def _revise(args, source: Path) -> int:
    if not args.new_version or not VERSION_NAME.match(args.new_version):
        raise InputError.single(source, "--into needs --version NAME (letters, digits, . _ -), e.g. --version revised-2025")
    policy = load_policy(args.policy, extra_checks=False)
    if args.into not in policy.documents:
        raise InputError.single(policy.directory, f"no document {args.into!r}; the documents are {', '.join(sorted(policy.documents))}")
    doc_dir = Path(policy.directory) / args.into
    out = doc_dir / args.new_version
    if out.exists() or args.new_version in policy.documents[args.into].versions:
        raise InputError.single(out, "this version exists already; choose a new --version name")
    reading = read(source)
    d, carried = revise(reading, source.name, policy, args.into, args.new_version)
    document = register(doc_dir / "document.yaml", args.new_version)
    write_folder_atomic(out, files(d))
    write_atomic(doc_dir / "document.yaml", document)
    print(f"{args.into}@{args.new_version} from {source.name}: {carried.kept_ids} provisions keep their ids, "
          f"{len(carried.new_provisions)} new; {carried.unchanged} quotes stand unchanged, {len(carried.renewed)} with new numbers "
          f"(marked for review), {len(carried.broken)} gone (marked broken); registered in document.yaml, not current; wrote {out}",
          file=sys.stderr)
    for line in carried.renewed:
        print(f"  新数值: {line}", file=sys.stderr)
    for line in carried.broken:
        print(f"  引文已不存在: {line}", file=sys.stderr)
    return 0


def run(args) -> int:
    source = Path(args.text_file)
    if args.into:
        return _revise(args, source)
    reading = read(source)
    d = draft(reading.text, source.name, load_policy(args.policy, extra_checks=False), reading.records)
    out = Path(args.out) if args.out else None
    if out is None:
        sys.stdout.write(dump(d))
    elif out.suffix in (".yaml", ".yml"):
        write_atomic(out, dump(d).encode("utf-8"))
    else:
        if out.exists() and (not out.is_dir() or any(out.iterdir())):
            raise InputError.single(out, "exists and is not an empty folder; choose a new version folder")
        write_folder_atomic(out, files(d))
    marks = count_reviews(d)
    provisions = sum(1 for root in build_tree(d["text"]) for _ in root.walk())
    print(f"draft of {source.name}: {provisions} provisions, "
          f"{sum(len(c) for c in d['rules']['conditions'].values())} proposed conditions, {len(d['rules']['waivers'])} waivers; "
          f"{marks} review marks to resolve (fuhua validate fails until each 'review:' key is checked and deleted)"
          + (f"; wrote {out}" if out else ""), file=sys.stderr)
    return 0
