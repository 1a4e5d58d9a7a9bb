"""The validation pipeline (generator/checks.py): one explicit list of checks, each of which runs or
fails loudly; none can be switched off by a failing import."""
import subprocess
import sys

from generator import PROJECT_ROOT
from generator.checks import CHECKS


def test_the_checks_are_listed_once_in_order():
    assert [c.name for c in CHECKS] == ["references", "home", "quotes", "dates", "consistency", "text dates"]
    assert [c.name for c in CHECKS if c.against_text] == ["consistency", "text dates"]


def _validate_without(module: str):
    """`fuhua validate` in a fresh interpreter where importing `module` fails."""
    code = (f"import sys; sys.modules[{module!r}] = None\n"  # None in sys.modules: the import raises ImportError
            "from generator.cli import main\n"
            "sys.exit(main(['validate']))\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT)


def test_validate_fails_loudly_when_the_consistency_check_cannot_be_imported():
    done = _validate_without("generator.crossref.consistency")
    assert done.returncode != 0, done.stdout
    assert "generator.crossref.consistency" in done.stdout + done.stderr
    assert "ok" not in done.stdout


def test_validate_passes_with_every_check_importable():
    """The control: the same command, nothing blocked, validates policy/."""
    done = _validate_without("a.module.nobody.imports")
    assert done.returncode == 0, done.stderr
