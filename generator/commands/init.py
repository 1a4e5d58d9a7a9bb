"""`fuhua init DIR`: a new workspace for another city or document set (generator/workspace.py)."""
from __future__ import annotations

import sys

from generator.errors import display_path
from generator.workspace import init_workspace

POLICY = False  # works without a policy folder


def add_arguments(parser) -> None:
    parser.add_argument("dir", metavar="DIR", help="the new workspace folder (absent or empty)")
    parser.add_argument("--templates", action="store_true",
                        help="also copy the templates into DIR/templates, to edit; fuhua uses them when FUHUA_TEMPLATES names that folder")


def run(args) -> int:
    files = init_workspace(args.dir, templates=args.templates)
    for path in files:
        print(f"wrote {display_path(path)}")
    print(f"fuhua init: {len(files)} files in {display_path(args.dir)}; next: cd {display_path(args.dir)} && fuhua validate && fuhua build",
          file=sys.stderr)
    return 0
