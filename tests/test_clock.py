"""The build date has one owner (generator/clock.py): --date, else FUHUA_BUILD_DATE, else the
machine's date; nothing else in generator/ reads the clock. tests/test_build_date.py checks the
outputs of whole builds under a faked clock."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from generator import DATE_ENV, PACKAGE_DIR, clock
from generator.errors import InputError

CLOCK_READS = re.compile(r"\b(?:date|datetime)\.(?:today|now|utcnow)\(|\btime\.(?:time|localtime|gmtime)\(")


def test_nothing_but_clock_py_reads_the_clock():
    readers = [f"{p.relative_to(PACKAGE_DIR.parent)}:{n}: {line.strip()}"
               for p in sorted(PACKAGE_DIR.rglob("*.py")) if p.name != "clock.py" or p.parent != PACKAGE_DIR
               for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
               if CLOCK_READS.search(line.split("#")[0])]
    assert readers == []


def test_date_option_then_environment_then_machine(monkeypatch):
    monkeypatch.setattr(clock, "machine_today", lambda: dt.date(2031, 7, 19))
    monkeypatch.delenv(DATE_ENV, raising=False)
    assert clock.build_date() == dt.date(2031, 7, 19)
    monkeypatch.setenv(DATE_ENV, "2027-03-01")
    assert clock.build_date() == dt.date(2027, 3, 1)
    assert clock.build_date("2026-11-23") == dt.date(2026, 11, 23)
    assert clock.build_date(dt.date(2025, 1, 1)) == dt.date(2025, 1, 1)


@pytest.mark.parametrize("value", ["2026-13-01", "tomorrow", "2026-02-30"])
def test_a_bad_date_names_where_it_came_from(monkeypatch, value):
    with pytest.raises(InputError) as exc:
        clock.build_date(value)
    assert str(exc.value) == f"--date:1:1: '{value}' is not a date (YYYY-MM-DD)"
    monkeypatch.setenv(DATE_ENV, value)
    with pytest.raises(InputError) as exc:
        clock.build_date()
    assert str(exc.value).startswith(f"{DATE_ENV}:1:1: '{value}'")


def test_the_dated_commands_take_date(cli, tmp_path, monkeypatch):
    monkeypatch.delenv(DATE_ENV, raising=False)
    code, _, err = cli("lint", "--document", "tianjin-measures", "--date", "2027-03-01")
    assert code == 1 and "judged on 2027-03-01" in err
    code, _, err = cli("lint", "--document", "tianjin-measures", "--today", "2027-03-01")  # the older name
    assert "judged on 2027-03-01" in err
    code, _, err = cli("build", "--out", tmp_path / "b", "--only", "crossref", "--date", "2026-02-30")
    assert code == 2 and "'2026-02-30' is not a date" in err and not (tmp_path / "b").exists()
