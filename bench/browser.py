"""Browser measurements with Playwright's async API against Debian Chromium, fully offline.

Every page gets a ``page.route`` (and ``page.route_web_socket``) that aborts any request leaving
the machine; all requests are also watched, and any non-loopback one that was not aborted is
reported as an error. Times are taken inside the browser (see ``common.PROBE_JS``): the map is
"drawn" when the number of ``path.leaflet-interactive`` in the Leaflet container (route segments
and places) is > 0 and has not changed for ``STABLE_MS``; the time is that of the last change.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field

from playwright.async_api import Browser, BrowserContext, Page
from playwright.async_api import Error as PlaywrightError

from bench.common import MAP_IFRAME, PROBE_JS, leaves_machine

STABLE_MS = 600.0
VIEWPORT = {"width": 1400, "height": 900}
# Anything with a network scheme whose host is not loopback. Sent to the browser as a pattern,
# so loopback traffic is never intercepted (interception would add to the timings).
OFFSITE = re.compile(r"^(?:https?|wss?)://(?!(?:127\.0\.0\.1|localhost|\[::1\])(?:[:/]|$))")


class BenchTimeout(Exception):
    """A wait in a measurement ran out of time."""


@dataclass
class PageLog:
    """What one page complained about or tried."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    offsite_unblocked: list[str] = field(default_factory=list)
    requests: int = 0
    ws_in: list[int] = field(default_factory=lambda: [0, 0])  # frames, payload bytes
    ws_out: list[int] = field(default_factory=lambda: [0, 0])

    def errors(self) -> list[str]:
        return (
            [f"console: {e}" for e in self.console_errors]
            + [f"pageerror: {e}" for e in self.page_errors]
            + [f"went online: {u}" for u in self.offsite_unblocked]
        )


async def new_page(browser: Browser, log: PageLog) -> tuple[BrowserContext, Page]:
    """A fresh context (empty cache) and page with the probe, the offline guard and the log."""
    ctx = await browser.new_context(viewport=VIEWPORT)
    await ctx.add_init_script(PROBE_JS)
    page = await ctx.new_page()

    async def block(route) -> None:
        log.blocked.append(route.request.url)
        await route.abort("blockedbyclient")

    async def block_ws(ws) -> None:
        log.blocked.append(ws.url)
        await ws.close()

    await page.route(OFFSITE, block)
    await page.route_web_socket(OFFSITE, block_ws)

    def on_request(req) -> None:
        log.requests += 1
        if leaves_machine(req.url) and req.url not in log.blocked:
            # the route handler runs before this event only if the pattern matched
            asyncio.get_running_loop().call_later(
                1.0, lambda u=req.url: u in log.blocked or log.offsite_unblocked.append(u)
            )

    def on_ws(ws) -> None:
        def count(acc: list[int], payload) -> None:
            acc[0] += 1
            acc[1] += len(payload)

        ws.on("framereceived", lambda p: count(log.ws_in, p))
        ws.on("framesent", lambda p: count(log.ws_out, p))

    page.on("request", on_request)
    page.on("websocket", on_ws)
    page.on("console", lambda m: m.type == "error" and log.console_errors.append(m.text[:300]))
    page.on("pageerror", lambda e: log.page_errors.append(str(e)[:300]))
    return ctx, page


async def _state(page: Page) -> dict:
    return await page.evaluate(
        "() => ({pl: window.__pl || [], ss: window.__ss || [], ev: window.__ev || [],"
        " now: performance.timeOrigin + performance.now(), t0: performance.timeOrigin})"
    )


async def wait_drawn(
    page: Page,
    since: float,
    timeout_s: float,
    poll_s: float = 0.1,
    differs_from: int | None = None,
) -> dict:
    """Wait until the drawn-path count (logged after ``since``) is > 0 and stable.

    With ``differs_from``, the count must also differ from that number (a filter change).
    Returns ``{"t_first": epoch ms of the first change after since, "t_drawn": epoch ms of the
    last change, "count": final count, "iframe_ids": ids seen}``.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        s = await _state(page)
        after = [e for e in s["pl"] if e[1] >= since]
        cur = s["pl"][-1] if s["pl"] else None
        if (
            after
            and cur
            and cur[0] > 0
            and s["now"] - cur[1] >= STABLE_MS
            and (differs_from is None or cur[0] != differs_from)
        ):
            return {
                "t_first": after[0][1],
                "t_drawn": cur[1],
                "count": cur[0],
                "iframe_ids": sorted({e[2] for e in s["pl"]}),
                "state": s,
            }
        if time.monotonic() > deadline:
            raise BenchTimeout(
                f"map not drawn within {timeout_s:.0f} s (last count {cur and cur[0]})"
            )
        await asyncio.sleep(poll_s)


async def wait_idle(page: Page, timeout_s: float, poll_s: float = 0.1) -> None:
    """Wait until Streamlit's script state is ``notRunning`` for 300 ms."""
    deadline = time.monotonic() + timeout_s
    while True:
        s = await _state(page)
        if s["ss"] and s["ss"][-1][0] == "notRunning" and s["now"] - s["ss"][-1][1] >= 300:
            return
        if time.monotonic() > deadline:
            raise BenchTimeout(f"app still running after {timeout_s:.0f} s")
        await asyncio.sleep(poll_s)


async def load(page: Page, url: str, timeout_s: float = 60, poll_s: float = 0.1) -> dict:
    """Navigate and wait for the drawn map. ``ms`` = navigation start to last path change."""
    await page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
    t0 = await page.evaluate("performance.timeOrigin")
    r = await wait_drawn(page, since=t0, timeout_s=timeout_s, poll_s=poll_s)
    r["ms"] = r["t_drawn"] - t0
    frames = [e for e in r["state"]["pl"] if e[2] > 0]
    r["iframe_ms"] = frames[0][1] - t0 if frames else None
    ss = r["state"]["ss"]

    def first(state: str) -> float | None:
        hit = [e[1] for e in ss if e[0] == state]
        return hit[0] - t0 if hit else None

    r["phases"] = {
        "app frame up (script state shown)": first("initial"),
        "first script run starts": first("running"),
        "first script run done": first("notRunning"),
        "map iframe attached": r["iframe_ms"],
        "paths drawn": r["ms"],
    }
    return r


async def map_frame(page: Page):
    el = await page.query_selector(MAP_IFRAME)
    if el is None:
        raise BenchTimeout("no map iframe")
    frame = await el.content_frame()
    if frame is None:
        raise BenchTimeout("map iframe has no frame")
    return frame


async def _pick(page: Page, label: str, timeout_s: float) -> None:
    option = page.get_by_role("option", name=label, exact=True)
    if not await option.is_visible():
        await _risks_box(page).locator("input").first.click(timeout=timeout_s * 1000)
        await option.wait_for(state="visible", timeout=timeout_s * 1000)
    await page.evaluate("window.__ev = []")
    await option.click(timeout=timeout_s * 1000)


def _risks_box(page: Page):
    return page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has=page.get_by_text("Risks", exact=True)
    )


async def _chosen(page: Page, label: str, timeout_s: float) -> bool:
    """Whether the Risks box shows ``label`` as a chosen tag within ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        text = await _risks_box(page).first.inner_text()
        if label in text.splitlines():
            return True
        await asyncio.sleep(0.1)
    return False


async def change_risk(
    page: Page, label: str, timeout_s: float = 30, poll_s: float = 0.1, log: PageLog | None = None
) -> dict:
    """Pick one more risk in the sidebar's "Risks" multiselect; time until the map is redrawn.

    ``ms_first``: pointer-down on the option to the first change in the drawn-path count;
    ``ms``: to the last change (the new count, stable). ``reloaded``: the map iframe's window
    changed or lost the ``__marker`` set in it before the change.
    """
    await wait_idle(page, timeout_s, poll_s)
    frame = await map_frame(page)
    await frame.evaluate("window.__marker = 1")
    s = await _state(page)
    before = s["pl"][-1]
    ws_before = list(log.ws_in) if log else [0, 0]
    lost = 0
    for attempt in range(2):
        await _pick(page, label, timeout_s)
        ev = (await page.evaluate("window.__ev")) or []
        t_click = ev[0][1] if ev else s["now"]
        if await _chosen(page, label, 3.0):
            break
        lost += 1  # the click left no chosen tag: count it, try once more
        if attempt:
            raise BenchTimeout(f"option {label!r} not chosen after two clicks")
    r = await wait_drawn(
        page, since=t_click, timeout_s=timeout_s, poll_s=poll_s, differs_from=before[0]
    )
    frame = await map_frame(page)
    try:
        marker = await frame.evaluate("window.__marker")
    except PlaywrightError:
        marker = None
    r["ms"] = r["t_drawn"] - t_click
    r["ms_first"] = r["t_first"] - t_click
    r["before"] = before[0]
    r["reloaded"] = marker != 1 or r["state"]["pl"][-1][2] != before[2]
    r["lost_clicks"] = lost
    if log:
        r["ws_in_frames"] = log.ws_in[0] - ws_before[0]
        r["ws_in_bytes"] = log.ws_in[1] - ws_before[1]
    return r


async def first_view_bytes(browser: Browser, url: str, settle_s: float = 2.0) -> dict:
    """Requests and bytes of a first (cold-cache) view of the map page, until drawn + settle_s."""
    log = PageLog()
    ctx, page = await new_page(browser, log)
    rows: list[dict] = []
    pending: list[asyncio.Task] = []
    ws_in = [0, 0]
    ws_out = [0, 0]

    async def finished(req) -> None:
        try:
            sizes = await req.sizes()
            resp = await req.response()
            body = await resp.body() if resp else b""
            enc = (resp and (await resp.all_headers()).get("content-encoding")) or ""
        except PlaywrightError:
            return
        rows.append(
            {
                "url": req.url,
                "type": req.resource_type,
                "status": resp.status if resp else None,
                "body_wire": sizes["responseBodySize"],
                "headers": sizes["responseHeadersSize"],
                "body_decoded": len(body),
                "encoding": enc,
            }
        )

    def on_ws(ws) -> None:
        def rx(payload) -> None:
            ws_in[0] += 1
            ws_in[1] += len(payload)

        def tx(payload) -> None:
            ws_out[0] += 1
            ws_out[1] += len(payload)

        ws.on("framereceived", rx)
        ws.on("framesent", tx)

    page.on("requestfinished", lambda req: pending.append(asyncio.create_task(finished(req))))
    page.on("websocket", on_ws)
    try:
        r = await load(page, url)
        await asyncio.sleep(settle_s)
        await asyncio.gather(*pending)
    finally:
        await ctx.close()
    by_type: dict[str, list[int]] = {}
    for row in rows:
        t = by_type.setdefault(row["type"], [0, 0, 0])
        t[0] += 1
        t[1] += row["body_wire"]
        t[2] += row["body_decoded"]
    return {
        "load_ms": r["ms"],
        "requests": len(rows),
        "body_wire": sum(x["body_wire"] for x in rows),
        "body_decoded": sum(x["body_decoded"] for x in rows),
        "headers": sum(x["headers"] for x in rows),
        "encodings": sorted({x["encoding"] for x in rows if x["encoding"]}),
        "by_type": by_type,
        "ws_in": tuple(ws_in),
        "ws_out": tuple(ws_out),
        "rows": rows,
        "errors": log.errors(),
        "blocked": log.blocked,
    }


@dataclass
class SessionResult:
    load_ms: float | None = None
    filter_ms: list[float] = field(default_factory=list)
    reloads: int = 0
    lost_clicks: int = 0
    timeouts: list[str] = field(default_factory=list)
    stage: str = "load"  # where it was when it stopped: load, filter, done
    log: PageLog = field(default_factory=PageLog)


async def session(
    browser: Browser, url: str, labels: list[str], timeout_s: float, poll_s: float
) -> SessionResult:
    """One user: open the map page (cold cache), then pick the given risks one after another."""
    res = SessionResult()
    ctx = None
    try:
        ctx, page = await new_page(browser, res.log)
        r = await load(page, url, timeout_s=timeout_s, poll_s=poll_s)
        res.load_ms = r["ms"]
        res.stage = "filter"
        for label in labels:
            c = await change_risk(page, label, timeout_s=timeout_s, poll_s=poll_s)
            res.filter_ms.append(c["ms"])
            res.reloads += int(c["reloaded"])
            res.lost_clicks += c["lost_clicks"]
        res.stage = "done"
    except (TimeoutError, BenchTimeout, PlaywrightError) as exc:
        res.timeouts.append(f"{type(exc).__name__}: {str(exc)[:200]}")
    finally:
        if ctx is not None:
            try:
                await ctx.close()
            except PlaywrightError:
                pass
    return res
