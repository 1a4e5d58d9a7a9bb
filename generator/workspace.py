"""Where a workspace's parts are: the policy folder, its sample inputs and its site configuration.

A workspace is a folder holding policy/ (and optionally examples/, templates/, site/ pages that
replace or add to the shipped ones, and a mkdocs.yml whose settings override the shipped ones), as
`fuhua init` creates it. Commands find the policy folder from --policy, then the
FUHUA_POLICY environment variable, then a policy/ in the current folder or one of its parents, so
fuhua runs from anywhere inside a workspace, installed or not.
"""
from __future__ import annotations

import os
from pathlib import Path

from generator import EXAMPLES_ENV, MKDOCS_YML, POLICY_ENV, PROJECT_ROOT, SCAFFOLD_DIR, VOCABULARY_FILE, shipped
from generator.errors import InputError
from generator.output import write_all_atomic

VOCABULARY = "vocabulary.yaml"


def find_policy_dir(given: str | Path | None = None) -> Path:
    """--policy DIR, else $FUHUA_POLICY, else the nearest policy/ (holding vocabulary.yaml) from the
    current folder upwards; InputError when there is none."""
    if given:
        return Path(given)
    if os.environ.get(POLICY_ENV):
        return Path(os.environ[POLICY_ENV])
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "policy" / VOCABULARY).is_file():
            return folder / "policy"
    raise InputError.single(here, f"no policy folder: give --policy DIR, set {POLICY_ENV}, run inside a folder "
                                  "holding policy/, or create one with `fuhua init DIR`")


def examples_dir(policy_dir: Path, given: str | Path | None = None) -> Path:
    """--examples DIR, else $FUHUA_EXAMPLES, else examples/ beside the policy folder, else the checkout's
    sample inputs (a development install; an installed wheel has none, and a missing folder is empty)."""
    if given:
        return Path(given)
    if os.environ.get(EXAMPLES_ENV):
        return Path(os.environ[EXAMPLES_ENV])
    beside = Path(policy_dir).parent / "examples"
    return beside if beside.is_dir() or not (PROJECT_ROOT / "examples").is_dir() else PROJECT_ROOT / "examples"


def own_mkdocs_yml(policy_dir: Path) -> Path | None:
    """The workspace's mkdocs.yml beside its policy folder, whose top-level settings override the shipped
    configuration's (a mapping such as `theme:` key by key); None when there is none (or it is the shipped one)."""
    own = Path(policy_dir).parent / "mkdocs.yml"
    return own if own.is_file() and own.resolve() != MKDOCS_YML.resolve() else None


def own_pages(policy_dir: Path) -> Path | None:
    """The workspace's site/ folder beside its policy folder: each file replaces the shipped page (or
    asset) of the same path, or adds one; None when there is none (or it is the shipped one)."""
    own = Path(policy_dir).parent / "site"
    return own if own.is_dir() and own.resolve() != (MKDOCS_YML.parent / "site").resolve() else None


def init_workspace(target: str | Path, *, templates: bool = False) -> list[Path]:
    """`fuhua init DIR`: a new workspace in DIR (absent or empty) with policy/ (the shared vocabulary
    and a documented example document), examples/, a mkdocs.yml of commented site settings to override,
    and a README, and with `templates` a copy of the
    shipped templates/ to edit (used when FUHUA_TEMPLATES names it); all files or none. Returns them."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError.single(target, "not an empty folder; give a new folder for the workspace")
    files = {target / p.relative_to(SCAFFOLD_DIR): p.read_bytes()
             for p in sorted(SCAFFOLD_DIR.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}
    files[target / "policy" / VOCABULARY] = VOCABULARY_FILE.read_bytes()  # shared as it is; the place is project.yaml's
    if templates:
        source = shipped("templates")
        files.update({target / "templates" / p.relative_to(source): p.read_bytes()
                      for p in sorted(source.rglob("*")) if p.is_file() and "__pycache__" not in p.parts})
    write_all_atomic(files)
    return sorted(files)

