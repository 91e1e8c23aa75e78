"""Shared bench helpers: the Streamlit server, Chromium launch options, the offline guard, stats.

Nothing here imports from ``tests/``; the server starter and the Chromium flags follow the same
recipe as ``tests/browser/conftest.py`` (headless Streamlit on a free loopback port, polled at
``/_stcore/health``; Debian Chromium with offline flags).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"  # git-ignored: logs, the exported HTML, profiles
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
START_TIMEOUT = 60.0


# --- the app server ----------------------------------------------------------


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    """Whether Streamlit answers ``ok`` at ``/_stcore/health``."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200 and resp.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


@dataclass
class Server:
    """A running ``streamlit run app.py``."""

    proc: subprocess.Popen[bytes]
    url: str
    log: Path
    started_s: float  # seconds from spawn to healthy
    runs_log: Path | None = None  # one JSON line per script run (instrumented server)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def rss_mb(self) -> float:
        """Resident memory of the server process (VmRSS from /proc), in MB."""
        return rss_mb(self.pid)

    def script_runs(self, since: float = 0.0, until: float = float("inf")) -> list[dict]:
        """Script runs logged by the instrumented server that started in [since, until)."""
        if not self.runs_log or not self.runs_log.is_file():
            return []
        runs = []
        for line in self.runs_log.read_text().splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if since <= rec["t0"] < until:
                runs.append(rec)
        return runs

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def start_server(tag: str = "bench", instrumented: bool = True) -> Server:
    """Start the app headless on a free loopback port and wait until it is healthy.

    ``instrumented``: through ``bench/instrumented_server.py``, which logs each script run's
    wall and CPU time (the app itself is unchanged); otherwise plain ``streamlit run``.
    """
    OUT.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = OUT / f"server-{tag}.log"
    runs_log = OUT / f"script-runs-{tag}.jsonl" if instrumented else None
    if runs_log:
        runs_log.unlink(missing_ok=True)
    launcher = (
        [str(REPO / "bench" / "instrumented_server.py"), str(runs_log)]
        if runs_log
        else ["-m", "streamlit", "run"]
    )
    cmd = [
        sys.executable, *launcher, str(REPO / "app.py"),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
    ]  # fmt: skip
    t0 = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=REPO, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT
        )
    server = Server(proc, url, log, 0.0, runs_log)
    deadline = time.monotonic() + START_TIMEOUT
    while not healthy(url):
        if proc.poll() is not None or time.monotonic() > deadline:
            server.stop()
            tail = log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"Streamlit did not become healthy at {url}:\n{tail}")
        time.sleep(0.1)
    server.started_s = time.perf_counter() - t0
    return server


def rss_mb(pid: int) -> float:
    """VmRSS of a process in MB (psutil is not a dependency; /proc is enough on Linux)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


# --- browser -------------------------------------------------------------------


def launch_options() -> dict:
    """Keyword arguments for ``chromium.launch``: Debian Chromium, headless, offline flags."""
    return {"executable_path": CHROMIUM, "headless": True, "args": list(CHROMIUM_ARGS)}


def leaves_machine(url: str) -> bool:
    """True for any request that is not loopback, file:, data:, blob: or about:."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", "ws", "wss"}:
        return False
    return (parts.hostname or "") not in LOOPBACK


# Installed in every top-level document (``context.add_init_script``). Every 15 ms it counts the
# drawn route/place paths (``path.leaflet-interactive`` inside a ``.leaflet-container``) in the
# document itself (the export) and in the streamlit-folium iframe (the app), and logs each change
# with a high-resolution epoch time. Each iframe window gets an id when first seen: a reloaded or
# remounted iframe shows up as a new id. Pointer-downs in the top document are logged too (the
# start of a filter change). Polling from the parent is used because Chromium reuses the
# iframe's initial about:blank window, so an init script inside the iframe watches the wrong
# document. Streamlit's script state (``data-test-script-state``: running / notRunning) is logged
# the same way, to know when the app is idle.
PROBE_JS = r"""
(() => {
  if (window !== window.top || window.__erProbe) return;
  window.__erProbe = true;
  const now = () => performance.timeOrigin + performance.now();
  const SEL = '.leaflet-container path.leaflet-interactive';
  window.__pl = []; window.__ev = []; window.__ss = []; window.__t0 = performance.timeOrigin;
  let last = -1, lastWin = -1, wins = 0, lastState;
  const tick = () => {
    let n = 0, id = 0;
    try { n = document.querySelectorAll(SEL).length; } catch (e) {}
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const w = f && f.contentWindow;
    if (w) {
      try {
        if (w.__erId === undefined) { w.__erId = ++wins; }
        id = w.__erId;
        n += w.document.querySelectorAll(SEL).length;
      } catch (e) {}
    }
    if (n !== last || id !== lastWin) { last = n; lastWin = id; window.__pl.push([n, now(), id]); }
    const app = document.querySelector('[data-testid="stApp"]');
    const ss = app ? app.getAttribute('data-test-script-state') : null;
    if (ss !== lastState) { lastState = ss; window.__ss.push([ss, now()]); }
  };
  setInterval(tick, 15);
  document.addEventListener('pointerdown', () => window.__ev.push(['pointerdown', now()]), true);
})();
"""


# --- figures ---------------------------------------------------------------------


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def pct(xs: list[float], p: float) -> float:
    """Percentile with linear interpolation (p in 0..100)."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    if math.isinf(s[hi]) and (k > lo or math.isinf(s[lo])):
        return math.inf  # censored: a timed-out wait is longer than any measured one
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def machine() -> dict[str, str]:
    """Date, machine and versions for the report header."""
    import streamlit

    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        chromium = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = "?"
    versions = {}
    for pkg in ("folium", "streamlit_folium", "playwright"):
        try:
            from importlib.metadata import version

            versions[pkg] = version(pkg.replace("_", "-"))
        except Exception:  # noqa: BLE001 - report, never fail on a version lookup
            versions[pkg] = "?"
    return {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": platform.machine(),
        "nproc": str(os.cpu_count()),
        "memory": mem,
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "streamlit-folium": versions["streamlit_folium"],
        "folium": versions["folium"],
        "playwright": versions["playwright"],
        "chromium": chromium,
    }


def expected_counts() -> tuple[int, dict[str, tuple[str, int]], object]:
    """Paths drawn with no filter, and per risk id: (option label, paths drawn when selected).

    A drawn path is one visible route segment (GeoJSON line) or one place (CircleMarker); the
    basemap (countries, rivers) is not interactive and not counted.
    """
    from escape_routes.content import load_atlas
    from escape_routes.filters import Filter, apply

    atlas = load_atlas()
    full = apply(atlas, Filter())
    per_risk = {}
    for rid, risk in atlas.risks.items():
        v = apply(atlas, Filter(risks=frozenset({rid})))
        per_risk[rid] = (f"{risk.cue} {risk.label}", len(v.segments) + len(v.places))
    return len(full.segments) + len(full.places), per_risk, atlas


def pair_count(atlas, a: str, b: str) -> int:
    """Paths drawn with risks a and b selected (match any)."""
    from escape_routes.filters import Filter, apply

    v = apply(atlas, Filter(risks=frozenset({a, b})))
    return len(v.segments) + len(v.places)


# --- CPU accounting ---------------------------------------------------------------


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds used) of a process, from /proc/<pid>/stat."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks


def _kind(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "other"
    cmd = raw.replace(b"\0", b" ").split()  # Chromium rewrites its argv into one string
    if not cmd:
        return "other"
    text = raw.decode(errors="replace")
    if "chromium" in text or "chrome" in text:
        for part in cmd:
            if part.startswith(b"--type="):
                kind = part.split(b"=", 1)[1].decode()
                if kind == "utility" and b"--utility-sub-type=network.mojom.NetworkService" in cmd:
                    return "chromium network"
                return f"chromium {kind}"
        return "chromium browser"
    if "node" in cmd[0].decode(errors="replace").rsplit("/", 1)[-1]:
        return "playwright driver"
    return "other"


def cpu_seconds(server_pid: int, detail: bool = False) -> dict[str, float]:
    """CPU seconds used so far by the server, by the browser side (every other process below
    this one: Playwright's driver and Chromium) and by this bench process itself. With
    ``detail``, the browser side is split by process kind (renderer, GPU, network, driver...).
    Processes that already exited are not counted (a closed context's renderer)."""
    me = os.getpid()
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = _stat(int(entry))
            if st:
                parents[int(entry)], used[int(entry)] = st

    def below_me(pid: int) -> bool:
        for _ in range(64):
            pid = parents.get(pid, 0)
            if pid == me:
                return True
            if pid <= 1:
                return False
        return False

    side = [pid for pid in used if pid != server_pid and below_me(pid)]
    out = {
        "server": used.get(server_pid, 0.0),
        "browser": sum(used[p] for p in side),
        "bench": used.get(me, 0.0),
    }
    if detail:
        for pid in side:
            k = _kind(pid)
            out[k] = out.get(k, 0.0) + used[pid]
    return out


def machine_cpu() -> tuple[int, int]:
    """(busy, total) CPU jiffies of the whole machine so far, from /proc/stat."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return 0, 0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


def busy_share(before: tuple[int, int], after: tuple[int, int]) -> float:
    """Share of all cores' time that was busy between two :func:`machine_cpu` readings."""
    total = after[1] - before[1]
    return (after[0] - before[0]) / total if total else math.nan


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


class CpuTracker:
    """CPU seconds used by this bench's own process tree (the server, Playwright's driver,
    Chromium and its short-lived renderers, the bench itself) between :meth:`start` and the last
    :meth:`sample`, next to how busy the whole machine was: the rest is other work on it.
    Processes that exit between samples are counted up to their last sample."""

    def __init__(self) -> None:
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.m0 = self.m1 = (0, 0)

    def _ours(self) -> dict[int, float]:
        me = os.getpid()
        parents, used = {}, {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                st = _stat(int(entry))
                if st:
                    parents[int(entry)], used[int(entry)] = st
        out = {}
        for pid, t in used.items():
            p = pid
            for _ in range(64):
                if p == me:
                    out[pid] = t
                    break
                p = parents.get(p, 0)
                if p <= 1:
                    break
        return out

    def start(self) -> None:
        self.first = self._ours()
        self.last = dict(self.first)
        self.m0 = self.m1 = machine_cpu()

    def sample(self) -> None:
        self.last.update(self._ours())
        self.m1 = machine_cpu()

    def result(self) -> dict[str, float]:
        ticks = os.sysconf("SC_CLK_TCK")
        ours = sum(t - self.first.get(pid, 0.0) for pid, t in self.last.items())
        busy = (self.m1[0] - self.m0[0]) / ticks
        total = (self.m1[1] - self.m0[1]) / ticks
        return {"ours_s": ours, "machine_busy_s": busy, "machine_total_s": total}
