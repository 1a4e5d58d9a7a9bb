"""Timing helpers shared by the figures: medians of repetitions, child processes measured with
os.wait4 (wall time, their own CPU time and peak resident memory), and the machine description."""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# Bytecode is cached outside the tree, as an installed package would have it (this machine sets
# PYTHONDONTWRITEBYTECODE, which would make every child compile fuhua from source).
PYCACHE = Path(tempfile.gettempdir()) / "fuhua-bench-pycache"


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds
    maxrss_mb: float  # peak resident set size
    stdout: str


def child_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPYCACHEPREFIX=str(PYCACHE), PYTHONHASHSEED="0", **extra)
    return env


# Started by a small launcher process: a child's peak RSS (ru_maxrss) counts the memory of the
# process it was forked from, so a child forked straight from this (large) process would report ours.
_LAUNCHER = """import json, os, sys, time
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(sys.argv[1], "w") as f:
    json.dump([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024], f)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_child(args: list, cwd: Path = ROOT, env: dict | None = None) -> Run:
    """Run a command (args[0] an absolute path) to completion, measured with os.wait4 in a small
    launcher process; raise with its stderr if it fails."""
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        usage = Path(tmp) / "usage.json"
        code = subprocess.call([PYTHON, "-c", _LAUNCHER, usage, *map(str, args)], cwd=cwd, env=env or child_env(), stdout=out, stderr=err)
        out.seek(0)
        err.seek(0)
        if code != 0:
            tail = err.read().decode("utf-8", errors="replace")[-3000:]
            raise RuntimeError(f"{' '.join(map(str, args))} exited {code}:\n{tail}")
        wall, cpu, peak = json.loads(usage.read_text())
        return Run(wall, cpu, peak, out.read().decode("utf-8", errors="replace"))


def median(values) -> float:
    return statistics.median(values)


def timed(func, *args, **kwargs) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = func(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _first(path: str, prefix: str) -> str | None:
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return None
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(prefix)), None)


def machine() -> dict:
    mem = _first("/proc/meminfo", "MemTotal")
    return {"date": dt.date.today().isoformat(), "cores": os.cpu_count(),
            "memory_gb": round(int(mem.split()[0]) / 1024 / 1024, 1) if mem else None,
            "cpu": _first("/proc/cpuinfo", "model name") or platform.processor(), "python": platform.python_version(),
            "os": platform.platform(terse=True), "load_1min": round(os.getloadavg()[0], 2)}
