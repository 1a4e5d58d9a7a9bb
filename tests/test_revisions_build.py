"""Incremental `fuhua build`: a target is rebuilt only when what it reads of policy/ changed
(generator/build/targets.py Target.reads, generator/build/slices.py), and the result is always
byte-identical to a full build."""
import re

import pytest

from generator import build as build_module
from generator.build import build
from tests.revision_fixture import lay_fixture

pytestmark = pytest.mark.slow  # whole builds, incremental against full

TJ = "tianjin-measures/draft-2024"
# Targets that declare what they read; the site reads everything and takes seconds (mkdocs), so
# most tests leave it out (test_no_change_build_does_no_work covers it).
SLICED = [t.name for t in build_module.TARGETS if t.reads is not None]


def sliced_build(policy, out, **kw):
    return build(policy, out, only=SLICED, **kw)


def _files(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")}


@pytest.fixture
def counted(monkeypatch):
    """Counts target runs, policy loads and YAML reads during a build."""
    calls = {"run": [], "load_policy": 0, "load_file": 0}
    run, load_policy = build_module.Target.run, __import__("generator.policy", fromlist=["load_policy"]).load_policy
    import generator.policy
    import generator.yamlio

    load_file = generator.yamlio.load_file

    def counting_run(self, ctx):
        calls["run"].append(self.name)
        return run(self, ctx)

    def counting_load(*a, **k):
        calls["load_policy"] += 1
        return load_policy(*a, **k)

    def counting_file(*a, **k):
        calls["load_file"] += 1
        return load_file(*a, **k)

    monkeypatch.setattr(build_module.Target, "run", counting_run)
    monkeypatch.setattr(generator.policy, "load_policy", counting_load)
    monkeypatch.setattr(generator.yamlio, "load_file", counting_file)
    return calls


def _edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def change_threshold(policy):
    """第六条第二项: 2500 -> 3000平方米, in the text and in its rule."""
    _edit(policy / TJ / "text.yaml", "面积不低于2500平方米", "面积不低于3000平方米")
    rules = policy / TJ / "rules.yaml"
    text = rules.read_text(encoding="utf-8").replace("面积不低于2500平方米", "面积不低于3000平方米")
    rules.write_text(re.sub(r"(id: inc_site_area\n(?:.*\n)*?\s+value: )2500", r"\g<1>3000", text, count=1), encoding="utf-8")


def change_reward(policy):
    """第十四条第二款: the 优秀 reward of a makerspace 40 -> 45万元."""
    _edit(policy / TJ / "text.yaml", "分别给予不高于40万元和20万元", "分别给予不高于45万元和20万元")
    rules = policy / TJ / "rules.yaml"
    text = rules.read_text(encoding="utf-8").replace("分别给予不高于40万元和20万元", "分别给予不高于45万元和20万元")
    rules.write_text(re.sub(r"(id: ms_excellent,.*?value: )40", r"\g<1>45", text, count=1), encoding="utf-8")


def change_material_name(policy):
    _edit(policy / TJ / "rules.yaml", "{name: 创业导师名单及聘书}", "{name: 创业导师名单及聘用协议}")


def change_metric_label(policy):
    _edit(policy / "vocabulary.yaml", "{label: 在孵企业数,", "{label: 在孵企业数量,")


def change_unrelated_text(policy):
    """第二十九条 is cited by no rule: no target reads its words or its number."""
    _edit(policy / TJ / "text.yaml", "为在孵企业提供精准化、高质量的创业服务。", "为在孵企业提供精准化、高质量、全周期的创业服务。")


def test_no_change_build_does_no_work(policy_copy, tmp_path, counted):
    out = tmp_path / "build"
    first = build(policy_copy, out)
    assert first.skipped == [] and first.rebuilt == [t.name for t in build_module.TARGETS]
    counted.update(run=[], load_policy=0, load_file=0)
    again = build(policy_copy, out)
    assert counted == {"run": [], "load_policy": 0, "load_file": 0}  # not even a YAML file read
    assert again.rebuilt == [] and again.written == [] and again.skipped == [t.name for t in build_module.TARGETS]


def test_one_threshold_change_rebuilds_only_affected(policy_copy, tmp_path, counted):
    out, full = tmp_path / "build", tmp_path / "full"
    sliced_build(policy_copy, out)
    change_threshold(policy_copy)
    counted["run"].clear()
    report = sliced_build(policy_copy, out)
    assert sorted(counted["run"]) == sorted(report.rebuilt) == ["checklists", "comparison-report", "eligibility", "forms", "periodic-reports"]
    assert set(report.skipped) == {"notices", "assessment-reports"}
    assert sorted(report.written) == ["checklists/checklist-incubator.docx", "checklists/checklist-incubator.md",
                                      "eligibility/rules.json", "eligibility/tailored-checklist-incubator.docx",
                                      "eligibility/tailored-checklist-incubator.md",
                                      "forms/application-incubator.docx", "forms/application-incubator.md"]
    sliced_build(policy_copy, full, force=True)
    assert _files(out) == _files(full)


@pytest.mark.parametrize("change, rebuilt", [
    (change_reward, {"assessment-reports"}),
    (change_material_name, {"forms", "checklists", "comparison-report", "periodic-reports", "eligibility"}),
    (change_metric_label, set(SLICED)),
    (change_unrelated_text, set()),
])
def test_targets_rebuilt_by_a_change(policy_copy, tmp_path, change, rebuilt):
    out, full = tmp_path / "build", tmp_path / "full"
    sliced_build(policy_copy, out)
    change(policy_copy)
    assert set(sliced_build(policy_copy, out).rebuilt) == rebuilt
    sliced_build(policy_copy, full, force=True)
    assert _files(out) == _files(full)


def test_incremental_equals_full_through_a_revision(policy_copy, tmp_path):
    """The fixture revision (a threshold, renumbering, a new item, a removed sentence, a new status)
    made current: the incremental build equals a full build of the same policy."""
    out, full = tmp_path / "build", tmp_path / "full"
    sliced_build(policy_copy, out)
    lay_fixture(policy_copy)
    assert set(sliced_build(policy_copy, out).rebuilt) == set(SLICED)  # the status is on every document
    sliced_build(policy_copy, full, force=True)
    assert _files(out) == _files(full)


def test_force_rebuilds_everything(policy_copy, tmp_path, counted):
    out = tmp_path / "build"
    sliced_build(policy_copy, out)
    counted["run"].clear()
    report = sliced_build(policy_copy, out, force=True)
    assert sorted(counted["run"]) == sorted(SLICED) and report.written == []


def test_build_prints_rebuilt_and_skipped(cli, policy_copy, tmp_path):
    out = tmp_path / "build"
    cli("build", "--policy", policy_copy, "--out", out, "-q", "--only", *SLICED)
    change_reward(policy_copy)
    code, stdout, err = cli("build", "--policy", policy_copy, "--out", out, "--only", *SLICED)
    assert code == 0, err
    assert "rebuilt: assessment-reports" in stdout and "skipped (inputs unchanged): forms, checklists, notices" in stdout
