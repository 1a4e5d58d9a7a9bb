"""Property-based tests: any text fed to the YAML reader or the policy loader ends in success or a
clear InputError (one line per problem with file:line:column) — never another exception."""
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from generator import DEFAULT_POLICY_DIR
from generator.errors import InputError
from generator.policy import load_policy
from generator.yamlio import load_text
from tests.fuzzing import YAML_BITS, assert_clear, budget, mutated

pytestmark = pytest.mark.slow  # long hypothesis runs over the policy loader

FILES = sorted(p.relative_to(DEFAULT_POLICY_DIR) for p in DEFAULT_POLICY_DIR.rglob("*.yaml"))


@budget(300)
@given(st.lists(st.one_of(YAML_BITS, st.characters()), max_size=120).map("".join))
def test_yaml_reader_total(text):
    try:
        load_text(text, "fuzz.yaml")
    except InputError as exc:
        assert_clear(exc)


@budget(150)
@given(st.sampled_from(FILES).flatmap(lambda rel: st.tuples(st.just(rel), mutated((DEFAULT_POLICY_DIR / rel).read_text(encoding="utf-8")))))
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
