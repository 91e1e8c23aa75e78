"""Servers the browser tests and the benchmarks start: the app alone, or ``make serve``.

- :func:`start_app` runs ``streamlit run app.py`` headless on a free loopback port and waits
  until it is healthy and has run app.py once (:mod:`escape_routes.warmup`);
- :func:`start_serve` runs ``deploy/serve.py`` (``make serve``): N such processes behind HAProxy.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from escape_routes.warmup import healthy, warm_up

REPO = Path(__file__).resolve().parents[1]
START_TIMEOUT = 60.0  # seconds; the machine has two cores


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
        self.ask_to_stop(sig)
        self.wait_stopped()

    def ask_to_stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)

    def wait_stopped(self) -> None:
        """Wait for the process to end (20 s), then kill it."""
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def stop_all(servers: list[Server]) -> None:
    """Stop several servers at once: each is asked to stop before any is waited for (a Streamlit
    server takes seconds to shut down; one after another, a test session's end waited for each)."""
    for server in servers:
        server.ask_to_stop()
    for server in servers:
        server.wait_stopped()


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


def start_app(
    log: Path, env: dict[str, str] | None = None, app: str = "app.py", warm: bool = True
) -> Server:
    """``streamlit run APP`` headless on a free loopback port, once healthy and warmed up
    (``warm=False``: once healthy, as a plain ``streamlit run`` is, with app.py never run).

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
    server = Server(_spawn(cmd, log, env), url, log)
    if warm:
        return _wait_warm(server, START_TIMEOUT, t0)
    deadline = t0 + START_TIMEOUT
    while not healthy(url):
        if time.perf_counter() > deadline or server.proc.poll() is not None:
            server.stop()
            raise RuntimeError(f"not healthy at {url}:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.2)
    server.started_s = time.perf_counter() - t0
    return server


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
