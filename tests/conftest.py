"""Shared fixtures: the policy, a scratch copy of it, an in-process CLI runner, and the system
programs (LibreOffice, pdftotext, Chromium) that some tests need. Without those programs the tests
are skipped and the run ends with a loud banner; in CI (FUHUA_REQUIRE_SYSTEM_TOOLS=1) they fail."""
from __future__ import annotations

import contextlib
import io
import os
import shutil
from pathlib import Path

import pytest

from generator import DEFAULT_POLICY_DIR, PROJECT_ROOT
from generator.cli import main
from generator.policy import load_policy

# The official source texts, copied from shared/seeds so a fresh clone is self-contained
# (tests/test_policy_sources.py checks the copy against shared/seeds when that folder is present).
SEEDS_DIR = PROJECT_ROOT / "tests" / "fixtures" / "seeds"
SHARED_SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"

SYSTEM_TOOLS = {
    "soffice": "LibreOffice (Debian: libreoffice-writer-nogui)",
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "chromium": "Chromium (Debian: chromium)",
    "faketime": "libfaketime (Debian: faketime)",
    "node": "Node.js (Debian: nodejs)",
}
_missing: set[str] = set()


def require_tool(name: str) -> str:
    """Path of a system program, or skip (fail in CI) with a clear reason."""
    path = shutil.which(name)
    if path:
        return path
    _missing.add(name)
    message = f"{name} not installed ({SYSTEM_TOOLS.get(name, name)})"
    if os.environ.get("FUHUA_REQUIRE_SYSTEM_TOOLS"):
        pytest.fail(message + " but FUHUA_REQUIRE_SYSTEM_TOOLS is set")
    pytest.skip(message)


def pytest_collection_modifyitems(items):
    """Mark `slow` every test that drives Chromium or is a hypothesis property, wherever it is;
    tests/ marks the LibreOffice, Node, whole-build and nested-property ones itself.
    `python3 dev.py test -m "not slow"` is the fast subset; CI runs everything."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()) or getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.slow)


def pytest_terminal_summary(terminalreporter):
    if _missing:
        bar = "!" * 78
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line(f"SKIPPED TESTS: missing system programs: {', '.join(sorted(_missing))}", red=True, bold=True)
        terminalreporter.write_line("Install them (see .ci/run) to run the LibreOffice and browser tests.", red=True, bold=True)
        terminalreporter.write_line(bar, red=True, bold=True)


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the session, driven by Playwright (no browser download)."""
    chromium = require_tool("chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def policy():
    return load_policy(DEFAULT_POLICY_DIR)


@pytest.fixture
def policy_copy(tmp_path) -> Path:
    """A scratch copy of policy/ that a test may edit."""
    dest = tmp_path / "policy"
    shutil.copytree(DEFAULT_POLICY_DIR, dest)
    return dest


@pytest.fixture
def cli():
    """Run `fuhua ARGS...` in-process: returns (exit_code, stdout, stderr)."""
    def run(*args: str):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:  # argparse usage errors
                code = exc.code if isinstance(exc.code, int) else 2
        return code, out.getvalue(), err.getvalue()
    return run
