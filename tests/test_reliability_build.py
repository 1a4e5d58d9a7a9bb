"""`fuhua build` under failure and contention (tests/test_build.py has the everyday cases):
- a failure while writing (a full disk) leaves the previous output as it was, documents and site;
- a build killed between two renames leaves only whole files, and the next build repairs it;
- builds started at once into one folder, as real processes, do not corrupt each other."""
from __future__ import annotations

import errno
import json
import shutil
import subprocess
import sys
import tempfile

import pytest

from generator import PROJECT_ROOT
from generator.build import MANIFEST, build

pytestmark = pytest.mark.slow  # whole builds, some as real processes

DOCS = ["forms", "checklists", "notices", "assessment-reports", "comparison-report", "periodic-reports"]


def snapshot(out) -> dict[str, bytes]:
    """Every file in the folder, hidden ones (the manifest, temporary files) included."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and p.name != ".fuhua-build.lock"}


def visible(out) -> dict[str, bytes]:
    return {rel: data for rel, data in snapshot(out).items() if not any(part.startswith(".") for part in rel.split("/"))}


@pytest.fixture
def examples(tmp_path):
    dest = tmp_path / "examples"
    shutil.copytree(PROJECT_ROOT / "examples", dest)
    return dest


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def disk_full_after(monkeypatch, files: int) -> list:
    """Make the (files + 1)-th temporary file fail to be created, as on a full disk."""
    made, real = [], tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        if len(made) == files:
            raise OSError(errno.ENOSPC, "No space left on device")
        fd, name = real(*args, **kwargs)
        made.append(name)
        return fd, name
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    return made


def test_disk_full_midway_leaves_the_previous_documents_intact(tmp_path, examples, monkeypatch):
    out = tmp_path / "out"
    build(None, out, only=DOCS, examples_dir=examples)
    before = snapshot(out)
    edit(examples / "notices" / "notice-2025.yaml", "working_days: 5", "working_days: 6")
    edit(examples / "assessments" / "assessment-2024.yaml", "cycle: 2024", "cycle: 2023")
    made = disk_full_after(monkeypatch, 3)  # the manifest and two of the four changed files are written out
    with pytest.raises(OSError, match="No space left"):
        build(None, out, only=DOCS, examples_dir=examples)
    monkeypatch.undo()
    assert len(made) == 3 and snapshot(out) == before  # not one file changed, no temporary file left
    report = build(None, out, only=DOCS, examples_dir=examples)
    assert sorted(report.rebuilt) == ["assessment-reports", "notices"] and len(report.written) == 4
    fresh = tmp_path / "fresh"
    build(None, fresh, only=DOCS, examples_dir=examples)
    assert visible(out) == visible(fresh)


def test_disk_full_midway_leaves_the_previous_site_intact(tmp_path, policy_copy, monkeypatch):
    out = tmp_path / "out"
    build(policy_copy, out, only=["site"])
    before = snapshot(out)
    tj = policy_copy / "tianjin-measures" / "draft-2024"
    edit(tj / "text.yaml", "本办法由市科技局负责解释。", "本办法由市科学技术局负责解释。")
    made = disk_full_after(monkeypatch, 4)
    with pytest.raises(OSError, match="No space left"):
        build(policy_copy, out, only=["site"])
    monkeypatch.undo()
    assert len(made) == 4 and snapshot(out) == before
    report = build(policy_copy, out, only=["site"])
    assert len(report.written) > 4  # the failure came midway: more files were to be written
    assert "本办法由市科学技术局负责解释" in (out / "site" / "texts" / "tianjin-measures.html").read_text(encoding="utf-8")


KILLED_BUILD = """
import os, sys
from generator.cli import main
real, calls = os.replace, []
def replace(src, dst):
    calls.append(dst)
    if len(calls) == int(sys.argv[1]):
        os._exit(137)  # killed: no cleanup, no finally
    real(src, dst)
os.replace = replace
sys.exit(main(sys.argv[2:]))
"""


def run_build(*args, env=None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "build", "-q", *map(str, args)], cwd=PROJECT_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_a_build_killed_between_two_renames_leaves_whole_files_and_the_next_build_repairs_it(tmp_path, examples):
    out = tmp_path / "out"
    build(None, out, only=DOCS, examples_dir=examples)
    old = visible(out)
    edit(examples / "notices" / "notice-2025.yaml", "working_days: 5", "working_days: 6")
    fresh = tmp_path / "fresh"
    build(None, fresh, only=DOCS, examples_dir=examples)
    new = visible(fresh)
    killed = subprocess.run([sys.executable, "-c", KILLED_BUILD, "3", "build", "--out", out, "--examples", examples, "--only", *DOCS],
                            cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert killed.returncode == 137, killed.stderr
    now = visible(out)
    assert sorted(now) == sorted(old) and all(now[rel] in (old[rel], new[rel]) for rel in now)  # each file old or new, whole
    assert now != old and now != new  # killed midway: one notice file renamed, the other not
    json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    report = build(None, out, only=DOCS, examples_dir=examples)
    assert report.rebuilt == ["notices"] and visible(out) == new


def test_builds_of_different_targets_started_at_once_into_one_folder(tmp_path):
    out = tmp_path / "out"
    targets = ["forms", "checklists", "comparison-report", "periodic-reports"]
    runs = [run_build("--out", out, "--only", t) for t in targets]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["targets"]
    assert sorted(manifest) == sorted(targets) and all(manifest[t]["inputs"] for t in targets)
    again = build(None, out, only=targets)  # every target recorded with its files: nothing to redo
    assert sorted(again.skipped) == sorted(targets) and again.written == []
    fresh = tmp_path / "fresh"
    build(None, fresh, only=targets)
    assert visible(out) == visible(fresh) and not [rel for rel in snapshot(out) if rel.endswith(".tmp")]


def test_builds_of_two_policies_started_at_once_leave_one_of_them_whole(tmp_path, policy_copy):
    d = policy_copy / "tianjin-measures" / "draft-2024"
    edit(d / "text.yaml", "提供不少于30个创业工位", "提供不少于40个创业工位")
    edit(d / "rules.yaml", "quote: 提供不少于30个创业工位\n      kind: threshold\n      metric: workstations\n      comparator: \">=\"\n      value: 30",
         "quote: 提供不少于40个创业工位\n      kind: threshold\n      metric: workstations\n      comparator: \">=\"\n      value: 40")
    targets = ["forms", "checklists"]
    expected = {}
    for name, policy in (("original", PROJECT_ROOT / "policy"), ("revised", policy_copy)):
        build(policy, tmp_path / name, only=targets)
        expected[name] = visible(tmp_path / name)
    assert expected["original"] != expected["revised"]
    out = tmp_path / "out"
    runs = [run_build("--out", out, "--policy", policy, "--only", *targets) for policy in (PROJECT_ROOT / "policy", policy_copy) * 2]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
    result = visible(out)
    assert result in (expected["original"], expected["revised"])  # one policy's output, never a mix
    winner = PROJECT_ROOT / "policy" if result == expected["original"] else policy_copy
    assert build(winner, out, only=targets).written == []


def test_disk_full_midway_through_a_batch_check_leaves_the_previous_results(cli, tmp_path, monkeypatch):
    source = tmp_path / "round.csv"
    shutil.copy(PROJECT_ROOT / "examples" / "profiles" / "round-incubators.csv", source)
    out = tmp_path / "out"
    code, _, stderr = cli("check", "--profiles", source, "--type", "incubator", "--out", out)
    assert code == 0, stderr
    before = snapshot(out)
    edit(source, "示例北辰孵化器,是,是,3,2,3200", "示例北辰孵化器,是,是,3,2,2400")
    from generator.eligibility import batch

    written, real = [], batch._stage

    def stage(path, data):  # the fourth checklist finds the disk full
        if len(written) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        written.append(path)
        real(path, data)
    monkeypatch.setattr(batch, "_stage", stage)
    code, _, stderr = cli("check", "--profiles", source, "--type", "incubator", "--out", out, "--workers", "1")
    assert code == 74 and stderr.endswith(": No space left on device\n") and "Traceback" not in stderr
    assert snapshot(out) == before  # nothing changed, no staging folder left behind


def test_an_unwritable_output_is_reported_in_one_line(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, _, stderr = cli("build", "--out", blocker / "out", "--only", "forms")
    assert code == 74 and stderr == f"fuhua build: {blocker / 'out'}: Not a directory\n"
    code, _, stderr = cli("check", "--profile", PROJECT_ROOT / "examples" / "profiles" / "incubator.yaml", "--type", "incubator",
                          "--out", blocker / "c.md")
    assert code == 74 and stderr.startswith(f"fuhua check: {blocker / 'c.md'}: ") and stderr.count("\n") == 1
