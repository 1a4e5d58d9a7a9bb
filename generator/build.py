"""`fuhua build`: every generated file, described as a list of targets.

A Target names the inputs it reads (globs under a root: `policy:`, `templates:`, `examples:`,
`code:`) and a pure function "module:function" from a BuildContext to {path relative to the
output folder: bytes}; the module is imported only when the target has to be rebuilt, so a
no-change build stays fast. Add a target by appending a line to TARGETS at the end of this file.

The builder
- skips a target whose inputs hash the same as at its last build and whose files are unchanged
  on disk (incremental; `force=True` rebuilds everything, byte-identical either way);
- computes every stale target in memory first, so bad input (InputError) writes nothing;
- writes every changed file in full to a temporary file before renaming any into place, so a
  failure while writing (a full disk) leaves the previous output as it was; records each file,
  with its hash, in <out>/.fuhua-manifest.json;
- never overwrites or deletes a file it did not create; deletes a file it created earlier only
  when no target produces it any more and it is unchanged since;
- holds a lock on <out>/.fuhua-build.lock, so two builds into one folder run one after the other.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from generator import DATE_ENV, DEFAULT_POLICY_DIR, PROJECT_ROOT, TEMPLATES_DIR
from generator.errors import InputError, Problem
from generator.output import write_all_atomic, write_atomic

MANIFEST = ".fuhua-manifest.json"
LOCK = ".fuhua-build.lock"
EXAMPLES_DIR = PROJECT_ROOT / "examples"
# Inputs every target shares: the policy, the renderer and its reference documents, the shared
# generator code. A change to any of them rebuilds every target, except that a target declaring
# `reads` depends only on those records of policy/ (see generator/revisions/slices.py).
POLICY_FILES = "policy:**/*.yaml"
COMMON_INPUTS = (POLICY_FILES, "code:generator/render/*.py", "code:generator/generators/*.py",
                 "code:generator/eligibility/rules.py", "code:generator/model.py", "code:generator/build.py",
                 "templates:reference-*.docx", "templates:_macros.md.j2")


@dataclass
class BuildContext:
    policy_dir: Path
    out_dir: Path
    examples_dir: Path = EXAMPLES_DIR
    build_date: dt.date | None = None  # None: FUHUA_BUILD_DATE, else the real date (read here only)

    @cached_property
    def today(self) -> dt.date:
        """The day every dated output is computed for."""
        if self.build_date is not None:
            return self.build_date
        value = os.environ.get(DATE_ENV)
        return dt.date.fromisoformat(value) if value else dt.date.today()

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
        """Hashes of the parts of policy/ that targets read (revisions.slices)."""
        from generator.revisions.slices import SliceCache
        return SliceCache(self.policy_dir, self.out_dir)

    def root(self, name: str) -> Path:
        return {"policy": self.policy_dir, "templates": TEMPLATES_DIR, "examples": self.examples_dir, "code": PROJECT_ROOT}[name]


@dataclass(frozen=True)
class Target:
    name: str
    inputs: tuple[str, ...]
    produce: str  # "package.module:function", called with the BuildContext
    common: bool = True  # also depends on COMMON_INPUTS
    # The policy records it reads, as fnmatch patterns over change keys (`DOC:rules.<section>.<name>`,
    # `DOC:meta.<field>`, `DOC:text.<article>`, `DOC:document`, `vocabulary.<section>`), plus the
    # numbering of every provision they cite; `words:PATTERN` adds the cited provisions' words
    # (revisions/slices.py). None: all of policy/. `fuhua diff` names affected targets by them too.
    reads: tuple[str, ...] | None = None
    # Output depends on the build date (validity countdowns, "即将失效" findings): the date is hashed
    # with the inputs, so a build on a later day refreshes it.
    dated: bool = False

    def run(self, ctx: BuildContext) -> dict[str, bytes]:
        module, _, func = self.produce.partition(":")
        return getattr(importlib.import_module(module), func)(ctx)

    def input_files(self, ctx: BuildContext) -> list[tuple[str, Path]]:
        found = {}
        for spec in (*COMMON_INPUTS, *self.inputs) if self.common else self.inputs:
            if spec == POLICY_FILES and self.reads is not None:
                continue
            root_name, _, pattern = spec.partition(":")
            root = ctx.root(root_name)
            for path in root.glob(pattern):
                if path.is_file() and "__pycache__" not in path.parts:
                    found[f"{root_name}:{path.relative_to(root).as_posix()}"] = path
        return sorted(found.items())

    def input_hash(self, ctx: BuildContext) -> str:
        h = hashlib.sha256(self.name.encode())
        for key, path in self.input_files(ctx):
            h.update(key.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        if self.reads is not None and self.common:
            h.update(b"policy slice\0" + ctx.slices.hash(self.reads).encode())
        if self.dated:
            h.update(b"build date\0" + ctx.today.isoformat().encode())
        return h.hexdigest()


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
          targets: list[Target] | None = None) -> Report:
    """Run the build; raise InputError (nothing written) on bad input."""
    ctx = BuildContext(Path(policy_dir or DEFAULT_POLICY_DIR), Path(out_dir), Path(examples_dir or EXAMPLES_DIR))
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


OUTPUTS = "generator.generators.outputs"
# What each target reads of policy/ (Target.reads). The eligibility rule export (ctx.rules) reads
# every document's types, conditions, definitions and materials, so every target using it does too;
# type_context prints the words of the provisions institution_types cite (the definitions).
DOCUMENT = ("*:meta.*", "*:document", "vocabulary.*")
EXPORT = ("*:rules.institution_types.*", "*:rules.conditions.*", "*:rules.definitions.*", "*:rules.materials.*",
          "words:*:rules.institution_types.*", *DOCUMENT)
TYPE_CONTEXT = (*EXPORT, "*:rules.procedures.*", "*:rules.sanctions.*")
TARGETS: list[Target] = [
    Target("forms", ("templates:forms/*.j2",), f"{OUTPUTS}:forms", reads=TYPE_CONTEXT),
    Target("checklists", ("templates:checklists/*.j2",), f"{OUTPUTS}:checklists", reads=TYPE_CONTEXT),
    Target("notices", ("templates:notices/*.j2", "examples:notices/*"), f"{OUTPUTS}:notices",
           reads=("*:rules.institution_types.*", "*:rules.procedures.*", *DOCUMENT)),
    Target("assessment-reports", ("templates:reports/assessment.md.j2", "examples:assessments/*"), f"{OUTPUTS}:assessments",
           reads=("*:rules.institution_types.*", "*:rules.assessment.*", "*:rules.rewards.*", "*:rules.reward_rules.*", *DOCUMENT)),
    Target("comparison-report", ("templates:reports/comparison.md.j2",), f"{OUTPUTS}:comparison", reads=EXPORT),
    Target("accelerator-reports", ("templates:reports/accelerator-report.md.j2",), f"{OUTPUTS}:accelerator_reports",
           reads=(*TYPE_CONTEXT, "*:rules.obligations.*")),
    Target("eligibility", ("templates:eligibility/*", "examples:profiles/*.yaml", "code:generator/eligibility/*"),
           "generator.eligibility.build:examples", reads=EXPORT),
    Target("crossref", ("templates:crossref/*", "code:generator/crossref/**/*.py"), "generator.crossref.report:build_target", dated=True),
]
# The documentation site (generator/site/target.py): mkdocs build --strict into site/, with every
# document above also published under site/downloads/.
TARGETS.append(Target("site", ("code:mkdocs.yml", "code:site/**/*", "code:generator/**/*", "templates:**/*", "examples:**/*"),
                      "generator.site.target:produce", dated=True))
