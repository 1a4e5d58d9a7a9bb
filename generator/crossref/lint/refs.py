"""References to provisions or documents that do not exist, or cited in a malformed way."""
from __future__ import annotations

from generator.crossref.references import find_references, resolve
from generator.model import format_doc_number

PROBLEMS = {"missing": "引用的条款不存在", "mismatch": "引用的文件名称与文号不符",
            "unlisted": "引用的文件无从核实"}


def bad_reference(ctx):
    for node in ctx.nodes:
        for ref in find_references(node.own_text):
            target = resolve(ctx.policy, ctx.version, node, ref)
            if target.status in PROBLEMS:
                yield ctx.finding(node, "bad_reference", ref.text, f"{PROBLEMS[target.status]}：{target.detail}")
            if ref.number and not ref.number["well_formed"]:
                yield ctx.finding(node, "bad_reference", ref.text,
                                  f"文号书写不规范，应作“{format_doc_number(ref.number)}”（六角括号〔〕、四位年份、序号不加虚位）")
