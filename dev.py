#!/usr/bin/env python3
"""Set up everything and run fuhua's main job or its test suite. Needs only Python 3.11+.

    python3 dev.py build      # venv + install, validate policy/, build every output into build/
    python3 dev.py test       # venv + install, run the whole test suite
    python3 dev.py serve      # venv + install, live preview of the site on 127.0.0.1:8000
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"


def ensure_env() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"fuhua needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PY.exists():
        print("creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".fuhua-installed"
    inputs = b"".join((ROOT / f).read_bytes() for f in ("pyproject.toml", "constraints.txt") if (ROOT / f).exists())
    digest = hashlib.sha256(inputs).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    print("installing fuhua and its dependencies into .venv ...", flush=True)
    pip = [str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    constraints = ["-c", str(ROOT / "constraints.txt")] if (ROOT / "constraints.txt").exists() else []
    subprocess.run(pip + ["--upgrade", "pip"], check=True)
    subprocess.run(pip + constraints + ["-e", f"{ROOT}[test]"], check=True)
    stamp.write_text(digest)


def run(*cmd: str) -> int:
    return subprocess.run([str(BIN / cmd[0]), *cmd[1:]], cwd=ROOT).returncode


def main() -> int:
    task = sys.argv[1] if len(sys.argv) > 1 else "build"
    extra = sys.argv[2:]
    ensure_env()
    if task == "build":
        return run("fuhua", "validate") or run("fuhua", "build", *extra)
    if task == "test":
        return run("python", "-m", "pytest", *extra)
    if task == "serve":
        return run("mkdocs", "serve", "-a", "127.0.0.1:8000", *extra)
    sys.exit(f"unknown task {task!r}; use build, test or serve")


if __name__ == "__main__":
    sys.exit(main())
