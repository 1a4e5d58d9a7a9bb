"""fuhua installed from a wheel, not editable, into a fresh virtualenv, run from a folder outside the
checkout: validate, check and build work, the build is byte-identical to the checkout's, and
`fuhua init` gives a workspace that builds.

The wheel is built from a copy of the sources (pip builds in the source tree, whose build/ is
fuhua's output folder). The fresh virtualenv takes fuhua from the wheel only (`--no-deps --no-index`)
and borrows the already installed dependencies through a .pth line naming this environment's
site-packages, so the test needs no download beyond pip's build backend (setuptools, from the
configured index or pip's cache)."""
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from generator import PROJECT_ROOT, api

pytestmark = pytest.mark.slow
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "mkdocs.yml", "generator", "templates", "schemas", "site",
           "scaffold", "policy/vocabulary.yaml")
DATE = "2026-11-20"


def _run(*cmd, cwd, env=None, timeout=900):
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{cmd}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The `bin` folder of a fresh virtualenv with fuhua installed from its wheel (whose path is
    in `bin/../wheel.txt`)."""
    tmp = tmp_path_factory.mktemp("install")
    src = tmp / "src"
    for name in SOURCES:
        origin = PROJECT_ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, src / name)
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist", src, cwd=tmp)
    wheel = next((tmp / "dist").glob("fuhua-*.whl"))
    venv = tmp / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp)
    python = venv / "bin" / "python"
    purelib = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp).strip())
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (purelib / "zz_borrowed_dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n", encoding="utf-8")
    _run(python, "-m", "pip", "install", "--no-deps", "--no-index", "-q", wheel, cwd=tmp)
    located = _run(python, "-c", "import generator; print(generator.__file__)", cwd=tmp).strip()
    assert Path(located).is_relative_to(venv), f"fuhua imported from {located}, not from the wheel"
    (venv / "wheel.txt").write_text(str(wheel), encoding="utf-8")
    return venv / "bin"


@pytest.fixture
def env(monkeypatch):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("FUHUA_", "PYTHON"))}
    return {**clean, "FUHUA_BUILD_DATE": DATE}


def test_the_wheel_holds_every_file_of_the_package_and_the_shipped_folders(installed):
    names = set(zipfile.ZipFile((installed.parent / "wheel.txt").read_text(encoding="utf-8")).namelist())
    expected = {p.relative_to(PROJECT_ROOT).as_posix() for p in (PROJECT_ROOT / "generator").rglob("*")
                if p.is_file() and "__pycache__" not in p.parts}
    for folder in ("templates", "schemas", "site", "scaffold"):
        expected |= {f"generator/shipped/{p.relative_to(PROJECT_ROOT).as_posix()}" for p in (PROJECT_ROOT / folder).rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts}
    assert sorted(expected - names) == []
    assert not [n for n in names if n.endswith(".pyc")]


def test_the_wheel_ships_templates_schemas_site_and_mkdocs_yml(installed):
    python = installed / "python"
    out = _run(python, "-c", "import generator as g; print(g.TEMPLATES_DIR, g.SCHEMAS_DIR, g.MKDOCS_YML, g.VOCABULARY_FILE, g.SCAFFOLD_DIR)",
               cwd=installed)
    paths = [Path(p) for p in out.split()]
    assert all("site-packages" in p.parts and p.exists() for p in paths), paths
    shipped = paths[0].parent
    for rel in ("templates/reference-official.docx", "templates/forms/application.md.j2", "schemas/profile.schema.json",
                "site/index.md", "site/assets/fuhua.css", "mkdocs.yml", "policy/vocabulary.yaml", "scaffold/policy/project.yaml"):
        assert (shipped / rel).is_file(), rel


def test_validate_check_and_build_from_another_folder_equal_the_checkout(installed, tmp_path, env, monkeypatch):
    ws = tmp_path / "ws"
    shutil.copytree(PROJECT_ROOT / "policy", ws / "policy")
    shutil.copytree(PROJECT_ROOT / "examples", ws / "examples")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    fuhua = installed / "fuhua"
    assert _run(fuhua, "validate", "--policy", ws / "policy", cwd=elsewhere, env=env).startswith("ok: 2 documents")
    checked = json.loads(_run(fuhua, "check", "--policy", ws / "policy", "--profile", ws / "examples/profiles/incubator.yaml",
                              "--type", "incubator", "--format", "json", cwd=elsewhere, env=env))
    assert checked == json.loads(json.dumps(api.check(ws / "examples/profiles/incubator.yaml", "incubator", policy=ws / "policy"),
                                            ensure_ascii=False))
    _run(fuhua, "build", "--policy", ws / "policy", "--out", "out", "-q", cwd=elsewhere, env=env)
    monkeypatch.setenv("FUHUA_BUILD_DATE", DATE)
    api.build(tmp_path / "reference", policy=ws / "policy")  # the same policy, built from the checkout
    installed_files, checkout_files = _files(elsewhere / "out"), _files(tmp_path / "reference")
    assert sorted(installed_files) == sorted(checkout_files)
    assert any(name.startswith("site/") for name in installed_files)
    assert [n for n in installed_files if installed_files[n] != checkout_files[n]] == []


def test_init_gives_a_workspace_that_validates_and_builds(installed, tmp_path, env):
    fuhua = installed / "fuhua"
    _run(fuhua, "init", "新城市", cwd=tmp_path, env=env)
    ws = tmp_path / "新城市"
    assert _run(fuhua, "validate", cwd=ws / "policy", env=env).startswith("ok: 1 documents")
    _run(fuhua, "build", "-q", cwd=ws, env=env)  # every target, the site too
    assert (ws / "build" / "forms" / "application-incubator.docx").is_file()
    assert (ws / "build" / "eligibility" / "tailored-checklist-incubator.docx").is_file()
    assert (ws / "build" / "site" / "types" / "incubator.html").is_file()
    home = (ws / "build" / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>首页 - 示例市孵化载体政策</title>" in home and "天津" not in home  # named by its own policy
