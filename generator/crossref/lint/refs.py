"""References to provisions of the same text that do not exist, titles cited with another
document's number, malformed document numbers (bad_reference, errors), and documents that neither
policy/ nor the text's own based_on/repeals list (unresolved_reference, a note: an unknown outside
document is not an error, only something nobody has checked)."""
from __future__ import annotations

from generator.crossref.messages import say
from generator.crossref.references import find_references, resolve
from generator.model import format_doc_number

PROBLEMS = {"missing": "missing_target", "mismatch": "mismatched_target"}  # messages.yaml keys


def bad_reference(ctx):
    for node in ctx.nodes:
        for ref in find_references(node.own_text):
            target = resolve(ctx.policy, ctx.version, node, ref)
            if target.status in PROBLEMS:
                yield ctx.finding(node, "bad_reference", ref.text, say(PROBLEMS[target.status], detail=target.detail))
            elif target.status == "unlisted":
                yield ctx.finding(node, "unresolved_reference", ref.text, say("unlisted_target", detail=target.detail))
            if ref.number and not ref.number["well_formed"]:
                yield ctx.finding(node, "bad_reference", ref.text, say("bad_number", number=format_doc_number(ref.number)))
