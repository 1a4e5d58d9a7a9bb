"""`fuhua build`: every generated file, from a declared list of targets.

    targets.py   what is built: each Target, the inputs it reads and the function producing its files
    engine.py    how: BuildContext (policy, build date, examples) and build(), incremental, atomic
    slices.py    the part of policy/ each target reads, hashed, so an edit rebuilds only its readers
    impact.py    which targets and files a revision changes (`fuhua diff`), from those same slices

The engine
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
from generator.build.engine import MANIFEST, BuildContext, Report, build
from generator.build.targets import TARGETS, Target

__all__ = ["MANIFEST", "TARGETS", "BuildContext", "Report", "Target", "build"]
