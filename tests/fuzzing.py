"""Shared pieces of the property-based tests: the fuzzing budget, input strategies, and the checks
that an outcome is a clear error (one `file:line:column: message` line per problem, exit code 2,
no traceback) rather than a crash."""
from __future__ import annotations

import json
import re

import yaml
from hypothesis import HealthCheck, settings, strategies as st

from generator.errors import InputError

PROBLEM = re.compile(r"^.+:\d+:\d+: .+$")
SUMMARY = re.compile(r"^fuhua [a-z]+: (\d+) problem\(s\); nothing written\.$")


def budget(examples: int) -> settings:
    """Deterministic settings (same examples on every run, no example database) with a fixed
    number of examples per property."""
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large, HealthCheck.filter_too_much])


def assert_clear(exc: InputError) -> None:
    """An InputError whose every line is one problem with its file, line and column."""
    assert exc.problems
    for line in str(exc).splitlines():
        assert PROBLEM.match(line), line


def assert_cli_clear(code: int, stderr: str, ok: tuple[int, ...] = (0,)) -> None:
    """A CLI run ended in one of the `ok` codes, or in exit 2 with one line per problem and the
    summary line; never in a traceback or an internal error (exit 70)."""
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert code in (*ok, 2), (code, stderr)
    if code == 2:
        lines = stderr.rstrip("\n").split("\n")
        summary = SUMMARY.match(lines[-1]) if lines else None
        assert summary, stderr
        problems = lines[:-1]
        assert problems and int(summary.group(1)) == len(problems), stderr
        for line in problems:
            assert PROBLEM.match(line), line


# --- strategies ------------------------------------------------------------------------------

YAML_BITS = st.sampled_from(["\n", " ", "  ", "\t", ":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object ", "'", '"',
                             "#", "%", "@", "`", "|", ">", "? ", "null", "1e999", "-1", "true", "2026-02-30", "\x00", "\ufeff",
                             "中文", "value: ", "id: ", "provision: art_99", "quote: x", "---\n", "...\n"])
# Text that has broken documents before: XML and Markdown specials, HTML, template syntax,
# right-to-left and invisible marks, emoji, spreadsheet formulas, very long runs (LEGAL: allowed
# in names), and characters XML 1.0 cannot carry (CONTROL: refused with a message, or dropped).
LEGAL = st.one_of(st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "A<&>B", "]]>", "&amp;", "&#0;", "| * _ ` # {: .x }", "\\",
    "{{ x }}", "{% raw %}", "\u0085", "\u2028", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "😀", "👨\u200d👩\u200d👧",
    "=1+2", "@SUM(A1)", "+1", "-1", "  ", "\t", "甲"]), st.integers(100, 3000).map(lambda n: "名" * n))
CONTROL = st.sampled_from(["\x07", "\x00", "\x1b[31m", "\x0c", "\x7f", "\ufffe", "\ud800"])
HOSTILE = st.one_of(LEGAL, CONTROL)
NAME = st.one_of(LEGAL, st.lists(LEGAL, min_size=2, max_size=4).map("".join),
                 st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=20))
TEXT = st.one_of(NAME, NAME, NAME, HOSTILE, st.text(max_size=30), st.text(st.characters(codec="utf-8"), max_size=12))
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(-10**40, 10**40),
                   st.floats(), st.sampled_from([0, -0.0, 5e-324, 1.7976931348623157e308]), TEXT)
ANY = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                   st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)


@st.composite
def mutated(draw, text: str, bits=YAML_BITS):
    """`text` with a few random edits: inserted fragments, deleted runs, duplicated lines, changed digits."""
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "duplicate_line", "swap_digit"]))
        if op == "insert":
            text = text[:pos] + draw(st.one_of(bits, HOSTILE, st.text(max_size=5))) + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 40)):]
        elif op == "duplicate_line":
            lines = text.splitlines(keepends=True) or [""]
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            text = "".join(lines)
        else:
            text = re.sub(r"\d", lambda m: draw(st.sampled_from("0123456789")), text, count=1)
    return text


class _QuotingDumper(yaml.SafeDumper):
    """Writes every string double-quoted, with escapes: PyYAML would otherwise write a U+0085 raw
    inside single quotes, where YAML reads it back as a folded line break (a space)."""


_QuotingDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


def as_yaml(data) -> str:
    return yaml.dump(data, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False, width=10**6)


# --- hostile text in a copy of policy/ -------------------------------------------------------------

def _put(path, old: str, value: str) -> None:
    """Replace the plain YAML value `old` (after `key: ` when given) by `value`, quoted."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    key, _, _ = old.rpartition(": ")
    path.write_text(text.replace(old, (key + ": " if key else "") + json.dumps(value, ensure_ascii=False)), encoding="utf-8")


def write_hostile_policy(policy_dir, text: str) -> None:
    """Append `text` to the Tianjin measures' title, to 第三十一条 (which no rule quotes), to a
    material's name and to the site-area fact's label, in a copy of policy/."""
    tj = policy_dir / "tianjin-measures" / "draft-2024"
    title = "天津市众创空间、科技企业孵化器和创新加速器管理办法（试行）"
    _put(tj / "meta.yaml", f"title: {title}", title + text)
    art_31 = "发挥好协会、联盟等行业组织的作用，促进区域本市孵化服务机构之间的经验交流和资源共享。"
    _put(tj / "text.yaml", art_31, art_31 + text)
    _put(tj / "rules.yaml", "营业执照或法人登记证书（复印件）", "营业执照" + text)
    _put(policy_dir / "vocabulary.yaml", "可自主支配的场地面积", "可自主支配的场地面积" + text)
