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
- ``atlas`` is the content the app serves: the shipped content (tests find what they need in
  it: ``tests/browser/lookup.py``).
- ``serve_copy(paths) -> str`` serves a copy of some content (a broken or hostile copy of the
  fixture) from one server shared by all such tests, and returns its base URL.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from weakref import WeakKeyDictionary

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import FrameLocator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from escape_routes.content.model import Atlas
from escape_routes.content.paths import Paths, in_ci
from testkit.browser import CHROMIUM_ARGS, MAP_IFRAME, PageLog, chromium, watch
from testkit.servers import REPO, Server, start_app, stop_all
from tests.conftest import content_env, fixture_paths

MAP_TIMEOUT = 30_000  # milliseconds

_PROBE = re.compile(r"/[\w-]+/_stcore/(health|host-config)$")
_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


# --- browser ---------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright's launch options plus Debian Chromium and offline flags."""
    executable = chromium()
    if executable is None:
        message = "Chromium not found (set $CHROMIUM or install Debian's chromium)"
        if in_ci():
            pytest.fail(f"{message}; browser tests must not skip in CI")
        pytest.skip(message)
    args = [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS]
    return {**browser_type_launch_args, "executable_path": executable, "args": args}


# --- content and app server -------------------------------------------------


@pytest.fixture(scope="session")
def atlas(real_atlas: Atlas) -> Atlas:
    """The content the app under test serves: the shipped content."""
    return real_atlas


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
    servers: dict[tuple[tuple[str, str], ...], Server] = {}
    logs = tmp_path_factory.mktemp("streamlit")

    def start(env: dict[str, str] | None = None) -> str:
        key = tuple(sorted((env or {}).items()))
        if key in servers:
            return servers[key].url
        app = os.environ.get("APP_PATH", "app.py")
        if not (REPO / app).is_file():
            pytest.fail(f"app not found: {REPO / app}")
        try:
            servers[key] = start_app(logs / f"server-{len(servers)}.log", env, app)
        except RuntimeError as exc:
            pytest.fail(f"Streamlit did not become healthy: {exc}")
        return servers[key].url

    yield start
    stop_all(list(servers.values()))


@pytest.fixture(scope="session")
def serve_copy(
    app_server: Callable[..., str], tmp_path_factory: pytest.TempPathFactory
) -> Callable[[Paths], str]:
    """Factory ``serve_copy(paths) -> base URL``: one server for every test module that serves
    a copy of its own (a broken or a hostile copy of the fixture). Each call puts that copy in
    the folders the server reads; the app reloads content whose files changed, and a new page
    load sees the new content at once."""
    served = fixture_paths(tmp_path_factory.mktemp("served"))

    def serve(paths: Paths) -> str:
        assert paths.sources is not None and served.sources is not None
        for source, target in zip(
            (paths.content, paths.geodata, paths.sources),
            (served.content, served.geodata, served.sources),
            strict=True,
        ):
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, copy_function=shutil.copy)  # new times: a new stamp
        return app_server(env=content_env(served))

    return serve


@pytest.fixture(scope="session")
def app_url(app_server: Callable[..., str]) -> str:
    """Base URL of the app started with the ambient environment."""
    return app_server()


# --- page: offline guard, error log, screenshot on failure ----------------


_LOGS: WeakKeyDictionary[Page, PageLog] = WeakKeyDictionary()


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
    watch(page, page_log(page))
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
