"""`make serve`: Streamlit processes behind HAProxy: each browser kept on its own process, text
compressed, the first view light."""

from __future__ import annotations

import shutil
from pathlib import Path

import psutil
import pytest
from playwright.sync_api import Browser, Page, expect

from escape_routes.content.paths import in_ci
from testkit.browser import MAP_IFRAME, PageLog, watch
from testkit.servers import Server, start_serve

pytestmark = pytest.mark.browser


def make_serve(workers: int, log: Path) -> Server:
    """`make serve WORKERS=workers PORT=<free>`; a skip without HAProxy (a failure in CI)."""
    if not (shutil.which("haproxy") or shutil.which("/usr/sbin/haproxy")):
        message = "haproxy is not installed (`make haproxy` installs Debian's package)"
        if in_ci():
            pytest.fail(f"{message}; this test must not skip in CI")
        pytest.skip(message)
    return start_serve(workers, log, make=True)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`make serve WORKERS=2 PORT=<free>`, shared by the tests below in their order: the first
    visit, then the two sessions, which end by stopping it (SIGTERM to make)."""
    server = make_serve(2, tmp_path_factory.mktemp("serve") / "serve.log")
    yield server
    server.stop()


def open_map(browser: Browser, url: str, log: PageLog) -> Page:
    """A new browser context on the map page, offline, counting its websockets."""
    page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    watch(page, log)
    page.sockets = []  # type: ignore[attr-defined]
    page.on("websocket", lambda ws: page.sockets.append(ws.url))  # type: ignore[attr-defined]
    page.goto(url)
    page.frame_locator(MAP_IFRAME).locator("path.leaflet-interactive").first.wait_for(
        state="attached", timeout=60_000
    )
    return page


def pick_risk(page: Page, label: str) -> None:
    """Choose a risk once the app is idle; once more if a busy machine lost the click (the
    option's tag never appeared)."""
    idle = page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Risks")
    for attempt in range(2):
        expect(idle).to_be_attached(timeout=30_000)
        box.locator("input").click()
        page.get_by_role("option", name=label).click()
        page.keyboard.press("Escape")
        try:
            expect(box).to_contain_text(label, timeout=10_000)
            return
        except AssertionError:
            if attempt:
                raise


def test_first_visit_through_make_serve_is_compressed_and_light(served, browser, atlas, tmp_path):
    """Through make serve, a first visit's JavaScript arrives compressed and the icon font cut
    down; the routes x risks table's code is fetched only when the table is opened; the page
    works: the map is drawn, a filter applies, a download arrives."""
    log = PageLog()
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    watch(page, log)
    responses = []
    page.on("response", lambda r: responses.append(r))
    page.goto(served.url)
    frame = page.frame_locator(MAP_IFRAME)
    frame.locator("path.leaflet-interactive").first.wait_for(state="attached", timeout=60_000)
    idle = page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')
    expect(idle).to_be_attached(timeout=30_000)

    scripts = [r for r in responses if r.request.resource_type == "script" and r.status == 200]
    assert len(scripts) > 20, [r.url for r in scripts]  # Streamlit's bundles, the map's code
    encodings = {r.url: r.all_headers().get("content-encoding") for r in scripts}
    plain = [url for url, enc in encodings.items() if enc not in ("gzip", "deflate")]
    assert not plain, f"JavaScript not compressed: {plain}"
    wire = sum(r.request.sizes()["responseBodySize"] for r in scripts)
    assert wire < 0.5 * sum(len(r.body()) for r in scripts)  # what came, against what it holds
    fonts = [r for r in responses if "MaterialSymbols" in r.url]
    assert fonts and all(len(r.body()) < 20_000 for r in fonts), [r.url for r in fonts]
    table_code = [r.url for r in responses if "/DataFrame." in r.url]
    assert not table_code, f"the table's code came with the first view: {table_code}"

    risk = next(iter(atlas.risks.values()))
    pick_risk(page, risk.label)
    expect(page).to_have_url(f"{served.url}/?risks={risk.id}", timeout=20_000)
    expect(frame.locator("path.leaflet-interactive").first).to_be_attached()

    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name="Download the map as one offline HTML file").click()
    info.value.save_as(tmp_path / "map.html")
    assert "L.map(" in (tmp_path / "map.html").read_text(encoding="utf-8")

    with page.expect_response(lambda r: "/DataFrame." in r.url, timeout=30_000):
        page.get_by_text("Show the routes × risks table").click()
    expect(page.get_by_test_id("stDataFrame")).to_be_visible(timeout=30_000)
    assert not log.blocked and not log.errors(), log
    context.close()


def test_two_workers_keep_their_sessions_and_stop_cleanly(served, browser, atlas, tmp_path):
    """Two browsers through HAProxy: each stays on its own process and keeps its session across
    reruns and page changes; both processes serve; a download works; stopping leaves nothing."""
    log = PageLog()
    risks = dict(zip("ab", atlas.risks, strict=False))  # a different risk in each session
    pages = {who: open_map(browser, served.url, log) for who in risks}
    for who, page in pages.items():  # a rerun in each session, different in each
        pick_risk(page, atlas.risks[risks[who]].label)
        expect(page).to_have_url(f"{served.url}/?risks={risks[who]}", timeout=20_000)
    for who, page in pages.items():  # a page change and back: the session keeps its filter
        page.get_by_test_id("stTopNav").get_by_role("link", name="Sources").click()
        main = page.get_by_test_id("stMain")
        expect(main.get_by_test_id("stHeading").first).to_contain_text("Sources", timeout=20_000)
        expect(page).to_have_url(f"{served.url}/sources?risks={risks[who]}", timeout=20_000)
        page.get_by_test_id("stTopNav").get_by_role("link", name="Map").click()
        expect(page).to_have_url(f"{served.url}/?risks={risks[who]}", timeout=20_000)
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar).to_contain_text(atlas.risks[risks[who]].label)
        other = risks["b" if who == "a" else "a"]
        expect(sidebar).not_to_contain_text(atlas.risks[other].label)
        assert len(page.sockets) == 1, f"{who} reconnected: {page.sockets}"  # one session

    # each browser holds HAProxy's affinity cookie, and they name different processes
    backends = {
        who: {c["name"]: c["value"] for c in page.context.cookies()}.get("ER_SERVER")
        for who, page in pages.items()
    }
    assert set(backends.values()) == {"w1", "w2"}, backends
    for pid in served.workers:  # and each process holds a browser's websocket
        conns = psutil.Process(pid).net_connections(kind="tcp")
        assert any(c.status == psutil.CONN_ESTABLISHED for c in conns), f"worker {pid} idle"

    # a download is built by the process that drew the button, and reaches the browser
    page = pages["b"]
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name="Download the map as one offline HTML file").click()
    info.value.save_as(tmp_path / "map.html")
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "L.map(" in html and "<script src=" not in html
    assert not log.blocked and not log.errors(), log

    for page in pages.values():
        page.context.close()
    procs = [psutil.Process(served.proc.pid), *served.processes()]
    assert len(procs) >= 4, procs  # make, serve.py, two workers, HAProxy
    served.stop()
    gone, alive = psutil.wait_procs(procs, timeout=15)
    left = [p for p in alive if p.status() != psutil.STATUS_ZOMBIE]
    assert not left, f"still running after stop: {left}"
