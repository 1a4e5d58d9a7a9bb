"""The build date: the one place fuhua reads the clock.

Every dated output (a text's validity and days left on the site, the cross-reference report's
核对日期 and its validity findings, `fuhua lint`) is computed for one day, the build date:
`--date YYYY-MM-DD`, else the FUHUA_BUILD_DATE environment variable, else the machine's date.
Nothing else in fuhua reads the machine's clock; tests pin the build date, and a test
runs the build under a faked machine clock to prove that no output depends on it.
"""
from __future__ import annotations

import datetime as dt
import os

from generator import DATE_ENV
from generator.errors import InputError


def machine_today() -> dt.date:
    """The machine's date: the only read of the clock, used when no build date is given."""
    return dt.date.today()


def parse_day(value: str, source: str) -> dt.date:
    """YYYY-MM-DD, or InputError naming where the value came from (--date, FUHUA_BUILD_DATE)."""
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError.single(source, f"'{value}' is not a date (YYYY-MM-DD)") from None


def build_date(value: str | dt.date | None = None, *, source: str = "--date") -> dt.date:
    """The day dated outputs are computed for: `value` (a --date option), else FUHUA_BUILD_DATE,
    else the machine's date."""
    if isinstance(value, dt.date):
        return value
    if value:
        return parse_day(value, source)
    if os.environ.get(DATE_ENV):
        return parse_day(os.environ[DATE_ENV], DATE_ENV)
    return machine_today()


def add_date_option(parser, what: str = "the build date: validity and days left are computed for it") -> None:
    """`--date YYYY-MM-DD` (alias `--today`) for every command that writes a dated output."""
    parser.add_argument("--date", "--today", dest="date", metavar="YYYY-MM-DD", help=f"{what} (default: {DATE_ENV}, else today)")
