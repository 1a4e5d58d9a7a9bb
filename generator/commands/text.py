import sys

from generator.errors import InputError
from generator.policy import load_policy
from generator.text import render


def add_arguments(parser) -> None:
    parser.add_argument("doc_id", metavar="DOC_ID", help="document id: the name of its folder in policy/")
    parser.add_argument("--version", help="version (default: the current one)")


def run(args) -> int:
    policy = load_policy(args.policy, extra_checks=False)
    if args.doc_id not in policy.documents:
        raise InputError.single(policy.directory, f"no document '{args.doc_id}'; known: {', '.join(policy.documents)}")
    doc = policy.documents[args.doc_id]
    if args.version and args.version not in doc.versions:
        raise InputError.single(policy.directory, f"document '{args.doc_id}' has no version '{args.version}'; known: {', '.join(doc.versions)}")
    sys.stdout.write(render(policy.version(args.doc_id, args.version)))
    return 0
