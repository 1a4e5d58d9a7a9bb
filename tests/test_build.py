"""fuhua build: determinism, incremental rebuilds, atomic writes, and never touching others' files."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from generator import PROJECT_ROOT
from generator.build import MANIFEST, build

MY_TARGETS = ["forms", "checklists", "notices", "assessment-reports", "comparison-report", "periodic-reports"]


def snapshot(out) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")}


@pytest.fixture
def examples(tmp_path):
    dest = tmp_path / "examples"
    shutil.copytree(PROJECT_ROOT / "examples", dest)
    return dest


def test_two_builds_are_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    build(None, a, only=MY_TARGETS)
    build(None, b, only=MY_TARGETS)
    assert snapshot(a) == snapshot(b) and len(snapshot(a)) == 22


def test_no_change_build_skips_every_target_and_force_is_identical(tmp_path):
    out = tmp_path / "out"
    first = build(None, out, only=MY_TARGETS)
    assert sorted(first.rebuilt) == sorted(MY_TARGETS) and len(first.written) == 22
    before = snapshot(out)
    again = build(None, out, only=MY_TARGETS)
    assert again.rebuilt == [] and sorted(again.skipped) == sorted(MY_TARGETS) and again.written == []
    forced = build(None, out, only=MY_TARGETS, force=True)
    assert sorted(forced.rebuilt) == sorted(MY_TARGETS) and forced.written == [] and len(forced.unchanged) == 22
    assert snapshot(out) == before


def test_changed_input_rebuilds_only_its_target(tmp_path, examples):
    out = tmp_path / "out"
    build(None, out, only=MY_TARGETS, examples_dir=examples)
    notice = examples / "notices" / "notice-2025.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace("working_days: 5", "working_days: 7"), encoding="utf-8")
    report = build(None, out, only=MY_TARGETS, examples_dir=examples)
    assert report.rebuilt == ["notices"]
    assert sorted(report.written) == ["notices/notice-2025.docx", "notices/notice-2025.md"]
    assert "公示期为7个工作日" in (out / "notices" / "notice-2025.md").read_text(encoding="utf-8")
    # incremental output equals a full build from scratch
    full = tmp_path / "full"
    build(None, full, only=MY_TARGETS, examples_dir=examples)
    assert snapshot(out) == snapshot(full)


def test_edited_or_deleted_output_is_regenerated(tmp_path):
    out = tmp_path / "out"
    build(None, out, only=MY_TARGETS)
    (out / "forms" / "application-incubator.md").write_text("edited", encoding="utf-8")
    (out / "reports" / "accelerator-comparison.docx").unlink()
    report = build(None, out, only=MY_TARGETS)
    assert sorted(report.rebuilt) == ["comparison-report", "forms"]
    assert sorted(report.written) == ["forms/application-incubator.md", "reports/accelerator-comparison.docx"]


def test_never_overwrites_or_deletes_files_it_did_not_create(cli, tmp_path, examples):
    out = tmp_path / "out"
    (out / "forms").mkdir(parents=True)
    mine = out / "forms" / "application-makerspace.docx"
    mine.write_bytes(b"my own draft")
    notes = out / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    code, _, stderr = cli("build", "--out", out, "--only", *MY_TARGETS)
    assert code == 2 and "application-makerspace.docx:1:1: refusing to overwrite a file fuhua build did not create" in stderr
    assert mine.read_bytes() == b"my own draft" and sorted(snapshot(out)) == ["forms/application-makerspace.docx", "notes.txt"]
    mine.unlink()
    code, stdout, _ = cli("build", "--out", out, "--examples", examples, "--only", *MY_TARGETS)
    assert code == 0 and "wrote" in stdout
    # an input disappears: its outputs go, the user's file stays, an edited stale output stays
    (examples / "notices" / "notice-2025.yaml").unlink()
    report = build(None, out, only=MY_TARGETS, examples_dir=examples)
    assert sorted(report.removed) == ["notices/notice-2025.docx", "notices/notice-2025.md"]
    assert notes.read_text(encoding="utf-8") == "keep me"
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["targets"]["notices"]["outputs"] == {}


def test_edited_stale_output_is_kept(tmp_path, examples):
    out = tmp_path / "out"
    build(None, out, only=MY_TARGETS, examples_dir=examples)
    (out / "notices" / "notice-2025.md").write_text("annotated by hand", encoding="utf-8")
    (examples / "notices" / "notice-2025.yaml").unlink()
    report = build(None, out, only=MY_TARGETS, examples_dir=examples)
    assert report.removed == ["notices/notice-2025.docx"] and report.kept == ["notices/notice-2025.md"]
    assert (out / "notices" / "notice-2025.md").read_text(encoding="utf-8") == "annotated by hand"


def test_failure_midway_leaves_every_file_whole(tmp_path, examples, monkeypatch):
    out = tmp_path / "out"
    build(None, out, only=MY_TARGETS, examples_dir=examples)
    before = snapshot(out)
    notice = examples / "notices" / "notice-2025.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace("working_days: 5", "working_days: 6"), encoding="utf-8")
    real_replace, calls = os.replace, []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 3:  # the intent manifest, one notice file, then the crash
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        build(None, out, only=MY_TARGETS, examples_dir=examples)
    monkeypatch.setattr(os, "replace", real_replace)
    assert not list(out.rglob("*.tmp"))  # no temporary file left behind
    after = snapshot(out)
    changed = [rel for rel in before if before[rel] != after[rel]]
    assert changed == ["notices/notice-2025.docx"]  # written whole; the .md still holds the old version
    report = build(None, out, only=MY_TARGETS, examples_dir=examples)
    assert report.rebuilt == ["notices"] and "公示期为6个工作日" in (out / "notices" / "notice-2025.md").read_text(encoding="utf-8")


def test_unknown_target(cli, tmp_path):
    code, _, stderr = cli("build", "--out", tmp_path, "--only", "nope")
    assert code == 2 and "unknown target(s) nope" in stderr


def test_cli_prints_what_it_wrote(cli, tmp_path):
    code, stdout, _ = cli("build", "--out", tmp_path / "o", "--only", "forms")
    assert code == 0
    assert stdout.count("wrote ") == 6 and "application-accelerator.docx" in stdout
    code, stdout, _ = cli("build", "--out", tmp_path / "o", "--only", "forms")
    assert "rebuilt: none; skipped (inputs unchanged): forms" in stdout


def test_dated_target_rebuilds_when_the_build_date_changes(tmp_path, monkeypatch):
    """The cross-reference report counts the days to expiry: a later build date must refresh it."""
    out = tmp_path / "out"
    monkeypatch.setenv("FUHUA_BUILD_DATE", "2026-11-23")
    assert build(None, out, only=["crossref"]).rebuilt == ["crossref"]
    assert build(None, out, only=["crossref"]).skipped == ["crossref"]
    report = (out / "crossref" / "crossref.md").read_text(encoding="utf-8")
    assert "还有38天" in report
    monkeypatch.setenv("FUHUA_BUILD_DATE", "2027-01-05")
    assert build(None, out, only=["crossref"]).rebuilt == ["crossref"]
    report = (out / "crossref" / "crossref.md").read_text(encoding="utf-8")
    assert "还有38天" not in report and "已失效" in report


def test_written_files_are_readable_by_a_web_server(tmp_path):
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        build(None, out, only=["notices"])
    finally:
        os.umask(old)
    modes = {p.name: p.stat().st_mode & 0o777 for p in (out / "notices").iterdir()}
    assert modes and set(modes.values()) == {0o644}, modes
