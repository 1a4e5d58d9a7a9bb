"""The build date reaches every dated output, and no output reads the machine's clock.

Whole builds run as `fuhua build --date D` in a child process whose clock is faked (faketime) to
a day no output could otherwise contain, with FUHUA_BUILD_DATE unset: nothing may carry that day
(in any of the forms the outputs write dates), the same --date under two machine clocks gives the
same bytes, and a build after 2026-12-31 shows the Tianjin text as expired wherever validity is
shown: the site's pages, the cross-reference report and the lint.
"""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator import DATE_ENV, PROJECT_ROOT
from generator.build import MANIFEST, TARGETS
from generator.numerals import to_chinese
from tests.conftest import require_tool

pytestmark = pytest.mark.slow

BEFORE, AFTER = "2026-11-23", "2027-03-01"  # 38 days before the Tianjin text expires; two months after
MACHINE = ("2031-07-19 10:00:00", "2029-02-03 23:59:30")  # the faked clock: days no output could contain
TIANJIN = "tianjin-measures"
CN_DIGITS = "〇一二三四五六七八九"
DAYS_LEFT = re.compile(r"有效期至2026年12月31日（(?:剩余|距该日还有)(\d+)天）")


def date_forms(day: dt.date) -> list[str]:
    """The ways an output could write a day: ISO, 2031年7月19日, zero-padded, 二〇三一年七月十九日, …"""
    y, m, d = day.year, day.month, day.day
    cn_year = "".join(CN_DIGITS[int(c)] for c in str(y))
    return [day.isoformat(), f"{y}年{m}月{d}日", f"{y}年{m:02d}月{d:02d}日", f"{cn_year}年{to_chinese(m)}月{to_chinese(d)}日",
            f"{y}/{m}/{d}", f"{y}/{m:02d}/{d:02d}", f"{y}.{m}.{d}", f"{y}{m:02d}{d:02d}", day.strftime("%d %b %Y"),
            day.strftime("%b %d, %Y")]


def texts_of(path: Path):
    """(name, text) of a file, of every entry of a .docx/.xlsx, and of a gzip's content."""
    data = path.read_bytes()
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                yield f"{path.name}:{info.filename}", archive.read(info).decode("utf-8", "replace")
                yield f"{path.name}:{info.filename} (zip time)", "%04d-%02d-%02d" % info.date_time[:3]
    elif data[:2] == b"\x1f\x8b":
        yield f"{path.name} (gzip time)", dt.datetime.fromtimestamp(int.from_bytes(data[4:8], "little"), dt.timezone.utc).date().isoformat()
        yield path.name, gzip.decompress(data).decode("utf-8", "replace")
    else:
        yield path.name, data.decode("utf-8", "replace")


def run_build(out: Path, date: str, machine: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != DATE_ENV}
    cmd = [require_tool("faketime"), machine, sys.executable, "-m", "generator", "build", "--out", str(out),
           "--date", date, "-q"]
    done = subprocess.run(cmd, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    clock = subprocess.run([require_tool("faketime"), machine, sys.executable, "-c", "import datetime; print(datetime.date.today())"],
                           env=env, capture_output=True, text=True)
    assert clock.stdout.strip() == machine[:10], "faketime does not fake Python's clock here"


def files_of(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")}


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[tuple[str, str], Path]:
    root = tmp_path_factory.mktemp("dated")
    out = {}
    for date, machine in ((BEFORE, MACHINE[0]), (AFTER, MACHINE[0]), (AFTER, MACHINE[1])):
        out[date, machine] = root / f"{date}-{machine[:10]}"
        run_build(out[date, machine], date, machine)
    return out


def test_no_output_carries_the_machine_date(builds):
    forms = {form: machine[:10] for machine in MACHINE for form in date_forms(dt.date.fromisoformat(machine[:10]))}
    checked = 0
    for out in builds.values():
        for path in sorted(p for p in out.rglob("*") if p.is_file()):
            for name, text in texts_of(path):
                found = [f for f in forms if f in text]
                assert not found, f"{path.relative_to(out)} ({name}) carries the machine's date: {found}"
                checked += 1
    assert checked > 500


def test_the_same_build_date_gives_the_same_bytes_whatever_the_clock(builds):
    a, b = files_of(builds[AFTER, MACHINE[0]]), files_of(builds[AFTER, MACHINE[1]])
    assert sorted(a) == sorted(b)
    assert [rel for rel in a if a[rel] != b[rel]] == []


def test_only_dated_outputs_differ_between_two_build_dates(builds):
    """Files change with the build date only in targets declared `dated` (their input hash holds
    the date); the cross-reference report and the site do change."""
    out = builds[BEFORE, MACHINE[0]]
    before, after = files_of(out), files_of(builds[AFTER, MACHINE[0]])
    assert sorted(before) == sorted(after)
    owner = {rel: name for name, entry in json.loads((out / MANIFEST).read_text(encoding="utf-8"))["targets"].items()
             for rel in entry["outputs"]}
    changed = {owner[rel] for rel in before if before[rel] != after[rel]}
    dated = {t.name for t in TARGETS if t.dated}
    assert {"crossref", "site"} <= changed <= dated
    stamp = before["crossref/crossref.json"].decode("utf-8")
    assert json.loads(stamp)["today"] == BEFORE and json.loads(after["crossref/crossref.json"])["today"] == AFTER


def _visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_after_expiry_the_tianjin_text_shows_as_expired_everywhere(builds):
    out = builds[AFTER, MACHINE[0]]
    site = out / "site"
    # the site: the documents table on the home page, the full text's banner, the cross-reference page
    home = _visible((site / "index.html").read_text(encoding="utf-8"))
    assert "已失效（有效期至2026年12月31日）" in home and not DAYS_LEFT.search(home)
    banner = _visible((site / "texts" / f"{TIANJIN}.html").read_text(encoding="utf-8"))
    assert "已失效（有效期至2026年12月31日）" in banner and "（按2027年3月1日计算）" in banner and not DAYS_LEFT.search(banner)
    expired = "有效期已于2026年12月31日届满（核对日期为2027年3月1日），本文件已失效；如需继续施行，应重新发布或延长有效期。"
    assert expired in _visible((site / "crossref.html").read_text(encoding="utf-8"))
    # the cross-reference report, in each of its formats and as the site publishes it
    report = json.loads((out / "crossref" / "crossref.json").read_text(encoding="utf-8"))
    validity = [f for f in report["lint"] if f["kind"] == "validity" and f["document"] == TIANJIN]
    assert expired in [f["message"] for f in validity]
    assert expired in (out / "crossref" / "crossref.md").read_text(encoding="utf-8")
    assert expired in "".join(t for _, t in texts_of(out / "crossref" / "crossref.docx"))
    for rel in ("downloads/crossref/crossref.json", "downloads/crossref/crossref.docx", "downloads/crossref/crossref.html"):
        assert expired in _visible("".join(t for _, t in texts_of(site / rel))), rel
    # the lint, with only --date (FUHUA_BUILD_DATE unset)
    env = {k: v for k, v in os.environ.items() if k != DATE_ENV}
    done = subprocess.run([sys.executable, "-m", "generator", "lint", "--document", TIANJIN, "--format", "json", "--date", AFTER],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert expired in [f["message"] for f in json.loads(done.stdout) if f["kind"] == "validity"]
    before = _visible((builds[BEFORE, MACHINE[0]] / "site" / "texts" / f"{TIANJIN}.html").read_text(encoding="utf-8"))
    assert {m.group(1) for m in DAYS_LEFT.finditer(before)} == {"38"} and "已失效" not in before
