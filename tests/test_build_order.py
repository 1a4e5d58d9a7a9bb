"""A target's files do not depend on which other targets ran before it in the same build.

Targets share one BuildContext (the loaded policy, the rule export); a target that wrote into
that shared data would make a full build differ from an incremental one that reruns only some
targets. Each target is built alone into a fresh folder (last target first), then all of them in
the usual order, and every file must be byte-identical.
"""
from __future__ import annotations

import pytest

from generator.build import TARGETS, build
from generator.frozen import freeze

DATE = "2026-11-23"


def files(out) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")}


@pytest.mark.slow  # every target built alone and in full
def test_each_target_alone_equals_the_full_build(tmp_path, monkeypatch):
    monkeypatch.setenv("FUHUA_BUILD_DATE", DATE)
    alone: dict[str, bytes] = {}
    for t in reversed(TARGETS):
        out = tmp_path / f"alone-{t.name}"
        build(None, out, only=[t.name])
        produced = files(out)
        assert produced, t.name
        alone.update(produced)
    build(None, tmp_path / "full")
    full = files(tmp_path / "full")
    assert sorted(full) == sorted(alone)
    differ = [rel for rel in full if full[rel] != alone[rel]]
    assert not differ, f"files that depend on the order of targets: {differ}"


def test_the_rule_export_is_read_only(policy):
    from generator.eligibility.rules import export_rules

    rules = export_rules(policy)
    condition = rules["jurisdictions"][policy.home_jurisdiction]["types"]["incubator"]["conditions"][0]
    with pytest.raises(TypeError):
        condition["applies_if_label"] = "x"
    with pytest.raises(TypeError):
        condition["materials"].append({"id": "x"})
    assert freeze(rules) == rules and {**condition, "extra": 1}["extra"] == 1  # copies are free to change


def test_the_model_is_read_only(policy):
    v = policy.home
    with pytest.raises(AttributeError):
        v.rules.conditions["incubator"][0].value = 1  # frozen dataclass
    with pytest.raises(TypeError):
        v.raw_rules["conditions"]["incubator"][0]["value"] = 1
    with pytest.raises(TypeError):
        v.meta["status"] = "现行有效"
