"""Figures from the machine and the server processes: percentiles, memory and CPU (psutil)."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import platform
import subprocess
import time
from importlib.metadata import version
from pathlib import Path

import psutil

from testkit.browser import chromium
from testkit.servers import REPO

OUT = REPO / "bench" / "out"  # git-ignored: logs, the exported HTML, profiles, results.json


def pct(xs: list[float], p: float) -> float:
    """Percentile (linear interpolation); an ``inf`` (a timed-out wait) is longer than any."""
    if not xs:
        return math.nan
    s = sorted(xs)
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    if math.isinf(s[hi]):
        return math.inf if k > lo or math.isinf(s[lo]) else s[lo]
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def med(xs: list[float]) -> float:
    return pct(xs, 50)


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def machine() -> dict[str, str]:
    """Date, machine, versions and commit for the report's header."""

    def run(*cmd: str) -> str:
        try:
            return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            return "?"

    changed = [
        line[3:]
        for line in run("git", "status", "--porcelain", "--untracked-files=no").splitlines()
        if not line[3:].startswith("bench/")
    ]
    return {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "commit": run("git", "rev-parse", "--short", "HEAD").strip()
        + (f" (+ uncommitted changes to {', '.join(changed[:5])})" if changed else ""),
        "python": platform.python_version(),
        "versions": ", ".join(
            f"{p} {version(p)}" for p in ("streamlit", "streamlit-folium", "folium", "playwright")
        ),
        "chromium": run(chromium() or "chromium", "--version").strip(),
        "haproxy": run("haproxy", "-v").split("\n", 1)[0][:40],
    }


class Procs:
    """Memory and CPU time of a set of server processes, sampled over a scenario."""

    def __init__(self, procs: list[psutil.Process]) -> None:
        self.procs = procs
        self.cpu0 = self.cpu()
        self.samples: list[tuple[float, dict[int, float]]] = []  # (seconds, pid -> RSS MB)
        self.t0 = time.monotonic()

    def cpu(self) -> dict[int, float]:
        """CPU seconds (user + system, threads included) of each process so far."""
        out = {}
        for p in self.procs:
            try:
                t = p.cpu_times()
                out[p.pid] = t.user + t.system
            except psutil.NoSuchProcess:
                out[p.pid] = math.nan
        return out

    def rss(self) -> dict[int, float]:
        out = {}
        for p in self.procs:
            try:
                out[p.pid] = p.memory_info().rss / 2**20
            except psutil.NoSuchProcess:
                out[p.pid] = math.nan
        return out

    def sample(self) -> None:
        self.samples.append((time.monotonic() - self.t0, self.rss()))

    def cpu_used(self) -> dict[int, float]:
        now = self.cpu()
        return {pid: now[pid] - self.cpu0[pid] for pid in now}

    def names(self) -> dict[int, str]:
        """pid -> "streamlit" or "haproxy"."""
        out = {}
        for p in self.procs:
            try:
                out[p.pid] = "haproxy" if "haproxy" in p.name() else "streamlit"
            except psutil.NoSuchProcess:
                out[p.pid] = "?"
        return out


def read_runs(runs_dir: Path, since: float = 0.0) -> list[dict]:
    """Script runs logged by ``bench/hook/sitecustomize.py`` that started after ``since``."""
    runs = []
    for f in sorted(runs_dir.glob("runs-*.jsonl")):
        for line in f.read_text().splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if rec["t0"] >= since:
                runs.append(rec)
    return runs
