"""Oversized and hostile input is refused early, with a clear message and bounded memory."""
import tracemalloc

import pytest

from generator.errors import InputError
from generator.yamlio import MAX_BYTES, load_file, load_text


def _peak(fn) -> int:
    tracemalloc.start()
    try:
        fn()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_50mb_yaml_refused_without_reading(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.write(b"a: [" + b"1, " * (50 * 1024 * 1024 // 3) + b"1]\n")
    def load():
        with pytest.raises(InputError) as exc:
            load_file(big)
        assert f"the limit is {MAX_BYTES:,} bytes" in str(exc.value) and "big.yaml:1:1:" in str(exc.value)
    assert _peak(load) < 5 * 1024 * 1024


def test_deep_nesting_refused_with_bounded_memory():
    def load():
        with pytest.raises(InputError, match="nesting deeper than"):
            load_text("[" * 10000 + "]" * 10000, "deep.yaml")
    assert _peak(load) < 20 * 1024 * 1024


def test_deep_mapping_nesting_refused():
    text = "".join("  " * i + f"k{i}:\n" for i in range(10000))
    with pytest.raises(InputError, match="nesting deeper than"):
        load_text(text, "deep.yaml")


def test_alias_bomb_refused_with_bounded_memory():
    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in range(1, 12):
        prev = f"a{i - 1}" if i > 1 else "a"
        bomb += f"a{i}: &a{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    def load():
        with pytest.raises(InputError, match="aliases"):
            load_text(bomb, "bomb.yaml")
    assert _peak(load) < 5 * 1024 * 1024


@pytest.mark.parametrize("text,fragment", [
    ("a: !!python/object:os.system 'ls'", "could not determine a constructor"),
    ("a: 1\na: 2\n", "duplicate key 'a'"),
    ("? [1, 2]\n: x\n", "mapping key must be text"),
])
def test_unsafe_or_ambiguous_yaml(text, fragment):
    with pytest.raises(InputError) as exc:
        load_text(text, "x.yaml")
    assert fragment in str(exc.value) and str(exc.value).startswith("x.yaml:")
