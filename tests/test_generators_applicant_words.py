"""What an applicant reads says its arithmetic in words and names a share by the text's own
denominator.

- No ⌈ ⌉ or ÷ in an applicant document (forms, checklists, the self-check's outputs, the
  assessment report) unless the same line says it in words (向上取整, 除以).
- In the 指标 lines (forms' 条件对照表, checklists, the self-check, the reports) a share's denominator
  is the one the provision names (rules.yaml `of_term`, checked against the text), never the
  vocabulary's generic label when the text has its own word.
"""
from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.test_generators import docx_text

SYMBOLS = {"⌈": "向上取整", "⌉": "向上取整", "÷": "除以"}
APPLICANT = ("forms/", "checklists/", "reports/assessment-")
PROFILES = {"makerspace": "examples/profiles/makerspace.yaml", "incubator": "examples/profiles/incubator.yaml",
            "accelerator": "examples/profiles/accelerator.yaml"}


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, str]:
    """Every applicant document's text: the built forms, checklists and assessment report (.md and
    .docx), and `fuhua check` in text, md and docx for each type, also with profiles that fail the
    ratio and share conditions (so the arithmetic is shown)."""
    from generator import PROJECT_ROOT
    from generator.build import build
    from generator.cli import main
    out = tmp_path_factory.mktemp("build")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FUHUA_BUILD_DATE", "2026-11-23")
        build(None, out, only=["forms", "checklists", "assessment-reports"])
    docs = {}
    for p in out.rglob("*.*"):
        rel = p.relative_to(out).as_posix()
        if rel.startswith(APPLICANT):
            docs[rel] = docx_text(p.read_bytes()) if p.suffix == ".docx" else p.read_text(encoding="utf-8")
    profiles = dict(PROFILES)
    profiles.update({"x-ratio": "tests/profiles/inc_mentor_ratio_short.yaml",
                     "x-share": "tests/profiles/inc_professional_share_short.yaml",
                     "x-ms-share": "tests/profiles/ms_share_just_below.yaml"})
    for name, profile in profiles.items():
        inst_type = name if name in PROFILES else ("makerspace" if "ms-" in name else "incubator")
        if name not in PROFILES:  # a test case: its profile part
            case = yaml.safe_load((PROJECT_ROOT / profile).read_text(encoding="utf-8"))
            profile = out / f"{name}.json"
            profile.write_text(json.dumps(case["profile"], ensure_ascii=False), encoding="utf-8")
        for fmt in ("text", "md", "docx"):
            target = out / f"check-{name}.{fmt}"
            code = main(["check", "--profile", str(PROJECT_ROOT / profile), "--type", inst_type, "--format", fmt, "--out", str(target)])
            assert code in (0, 1), (name, fmt, code)
            docs[f"check/{name}.{fmt}"] = docx_text(target.read_bytes()) if fmt == "docx" else target.read_text(encoding="utf-8")
    return docs


def test_no_bare_rounding_or_division_symbols(documents):
    bare = []
    for rel, text in documents.items():
        for line in re.split(r"\n|<br>", text):
            for sym, words in SYMBOLS.items():
                if sym in line and words not in line:
                    bare.append((rel, sym, line.strip()[:120]))
    assert not bare, bare[:10]


def test_the_arithmetic_is_said_in_words(documents):
    """The failing profiles' checks show the rounding and the division as words."""
    ratio = documents["check/x-ratio.text"]
    assert re.search(r"在孵企业数\d+家，\d+除以10再乘以1后向上取整，需\d+名；现有\d+名", ratio), ratio
    share = documents["check/x-share.text"]
    assert re.search(r"专业孵化服务人员数\d+名，占机构总人数\d+名的[\d.]+%", share), share


def share_conditions(policy):
    v = policy.home
    return [(t, c) for t in v.institution_types for c in v.conditions(t) if c.kind == "share"]


def test_every_share_is_named_by_the_texts_own_denominator(policy):
    """The denominator a share is shown with stands in its provision's words (of_term, or a label
    the text itself uses)."""
    from generator.eligibility.rules import export_rules
    exported = export_rules(policy)
    v = policy.home
    conds = {c["id"]: c for t in exported["jurisdictions"][v.jurisdiction]["types"].values() for c in t["conditions"]}
    shares = share_conditions(policy)
    assert shares
    for _, c in shares:
        name = conds[c.id]["of_label"]
        assert name in v.provisions[c.provision].full_text, (c.id, name)
        assert f"占{name}的比例" in conds[c.id]["requirement"], conds[c.id]["requirement"]


def test_the_denominator_stands_in_the_indicator_lines(documents, policy):
    """众创空间总面积 (the text's word) where the vocabulary says 可自主支配的场地面积: in the forms'
    条件对照表, the checklists and the self-check."""
    renamed = [(t, c) for t, c in share_conditions(policy) if c.of_term]
    assert renamed, "the policy names no share by its own denominator"
    labels = policy.vocabulary["metrics"]
    for t, c in renamed:
        generic = labels[c.of]["label"]
        assert c.of_term != generic
        for rel in (f"forms/application-{t}.md", f"forms/application-{t}.docx", f"checklists/checklist-{t}.md",
                    f"checklists/checklist-{t}.docx"):
            assert f"占{c.of_term}的比例" in documents[rel], (rel, c.id)
            assert f"占{generic}的比例" not in documents[rel], (rel, c.id)
    ms = documents["check/x-ms-share.text"]
    assert "占众创空间总面积" in ms and "占可自主支配的场地面积" not in ms
