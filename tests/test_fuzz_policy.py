"""Property-based tests: any text fed to the YAML reader or the policy loader ends in success or a
clear InputError (one line per problem with file:line:column) — never another exception."""
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from generator import DEFAULT_POLICY_DIR
from generator.errors import InputError
from generator.policy import load_policy
from generator.yamlio import load_text

PROBLEM = re.compile(r"^.+:\d+:\d+: .+$")
FILES = sorted(p.relative_to(DEFAULT_POLICY_DIR) for p in DEFAULT_POLICY_DIR.rglob("*.yaml"))
YAML_BITS = st.sampled_from(["\n", " ", "  ", "\t", ":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object ", "'", '"',
                             "#", "%", "@", "`", "|", ">", "? ", "null", "1e999", "-1", "true", "2026-02-30", "\x00", "\ufeff",
                             "中文", "value: ", "id: ", "provision: art_99", "quote: x", "---\n", "...\n"])


def assert_clear(exc: InputError) -> None:
    assert exc.problems
    for line in str(exc).splitlines():
        assert PROBLEM.match(line), line


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(YAML_BITS, st.characters()), max_size=120).map("".join))
def test_yaml_reader_total(text):
    try:
        load_text(text, "fuzz.yaml")
    except InputError as exc:
        assert_clear(exc)


@st.composite
def mutated_policy_file(draw):
    rel = draw(st.sampled_from(FILES))
    text = (DEFAULT_POLICY_DIR / rel).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "duplicate_line", "swap_digit"]))
        if op == "insert":
            text = text[:pos] + draw(st.one_of(YAML_BITS, st.text(max_size=5))) + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 40)):]
        elif op == "duplicate_line":
            lines = text.splitlines(keepends=True)
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            text = "".join(lines)
        else:
            text = re.sub(r"\d", lambda m: draw(st.sampled_from("0123456789")), text, count=1)
    return rel, text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_policy_file())
def test_policy_loader_total(mutation):
    rel, text = mutation
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "policy"
        shutil.copytree(DEFAULT_POLICY_DIR, copy)
        (copy / rel).write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_policy(copy)
        except InputError as exc:
            assert_clear(exc)
