"""Which generated files a revision changes (`fuhua diff --outputs`).

First the build targets whose slice of policy/ differs between the two sides (the same slices
that make `fuhua build` incremental: Target.reads in build/targets.py, build/slices.py), with
the records that differ as reasons; then, unless told not to, those targets run on both sides in
memory and their files are compared byte for byte, so the answer names exact files. A target that
reads all of policy/ (no `reads`, like the site) is named without being run.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.build.engine import BuildContext
from generator.build.slices import policy_records, slice_keys

OUTPUT_MODES = ("files", "targets", "none")


@dataclass
class Impact:
    target: str
    reasons: list[str]  # change keys whose records differ (skeleton:… = a cited provision's numbering)
    files: list[tuple[str, str]] = field(default_factory=list)  # (path, added | removed | changed)


def affected_targets(old_records, new_records, targets) -> list[Impact]:
    (old, old_cites), (new, new_cites) = old_records, new_records
    out = []
    for t in targets:
        keys = slice_keys(old, old_cites, t.reads) | slice_keys(new, new_cites, t.reads)
        reasons = sorted(k for k in keys if old.get(k) != new.get(k))
        if reasons:
            out.append(Impact(t.name, reasons))
    return out


def compare_files(impacts: list[Impact], targets, old_policy, new_policy) -> list[Impact]:
    """Run each affected target on both sides; keep the files that differ (and the targets with any)."""
    by_name = {t.name: t for t in targets}
    contexts = []
    for policy in (old_policy, new_policy):
        ctx = BuildContext(policy.directory, policy.directory / ".unused")
        ctx.__dict__["policy"] = policy  # the side's versions, already loaded (cached_property slot)
        contexts.append(ctx)
    kept = []
    for impact in impacts:
        if by_name[impact.target].reads is None:  # reads all of policy/ (the site): named, not run
            kept.append(impact)
            continue
        before, after = (by_name[impact.target].run(ctx) for ctx in contexts)
        for path in sorted(set(before) | set(after)):
            if before.get(path) != after.get(path):
                impact.files.append((path, "added" if path not in before else "removed" if path not in after else "changed"))
        if impact.files:
            kept.append(impact)
    return kept


def changed_outputs(old_side, new_side, targets, mode: str = "files") -> list[Impact]:
    """The targets (mode "targets") or files ("files") that differ between two sides of `fuhua diff`
    (revisions.report.Side: a loaded policy and the versions compared); "none": nothing."""
    if mode == "none":
        return []
    records = [policy_records(s.policy.directory, s.versions) for s in (old_side, new_side)]
    impacts = affected_targets(*records, targets)
    return compare_files(impacts, targets, old_side.policy, new_side.policy) if mode == "files" else impacts
