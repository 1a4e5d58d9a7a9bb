"""What `fuhua build` makes: the list of targets, each with the inputs it reads and the function
that produces its files.

A Target names the inputs it reads (globs under a root: `policy:`, `templates:`, `examples:`,
`code:`) and a pure function "module:function" from a BuildContext (build/engine.py) to {path
relative to the output folder: bytes}; the module is imported only when the target has to be
rebuilt, so a no-change build stays fast. Add a target by appending a line to TARGETS.
"""
from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass

# Inputs every target shares: the policy, the renderer and its reference documents, the shared
# generator code. A change to any of them rebuilds every target, except that a target declaring
# `reads` depends only on those records of policy/ (see build/slices.py).
POLICY_FILES = "policy:**/*.yaml"
COMMON_INPUTS = (POLICY_FILES, "code:generator/render/*.py", "code:generator/generators/*.py",
                 "code:generator/eligibility/rules.py", "code:generator/model.py", "code:generator/build/*.py",
                 "templates:reference-*.docx", "templates:_macros.md.j2")


@dataclass(frozen=True)
class Target:
    name: str
    inputs: tuple[str, ...]
    produce: str  # "package.module:function", called with the BuildContext
    common: bool = True  # also depends on COMMON_INPUTS
    # The policy records it reads, as fnmatch patterns over change keys (`DOC:rules.<section>.<name>`,
    # `DOC:meta.<field>`, `DOC:text.<article>`, `DOC:document`, `vocabulary.<section>`), plus the
    # numbering of every provision they cite; `words:PATTERN` adds the cited provisions' words
    # (build/slices.py). None: all of policy/. `fuhua diff` names affected targets by them too.
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


OUTPUTS = "generator.generators.outputs"
# What each target reads of policy/ (Target.reads). The eligibility rule export (ctx.rules) reads
# every document's types, conditions, definitions and materials, so every target using it does too;
# type_context prints the words of the provisions institution_types cite (the definitions).
DOCUMENT = ("*:meta.*", "*:document", "vocabulary.*", "project.*")
EXPORT = ("*:rules.institution_types.*", "*:rules.conditions.*", "*:rules.definitions.*", "*:rules.materials.*",
          "words:*:rules.institution_types.*", *DOCUMENT)
TYPE_CONTEXT = (*EXPORT, "*:rules.procedures.*", "*:rules.sanctions.*")
# forms print the whole words of every provision a condition rests on, and the years count back
# from the build date (dated)
FORM = (*TYPE_CONTEXT, "words:*:rules.conditions.*")
TARGETS: list[Target] = [
    Target("forms", ("templates:forms/*",), f"{OUTPUTS}:forms", reads=FORM, dated=True),
    Target("checklists", ("templates:checklists/*.j2",), f"{OUTPUTS}:checklists", reads=FORM, dated=True),
    Target("notices", ("templates:notices/*.j2", "examples:notices/*"), f"{OUTPUTS}:notices",
           reads=("*:rules.institution_types.*", "*:rules.procedures.*", *DOCUMENT)),
    Target("assessment-reports", ("templates:reports/assessment.md.j2", "examples:assessments/*"), f"{OUTPUTS}:assessments",
           reads=("*:rules.institution_types.*", "*:rules.assessment.*", "*:rules.rewards.*", "*:rules.reward_rules.*", *DOCUMENT)),
    Target("comparison-report", ("templates:reports/comparison.md.j2",), f"{OUTPUTS}:comparison", reads=EXPORT),
    Target("periodic-reports", ("templates:reports/periodic-report.md.j2",), f"{OUTPUTS}:periodic_reports",
           reads=(*TYPE_CONTEXT, "*:rules.obligations.*"), dated=True),
    Target("eligibility", ("templates:eligibility/*", "examples:profiles/*.yaml", "code:generator/eligibility/**/*"),
           "generator.eligibility.build:examples", reads=EXPORT),
    Target("crossref", ("templates:crossref/*", "code:generator/crossref/**/*.py"), "generator.crossref.report:build_target", dated=True),
]
# The documentation site (generator/site/target.py): mkdocs build --strict into site/, with every
# document above also published under site/downloads/.
TARGETS.append(Target("site", ("site:mkdocs.yml", "site:site/**/*",
                      "workspace:mkdocs.yml", "workspace:site/**/*", "code:generator/**/*", "templates:**/*", "examples:**/*"),
                      "generator.site.target:produce", dated=True))
