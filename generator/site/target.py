"""`fuhua build`'s site target, and the one function that builds the site (mkdocs build --strict)."""
from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from generator import MKDOCS_YML, PROJECT_ROOT
from generator.errors import InputError, Problem
from generator.workspace import find_policy_dir, own_mkdocs_yml


def produce(ctx) -> dict[str, bytes]:
    """The built site as {"site/<path>": bytes}, from the running build's policy and examples."""
    with tempfile.TemporaryDirectory(prefix="fuhua-site-") as tmp:
        build_site(Path(tmp), context=ctx)
        return {f"site/{p.relative_to(tmp).as_posix()}": p.read_bytes()
                for p in sorted(Path(tmp).rglob("*")) if p.is_file()}


def build_site(site_dir: Path, *, context=None, policy_dir: Path | None = None, examples_dir: Path | None = None,
               build_date: str | None = None) -> None:
    """Build the site into site_dir, strictly: any MkDocs warning (a broken link or anchor) is an error.
    The build date is the context's (`fuhua build --date`), else `build_date`, else FUHUA_BUILD_DATE."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    own = own_mkdocs_yml(find_policy_dir(policy_dir or (context.policy_dir if context else None)))
    config_file = own or MKDOCS_YML
    config = load_config(str(MKDOCS_YML), site_dir=str(site_dir), strict=True, **_settings(own))
    config.extra["fuhua"] = {
        "context": context,
        "policy": str(policy_dir or (context.policy_dir if context else "")) or None,
        "examples": str(examples_dir or (context.examples_dir if context else "")) or None,
        "build_date": build_date,
    }
    warnings = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        build(config)
    except MkDocsException as exc:
        messages = warnings.messages or [str(exc)]
        raise InputError([Problem(str(config_file), 1, 1, f"site: {m}") for m in messages]) from None
    finally:
        logger.removeHandler(warnings)


FUHUA_OWN = ("docs_dir", "site_dir", "strict", "hooks", "watch")  # a workspace's mkdocs.yml cannot change these


def _settings(own: Path | None) -> dict:
    """The shipped configuration's settings that name fuhua's own files, with a workspace's mkdocs.yml
    over them: each top-level key it sets replaces the shipped one, a mapping (theme:, extra:) key by
    key. theme.custom_dir is the workspace's folder; extra_css and extra_javascript name files of the
    pages, which stay the shipped ones with the workspace's site/ laid over them (hooks.on_files).
    The pages folder, the output, strictness and fuhua's hooks are not the workspace's to change."""
    from mkdocs.utils.yaml import yaml_load

    settings = _code_paths(MKDOCS_YML)
    if own is None:
        return settings
    with open(MKDOCS_YML, encoding="utf-8") as f:
        shipped = yaml_load(f) or {}
    with open(own, encoding="utf-8") as f:
        raw = yaml_load(f) or {}
    if not isinstance(raw, dict):
        raise InputError.single(own, "mkdocs.yml must be a mapping of settings")
    theme = raw.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        theme = {**theme, "custom_dir": str(own.parent / theme["custom_dir"])}
    for key, value in {**raw, **({"theme": theme} if theme is not None else {})}.items():
        if key in FUHUA_OWN:
            continue
        base = shipped.get(key)
        settings[key] = {**base, **value} if isinstance(base, dict) and isinstance(value, dict) else value
    return {**settings, **{k: v for k, v in _code_paths(own).items() if k in raw}}


def _code_paths(config_file: Path) -> dict:
    """mkdocs.yml names fuhua's own files (the hooks, the jieba dictionary) as `generator/...`: point
    them into the installed package, so the shipped configuration and a workspace's own work wherever
    fuhua is installed and from any folder. `watch` only serves `mkdocs serve` and is left out."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as f:
        raw = yaml_load(f) or {}

    def code(path):
        return str(PROJECT_ROOT / path) if isinstance(path, str) and Path(path).parts[:1] == ("generator",) else path

    def plugin(entry):
        if isinstance(entry, dict):
            return {name: {k: code(v) for k, v in (options or {}).items()} for name, options in entry.items()}
        return entry

    overrides = {"watch": []}
    if "hooks" in raw:
        overrides["hooks"] = [code(h) for h in raw["hooks"]]
    if "plugins" in raw:
        plugins = raw["plugins"]
        overrides["plugins"] = ({name: {k: code(v) for k, v in (opts or {}).items()} for name, opts in plugins.items()}
                                if isinstance(plugins, dict) else [plugin(p) for p in plugins])
    return overrides


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
