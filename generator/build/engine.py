"""The build engine: BuildContext and build(), which runs the targets of build/targets.py into an
output folder (the package docstring says what it guarantees)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from generator import MKDOCS_YML, PROJECT_ROOT, TEMPLATES_DIR, clock
from generator.errors import InputError, Problem
from generator.build.targets import TARGETS, Target
from generator.output import write_all_atomic, write_atomic
from generator.workspace import examples_dir, find_policy_dir

MANIFEST = ".fuhua-manifest.json"
LOCK = ".fuhua-build.lock"


@dataclass
class BuildContext:
    policy_dir: Path
    out_dir: Path
    examples_dir: Path | None = None  # None: workspace.examples_dir (examples/ beside the policy folder)
    build_date: dt.date | str | None = None  # --date; None: FUHUA_BUILD_DATE, else the machine's date

    def __post_init__(self) -> None:
        self.policy_dir = Path(self.policy_dir)
        self.examples_dir = examples_dir(self.policy_dir, self.examples_dir)

    @cached_property
    def today(self) -> dt.date:
        """The build date: the day every dated output is computed for (generator/clock.py)."""
        return clock.build_date(self.build_date)

    @cached_property
    def policy(self):
        from generator.policy import load_policy
        return load_policy(self.policy_dir)

    @cached_property
    def rules(self) -> dict:
        """The eligibility rule export, shared by the forms, checklists and reports."""
        from generator.eligibility.rules import export_rules
        return export_rules(self.policy)

    @cached_property
    def slices(self):
        """Hashes of the parts of policy/ that targets read (build/slices.py)."""
        from generator.build.slices import SliceCache
        return SliceCache(self.policy_dir, self.out_dir)

    def root(self, name: str) -> Path:
        """The folder an input glob `ROOT:pattern` of a Target is relative to (`site`: the shipped site
        configuration and pages; `workspace`: the folder holding policy/, with its own mkdocs.yml and site/)."""
        return {"policy": self.policy_dir, "templates": TEMPLATES_DIR, "examples": self.examples_dir, "code": PROJECT_ROOT,
                "site": MKDOCS_YML.parent, "workspace": self.policy_dir.parent}[name]


@dataclass
class Report:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # stale files left because someone edited them


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(out_dir: Path) -> dict:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) and isinstance(data.get("targets"), dict) else {"targets": {}}
    except (OSError, ValueError):
        return {"targets": {}}


def _file_hash(path: Path) -> str | None:
    try:
        return sha(path.read_bytes())
    except OSError:
        return None


@contextmanager
def _locked(out_dir: Path):
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK, "a+b") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory lock
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _manifest_json(targets: dict) -> bytes:
    return (json.dumps({"format": 1, "targets": targets}, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def build(policy_dir: Path | str | None = None, out_dir: Path | str = "build", *, force: bool = False,
          only: list[str] | None = None, examples_dir: Path | str | None = None,
          targets: list[Target] | None = None, build_date: dt.date | str | None = None) -> Report:
    """Run the build; raise InputError (nothing written) on bad input. `build_date` (YYYY-MM-DD):
    the day dated outputs are computed for (default: FUHUA_BUILD_DATE, else the machine's date)."""
    ctx = BuildContext(find_policy_dir(policy_dir), Path(out_dir), examples_dir, build_date)
    ctx.today  # a malformed date is refused before anything is read or written
    chosen = [t for t in (targets if targets is not None else TARGETS) if not only or t.name in only]
    if only and len(chosen) != len(only):
        known = ", ".join(t.name for t in TARGETS)
        raise InputError([Problem("fuhua build", 1, 1, f"unknown target(s) {', '.join(set(only) - {t.name for t in chosen})}; known: {known}")])
    report = Report()
    with _locked(ctx.out_dir):
        manifest = _read_manifest(ctx.out_dir)["targets"]
        stale, hashes = [], {}
        for t in chosen:
            hashes[t.name] = t.input_hash(ctx)
            old = manifest.get(t.name)
            if not force and old and old.get("inputs") == hashes[t.name] and all(
                    _file_hash(ctx.out_dir / rel) == digest for rel, digest in old.get("outputs", {}).items()):
                report.skipped.append(t.name)
            else:
                stale.append(t)
        if stale:
            ctx.policy  # load and validate once, before any target runs
        produced = {t.name: t.run(ctx) for t in stale}
        _check_ownership(ctx.out_dir, manifest, produced)
        new_manifest = dict(manifest)
        changed: dict[Path, bytes] = {}
        for t in stale:
            outputs = {rel: sha(data) for rel, data in sorted(produced[t.name].items())}
            prior = (manifest.get(t.name) or {}).get("outputs", {})
            new_manifest[t.name] = {"inputs": "", "outputs": {**prior, **outputs}}
            for rel, data in sorted(produced[t.name].items()):
                if _file_hash(ctx.out_dir / rel) == outputs[rel]:
                    report.unchanged.append(rel)
                else:
                    changed[ctx.out_dir / rel] = data
                    report.written.append(rel)
        if stale:
            # every file written in full before any is renamed into place, the manifest first (it
            # records the intent: a crash between two renames leaves only files the manifest owns)
            write_all_atomic({ctx.out_dir / MANIFEST: _manifest_json(new_manifest), **changed})
        for t in stale:
            outputs = produced[t.name]
            prior = (manifest.get(t.name) or {}).get("outputs", {})
            for rel, digest in sorted(prior.items()):
                if rel not in outputs and not any(rel in p for p in produced.values()):
                    path = ctx.out_dir / rel
                    if _file_hash(path) == digest:
                        path.unlink()
                        report.removed.append(rel)
                    elif path.exists():
                        report.kept.append(rel)
            new_manifest[t.name] = {"inputs": hashes[t.name], "outputs": {rel: sha(d) for rel, d in sorted(outputs.items())}}
            report.rebuilt.append(t.name)
        if stale:
            write_atomic(ctx.out_dir / MANIFEST, _manifest_json(new_manifest))
    return report


def _check_ownership(out_dir: Path, manifest: dict, produced: dict) -> None:
    owned = {rel for entry in manifest.values() for rel in entry.get("outputs", {})}
    problems = []
    for outputs in produced.values():
        for rel, data in sorted(outputs.items()):
            path = out_dir / rel
            if rel not in owned and path.exists() and _file_hash(path) != sha(data):
                problems.append(Problem(str(path), 1, 1, "refusing to overwrite a file fuhua build did not create; move or delete it"))
    if problems:
        raise InputError(problems)
