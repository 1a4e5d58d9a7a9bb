"""References to provisions of the same text that do not exist, titles cited with another
document's number, malformed document numbers (bad_reference, errors), and documents that neither
policy/ nor the text's own based_on/repeals list (unresolved_reference, a note: an unknown outside
document is not an error, only something nobody has checked)."""
from __future__ import annotations

from generator.crossref.references import find_references, resolve
from generator.model import format_doc_number

PROBLEMS = {"missing": "引用的条款不存在", "mismatch": "引用的文件名称与文号不符"}
UNRESOLVED = "引用的文件未收录，无从核实（提示）"


def bad_reference(ctx):
    for node in ctx.nodes:
        for ref in find_references(node.own_text):
            target = resolve(ctx.policy, ctx.version, node, ref)
            if target.status in PROBLEMS:
                yield ctx.finding(node, "bad_reference", ref.text, f"{PROBLEMS[target.status]}：{target.detail}")
            elif target.status == "unlisted":
                yield ctx.finding(node, "unresolved_reference", ref.text, f"{UNRESOLVED}：{target.detail}")
            if ref.number and not ref.number["well_formed"]:
                yield ctx.finding(node, "bad_reference", ref.text,
                                  f"文号书写不规范，应作“{format_doc_number(ref.number)}”（六角括号〔〕、四位年份、序号不加虚位）")
