"""Fixtures for browser tests: Debian Chromium, a real Streamlit server, no network.

- ``browser_type_launch_args`` launches ``$CHROMIUM`` or ``/usr/bin/chromium``
  (``playwright install`` cannot download browsers here).  Missing Chromium
  skips the tests, except with ``CI=true``, where it fails them.
- ``app_server(env=None) -> str`` starts ``streamlit run app.py`` (or
  ``$APP_PATH``) on a free loopback port and returns its base URL; one server
  per distinct ``env``, stopped at the end of the session.  ``app_url`` is the
  default one.
- ``page`` aborts every request that would leave the machine and records it,
  with console errors and page errors; ``assert_clean(page)`` checks them.  A
  failing test leaves ``test-results/<test-name>.png``.
- ``map_frame(page)`` waits for the streamlit-folium iframe and its Leaflet map.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import FrameLocator, Page, Route, WebSocketRoute, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from bench.common import free_port  # one way to find a port
from escape_routes.warmup import warm_up

REPO = Path(__file__).resolve().parents[2]
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
START_TIMEOUT = 60.0  # seconds; the machine has two cores
MAP_TIMEOUT = 30_000  # milliseconds

_PROBE = re.compile(r"/[\w-]+/_stcore/(health|host-config)$")
_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


# --- browser ---------------------------------------------------------------


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def _chromium() -> str | None:
    """Path of the Chromium to drive, or ``None`` if there is none."""
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright's launch options plus Debian Chromium and offline flags."""
    executable = _chromium()
    if executable is None:
        message = "Chromium not found (set $CHROMIUM or install Debian's chromium)"
        if _in_ci():
            pytest.fail(f"{message}; browser tests must not skip in CI")
        pytest.skip(message)
    args = [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS]
    return {**browser_type_launch_args, "executable_path": executable, "args": args}


# --- app server ------------------------------------------------------------


@dataclass
class _Server:
    proc: subprocess.Popen[bytes]
    url: str
    log: Path


def _stop(server: _Server) -> None:
    if server.proc.poll() is None:
        server.proc.terminate()
        try:
            server.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait(timeout=10)


@pytest.fixture(scope="session")
def app_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., str]]:
    """Factory ``app_server(env=None) -> base URL`` of a running app.

    The app is ``$APP_PATH`` (default ``app.py``; relative to the repository
    root, which is also the working directory, so ``.streamlit/config.toml``
    applies).  ``env`` adds environment variables, e.g.
    ``{"ESCAPE_ROUTES_CONTENT": str(broken_copy)}``; each distinct ``env``
    gets its own server, reused for the rest of the session.
    """
    servers: dict[tuple[tuple[str, str], ...], _Server] = {}
    logs = tmp_path_factory.mktemp("streamlit")

    def start(env: dict[str, str] | None = None) -> str:
        key = tuple(sorted((env or {}).items()))
        if key in servers:
            return servers[key].url
        app = REPO / os.environ.get("APP_PATH", "app.py")
        if not app.is_file():
            pytest.fail(f"app not found: {app}")
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        log = logs / f"server-{port}.log"
        cmd = [
            sys.executable, "-m", "streamlit", "run", str(app),
            "--server.headless", "true",
            "--browser.gatherUsageStats", "false",
            "--server.port", str(port),
            "--server.address", "127.0.0.1",
        ]  # fmt: skip
        with log.open("wb") as out:
            proc = subprocess.Popen(
                cmd,
                cwd=REPO,
                env={**os.environ, **(env or {})},
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        server = servers[key] = _Server(proc, url, log)
        # Started as the README's commands start it: healthy, then app.py run once (warmup.py).
        if not warm_up(url, wait_s=START_TIMEOUT) or proc.poll() is not None:
            _stop(server)
            del servers[key]
            tail = log.read_text(errors="replace")[-3000:]
            pytest.fail(
                f"Streamlit did not become healthy at {url} (exit code {proc.returncode}):\n{tail}"
            )
        return url

    yield start
    for server in servers.values():
        _stop(server)


@pytest.fixture(scope="session")
def app_url(app_server: Callable[..., str]) -> str:
    """Base URL of the app started with the ambient environment."""
    return app_server()


# --- page: offline guard, error log, screenshot on failure ----------------


@dataclass
class PageLog:
    """What a page tried and complained about."""

    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)


_LOGS: WeakKeyDictionary[Page, PageLog] = WeakKeyDictionary()


def _leaves_machine(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", "ws", "wss"}:
        return False  # data:, blob:, about:
    return (parts.hostname or "") not in LOOPBACK


def page_log(page: Page) -> PageLog:
    """The :class:`PageLog` of a page created by the ``page`` fixture."""
    return _LOGS.setdefault(page, PageLog())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


@pytest.fixture
def page(page: Page, request: pytest.FixtureRequest) -> Iterator[Page]:
    """pytest-playwright's page, offline: every non-loopback request is aborted."""
    log = page_log(page)

    def guard(route: Route) -> None:
        if _leaves_machine(route.request.url):
            log.blocked.append(route.request.url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    def guard_ws(ws: WebSocketRoute) -> None:
        log.blocked.append(ws.url)
        ws.close()

    page.route("**/*", guard)
    page.route_web_socket(_leaves_machine, guard_ws)
    page.on(
        "console",
        lambda msg: msg.type == "error" and log.console_errors.append(msg.text),
    )
    page.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
    page.on("response", lambda r: r.status == 404 and log.not_found.append(r.url))
    yield page
    reports = request.node.stash.get(_REPORTS, {})
    if any(rep.failed for rep in reports.values()):
        name = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
        shot = Path(request.config.rootpath) / "test-results" / f"{name}.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(shot), full_page=True)
        except PlaywrightError as exc:  # a crashed page must not hide the failure
            print(f"screenshot failed: {exc}")


def _describe(log: PageLog) -> str:
    return (
        f"blocked requests: {log.blocked}\n"
        f"console errors: {log.console_errors}\n"
        f"page errors: {log.page_errors}"
    )


def _assert_clean(page: Page, allow_blocked: bool = False) -> None:
    """Fail if the page logged an error or (unless allowed) tried to go online."""
    log = page_log(page)
    errors = log.console_errors
    if log.not_found and all(_PROBE.search(url) for url in log.not_found):
        # Opened on a page's own path (/tour), Streamlit's frontend first probes
        # /tour/_stcore/health and /tour/_stcore/host-config for a base path; the 404s
        # are its own and expected. Any other 404 still fails the test.
        errors = [e for e in errors if "status of 404" not in e]
    dirty = errors or log.page_errors or (log.blocked and not allow_blocked)
    assert not dirty, _describe(log)


def _map_frame(page: Page, timeout: float = MAP_TIMEOUT) -> FrameLocator:
    """The streamlit-folium iframe, once its Leaflet map is visible.

    Waits for exactly one map iframe: while streamlit-folium remounts a map
    whose code changed, the old and the new iframe exist side by side.
    """
    frames = page.locator(MAP_IFRAME)
    try:
        frames.first.wait_for(state="attached", timeout=timeout)
        expect(frames).to_have_count(1, timeout=timeout)
        frame = page.frame_locator(MAP_IFRAME)
        frame.locator(".leaflet-container").wait_for(state="visible", timeout=timeout)
    except (PlaywrightTimeoutError, AssertionError) as exc:
        pytest.fail(
            f"the map did not appear: {exc}\n{_describe(page_log(page))}",
            pytrace=False,
        )
    return frame


@pytest.fixture
def assert_clean() -> Callable[..., None]:
    """``assert_clean(page, allow_blocked=False)``: no errors, nothing went online."""
    return _assert_clean


@pytest.fixture
def map_frame() -> Callable[..., FrameLocator]:
    """``map_frame(page) -> FrameLocator`` of the visible Leaflet map."""
    return _map_frame
