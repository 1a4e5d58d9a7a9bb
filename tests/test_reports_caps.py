"""A cap stated in one section of the assessment report and applied in another points to it: the
reward caps (the 奖励标准 table) and the non-duplication cap (测算方法, quoted from the text) are
cross-referenced from the sections that apply them, and every 第X部分 names a section that exists."""
from __future__ import annotations

import re

import pytest

from generator.numerals import to_chinese, to_int


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> str:
    from generator.build import build
    out = tmp_path_factory.mktemp("build")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FUHUA_BUILD_DATE", "2026-11-23")
        build(None, out, only=["assessment-reports"])
    return (out / "reports" / "assessment-2024.md").read_text(encoding="utf-8")


def sections(md: str) -> dict[int, str]:
    """Section number -> its text, from the '## 一、…' headings."""
    return {to_int(p.split("、", 1)[0]): p for p in re.split(r"^## ", md, flags=re.M)[1:]}


def test_every_cross_reference_names_another_existing_section(report):
    secs = sections(report)
    refs = [(n, to_int(x)) for n, text in secs.items() for x in re.findall(r"第([一二三四五六七八九十]+)部分", text)]
    assert refs, "the report cross-references nothing"
    assert all(target in secs and target != n for n, target in refs), refs


def test_caps_stated_in_one_section_and_applied_in_another_are_cross_referenced(report, policy):
    secs = sections(report)
    rewards = policy.home.rules.rewards
    # the section stating the reward caps: a table row per reward with its amount and citation
    stating = next(n for n, t in secs.items() if all(f"| {r.citation} |" in t for r in rewards))
    # sections applying them: the per-institution table (市级上限/部级上限 columns), the per-operator sums
    applying = [n for n, t in secs.items() if n != stating and re.search(r"上限[^|\n]*\|", t.split("\n", 1)[1])]
    assert len(applying) >= 2, applying
    for n in applying:
        assert f"第{to_chinese(stating)}部分" in secs[n], f"section {n} applies a cap stated in section {stating} without saying so"
    # the non-duplication cap: quoted as an item of 测算方法, applied per operator, each points to the other
    quoted = re.search(r"^(\d+)\\?\. (第[^：]+)：“([^”]*不高于[^”]*)”", secs[stating], flags=re.M)
    assert quoted, "the stating section quotes the non-duplication cap"
    item, citation = quoted.group(1), quoted.group(2)
    per_operator = next(n for n, t in secs.items() if t.splitlines()[0].endswith(f"（{citation}）") and "合计" in t.splitlines()[0])
    assert f"第{to_chinese(stating)}部分测算方法第{item}项（{citation}）" in secs[per_operator]
    item_line = next(x for x in secs[stating].splitlines() if x.startswith(f"{item}\\. ") or x.startswith(f"{item}. "))
    assert f"第{to_chinese(per_operator)}部分" in item_line
