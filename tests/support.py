"""What the browser tests and the benchmarks share: servers to start and Chromium to drive offline.

Imported by ``tests/browser/conftest.py``, ``tests/browser/test_serve.py`` and ``bench/``; it
imports neither of them (nor pytest).

- :func:`start_app` runs ``streamlit run app.py`` headless on a free loopback port and waits for
  ``/_stcore/health`` (DESIGN.md, "Starting Streamlit unattended");
- :func:`start_serve` runs ``deploy/serve.py`` (``make serve``): N such processes behind HAProxy;
- :func:`chromium` and :data:`CHROMIUM_ARGS` launch Debian's Chromium as Playwright needs it here;
- :func:`leaves_machine` and :data:`OFFSITE` tell which requests a page must abort to stay offline.
"""

from __future__ import annotations

import inspect
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psutil

from escape_routes.warmup import warm_up

REPO = Path(__file__).resolve().parents[1]
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Any URL with a network scheme whose host is not loopback; handed to the browser as a pattern,
# so loopback traffic is never intercepted (interception would add to the timings).
OFFSITE = re.compile(r"^(?:https?|wss?)://(?!(?:127\.0\.0\.1|localhost|\[::1\])(?:[:/]|$))")
START_TIMEOUT = 60.0  # seconds; the machine has two cores


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def chromium() -> str | None:
    """Path of the Chromium to drive (``$CHROMIUM``, Debian's, or on PATH), or ``None``."""
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def leaves_machine(url: str) -> bool:
    """True for any request that is not loopback, ``file:``, ``data:``, ``blob:`` or ``about:``."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", "ws", "wss"}:
        return False
    return (parts.hostname or "") not in LOOPBACK


@dataclass
class PageLog:
    """What a page tried and complained about."""

    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)

    def errors(self) -> list[str]:
        return [f"console: {e}" for e in self.console_errors] + [
            f"pageerror: {e}" for e in self.page_errors
        ]


def watch(page, log: PageLog) -> list:
    """Abort (and log in ``log``) every request and websocket of ``page`` that would leave the
    machine; log console errors, page errors and 404s. Works with Playwright's sync and async
    APIs alike: with the async one, await what it returns.
    """

    def block(route):
        log.blocked.append(route.request.url)
        return route.abort("blockedbyclient")

    def block_ws(ws):
        log.blocked.append(ws.url)
        return ws.close()

    page.on("console", lambda m: m.type == "error" and log.console_errors.append(m.text[:500]))
    page.on("pageerror", lambda e: log.page_errors.append(str(e)[:500]))
    page.on("response", lambda r: r.status == 404 and log.not_found.append(r.url))
    calls = [page.route(OFFSITE, block), page.route_web_socket(OFFSITE, block_ws)]
    return [c for c in calls if inspect.isawaitable(c)]


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    """Whether Streamlit (or the proxy in front of it) answers ``ok`` at ``/_stcore/health``."""
    try:
        resp = httpx.get(f"{url}/_stcore/health", timeout=2)
    except httpx.HTTPError:
        return False
    return resp.status_code == 200 and resp.text.strip() == "ok"


@dataclass
class Server:
    """A started ``streamlit run`` or ``deploy/serve.py``; :meth:`stop` ends it and its children."""

    proc: subprocess.Popen[bytes]
    url: str
    log: Path
    started_s: float = 0.0  # seconds from spawn to healthy
    workers: dict[int, str] = field(default_factory=dict)  # pid -> URL (serve.py only)

    def processes(self) -> list[psutil.Process]:
        """The server processes: Streamlit alone, or serve.py's workers and HAProxy."""
        try:
            top = psutil.Process(self.proc.pid)
            return [top] if not self.workers else top.children(recursive=True)
        except psutil.NoSuchProcess:
            return []

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def _wait_warm(server: Server, timeout: float, t0: float) -> Server:
    """Healthy, then app.py run once, as the README's commands start it (escape_routes.warmup)."""
    if not warm_up(server.url, wait_s=timeout) or server.proc.poll() is not None:
        server.stop()
        tail = server.log.read_text(errors="replace")[-3000:]
        raise RuntimeError(
            f"not healthy at {server.url} (exit code {server.proc.returncode}):\n{tail}"
        )
    server.started_s = time.perf_counter() - t0
    return server


def _spawn(cmd: list[str], log: Path, env: dict[str, str] | None) -> subprocess.Popen[bytes]:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        return subprocess.Popen(
            cmd,
            cwd=REPO,
            env={**os.environ, **(env or {})},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def start_app(log: Path, env: dict[str, str] | None = None, app: str = "app.py") -> Server:
    """``streamlit run APP`` headless on a free loopback port, once healthy and warmed up.

    ``env`` adds environment variables (another content folder, the bench's instrumentation);
    the working directory is the repository, so ``.streamlit/config.toml`` applies.
    """
    url = f"http://127.0.0.1:{free_port()}"
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(REPO / app),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.port", url.rsplit(":", 1)[1],
        "--server.address", "127.0.0.1",
    ]  # fmt: skip
    t0 = time.perf_counter()
    return _wait_warm(Server(_spawn(cmd, log, env), url, log), START_TIMEOUT, t0)


def start_serve(
    workers: int, log: Path, env: dict[str, str] | None = None, make: bool = False
) -> Server:
    """``deploy/serve.py`` (with ``make``: ``make serve``): ``workers`` Streamlit processes
    behind HAProxy on a free loopback port.

    Returns once the proxy answers and serve.py has named its workers (``Server.workers``).
    """
    url = f"http://127.0.0.1:{free_port()}"
    port = url.rsplit(":", 1)[1]
    cmd = (
        ["make", "-s", "serve", f"WORKERS={workers}", f"PORT={port}", "ADDRESS=127.0.0.1"]
        if make
        else [sys.executable, str(REPO / "deploy" / "serve.py"), "--workers", str(workers),
              "--port", port, "--address", "127.0.0.1"]
    )  # fmt: skip
    t0 = time.perf_counter()
    server = Server(_spawn(cmd, log, env), url, log)
    deadline = time.monotonic() + START_TIMEOUT * 2
    while len(server.workers) < workers or not healthy(url):
        # serve.py prints "worker N: http://127.0.0.1:PORT (pid PID)" for each worker
        found = re.findall(r"worker \d+: (http://\S+) \(pid (\d+)\)", log.read_text())
        server.workers = {int(pid): wurl for wurl, pid in found}
        if server.proc.poll() is not None or time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"make serve did not come up:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)
    server.started_s = time.perf_counter() - t0
    return server
