"""The site's words live in templates/site/*.j2, not in Python: generator/site/ holds no Chinese
string but in docstrings and comments, and the few status values code must compare against are
meta.schema.json's own."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from generator import PROJECT_ROOT, model

SITE_CODE = sorted((PROJECT_ROOT / "generator" / "site").glob("*.py"))
HAN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")  # Han, CJK punctuation, full-width forms


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string nodes that are docstrings (of the module, a class or a function)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                out.add(id(first.value))
    return out


def _patterns(tree: ast.AST) -> set[int]:
    """ids of the strings compiled as regular expressions: code that reads text, not wording."""
    return {id(node.args[0]) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "compile"
            and node.args and isinstance(node.args[0], ast.Constant)}


def chinese_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal holding Chinese words or punctuation, docstrings and
    regular expressions aside (comments are not literals)."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _patterns(tree)
    return sorted((node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
            and HAN.search(node.value))


@pytest.mark.parametrize("path", SITE_CODE, ids=lambda p: p.name)
def test_site_code_holds_no_page_wording(path: Path):
    found = chinese_literals(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}: wording belongs in templates/site/*.j2: {found}"


def test_the_check_finds_wording():
    """The check itself can fail: an f-string, a plain literal, full-width punctuation and an
    escaped ideographic space are found; a docstring, a comment and a regular expression are not."""
    source = ('"""模块说明。"""\nx = f"依据{y}"  # 注释\nz = "（"\nCITED = re.compile(r"（(.+?)）")\n\n\n'
              'def f():\n    """函数说明"""\n    return "全文" + "\\u3000"\n')
    assert [line for line, _ in chinese_literals(source)] == [2, 3, 9, 9]


def test_status_values_are_the_schemas():
    """The statuses code compares against (drafts, lapsed) are values meta.yaml may hold."""
    schema = json.loads((PROJECT_ROOT / "schemas" / "meta.schema.json").read_text(encoding="utf-8"))
    assert {*model.DRAFT_STATUSES, model.LAPSED_STATUS} <= set(schema["properties"]["status"]["enum"])


def broken_sentences(markdown: str) -> list[str]:
    """Lines of a paragraph that break between two Chinese characters: browsers show the break as a
    space inside the sentence (“打印） 和在线阅读版”)."""
    lines = markdown.splitlines()
    return [f"{a[-8:]}⏎{b[:8]}" for a, b in zip(lines, lines[1:])
            if a and b and HAN.search(a[-1]) and HAN.match(b[0]) and not a.startswith(("#", "title:", "description:"))]


def test_hand_written_pages_break_no_sentence():
    found = {p.name: broken_sentences(p.read_text(encoding="utf-8")) for p in (PROJECT_ROOT / "site").glob("*.md")}
    assert not {name: lines for name, lines in found.items() if lines}
    assert broken_sentences("可直接填写、打印）\n和在线阅读版。\n\n- 一项\n- 二项\n") == ["直接填写、打印）⏎和在线阅读版。"]
