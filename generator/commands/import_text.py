"""`fuhua import FILE [--out FILE_OR_DIR]`: a draft version of a policy document (.txt, .docx, .pdf, .html)."""
import sys
from pathlib import Path

from generator.errors import InputError
from generator.model import build_tree
from generator.policy import load_policy
from generator.importer.draft import count_reviews, draft, dump, files
from generator.importer.readers import read
from generator.output import write_atomic, write_folder_atomic

def add_arguments(parser) -> None:
    parser.add_argument("text_file", metavar="FILE", help="the document: .docx (Word), .pdf, .html (a web page) or .txt (UTF-8)")
    parser.add_argument("--out", metavar="FILE_OR_DIR",
                        help="a version folder (policy/<doc>/<version>/) for meta.yaml, text.yaml and rules.yaml, "
                             "or FILE.yaml for one file; default: one YAML on standard output")


def run(args) -> int:
    source = Path(args.text_file)
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
