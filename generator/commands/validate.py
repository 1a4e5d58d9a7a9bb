"""`fuhua validate`: load policy/ through every check of the validation pipeline (generator/checks.py)."""
from generator.checks import CHECKS
from generator.policy import load_policy


def add_arguments(parser) -> None:
    pass


def run(args) -> int:
    policy = load_policy(args.policy)
    versions = [v for d in policy.documents.values() for v in d.versions.values()]
    provisions = sum(len(v.provisions) for v in versions)
    rules = sum(sum(len(c) for c in v.rules.conditions.values()) for v in versions)
    print(f"ok: {len(policy.documents)} documents, {len(versions)} versions, {provisions} provisions, {rules} conditions; checked: schema, {', '.join(c.name for c in CHECKS)}")
    for v in versions:
        if not v.rules.institution_types:
            print(f"note: {v.doc_id}/{v.version}: rules.yaml recognises no institution type (institution_types: {{}}): "
                  "no conditions, application forms or checklists come from this version")
    return 0
