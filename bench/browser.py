"""Browser measurements (Playwright's async API, Debian Chromium, offline).

Every page aborts any request that would leave the machine (``testkit.browser.watch``). Times are
taken inside the browser by :data:`PROBE_JS`: the map is *drawn* when the number of route and
place paths (``path.leaflet-interactive``) is > 0 and has not changed for ``STABLE_MS``; the time
is that of its last change, from navigation start.
"""

from __future__ import annotations

import asyncio
import time

from playwright.async_api import Browser, Page

from testkit.browser import MAP_IFRAME, PageLog, watch

STABLE_MS = 600.0
VIEWPORT = {"width": 1400, "height": 900}

# Installed in every top-level document. Every 15 ms it counts the drawn paths in the document
# itself (the export) and in the streamlit-folium iframe (the app), the basemap's paths, and
# whether a Leaflet container exists; each change is logged with an epoch time. Each iframe
# window gets an id when first seen: a reloaded iframe shows up as a new id. Streamlit's script
# state (running / notRunning) and pointer-downs (the start of a filter change) are logged too.
# Polled from the parent: Chromium reuses the iframe's first about:blank window, so a script
# inside the iframe would watch the wrong document.
PROBE_JS = r"""
(() => {
  if (window !== window.top || window.__erProbe) return;
  window.__erProbe = true;
  const now = () => performance.timeOrigin + performance.now();
  const PATHS = '.leaflet-container path.leaflet-interactive';
  const BASE = '.leaflet-er-countries-pane path';
  window.__pl = []; window.__ev = []; window.__ss = []; window.__mk = {};
  let last = -1, lastWin = -1, wins = 0, lastState;
  const mark = (k) => { if (!(k in window.__mk)) window.__mk[k] = now(); };
  setInterval(() => {
    let docs = [document], id = 0;
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const w = f && f.contentWindow;
    if (f) mark('map iframe attached');
    if (w) {
      try {
        if (w.__erId === undefined) w.__erId = ++wins;
        id = w.__erId; docs.push(w.document);
      } catch (e) {}
    }
    let n = 0;
    for (const d of docs) {
      n += d.querySelectorAll(PATHS).length;
      if (d.querySelector('.leaflet-container')) mark('Leaflet map created');
      if (d.querySelector(BASE)) mark('basemap drawn');
    }
    if (n !== last || id !== lastWin) { last = n; lastWin = id; window.__pl.push([n, now(), id]); }
    const app = document.querySelector('[data-testid="stApp"]');
    const ss = app ? app.getAttribute('data-test-script-state') : null;
    if (ss !== lastState) { lastState = ss; window.__ss.push([ss, now()]); }
  }, 15);
  document.addEventListener('pointerdown', () => window.__ev.push(now()), true);
})();
"""

# Resource timings of the page and the map iframe, as epoch ms: what the map waits for.
RESOURCES_JS = r"""
() => {
  const out = [];
  const grab = (w) => { for (const e of w.performance.getEntriesByType('resource'))
    out.push([e.name, w.performance.timeOrigin + e.startTime,
              w.performance.timeOrigin + e.responseEnd, e.transferSize, e.decodedBodySize]); };
  grab(window);
  const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  try { if (f) grab(f.contentWindow); } catch (e) {}
  return out;
}
"""
WATCHED = {  # resource (URL part) -> phase label
    "/ComponentInstance.": "Streamlit's component chunk loaded",
    "/DataFrame.": "Streamlit's table chunk loaded (routes × risks)",
    "/component/streamlit_folium": "component page loaded",
    "streamlit_folium.st_folium/static/js/main": "component bundle loaded",
    "leaflet.js": "Leaflet loaded",
    "countries": "basemap fetched",
}


class BenchTimeout(Exception):
    """A wait in a measurement ran out of time."""


async def new_page(browser: Browser, log: PageLog):
    """A fresh context (empty cache) with the probe, the offline guard and websocket counters."""
    ctx = await browser.new_context(viewport=VIEWPORT)
    await ctx.add_init_script(PROBE_JS)
    page = await ctx.new_page()
    for call in watch(page, log):
        await call
    page.ws_in = [0, 0]  # frames, bytes received on the websocket

    def on_ws(ws) -> None:
        def count(payload) -> None:
            page.ws_in[0] += 1
            page.ws_in[1] += len(payload)

        ws.on("framereceived", count)

    page.on("websocket", on_ws)
    return ctx, page


async def _state(page: Page) -> dict:
    return await page.evaluate(
        "() => ({pl: window.__pl || [], ss: window.__ss || [], ev: window.__ev || [],"
        " mk: window.__mk || {}, now: performance.timeOrigin + performance.now()})"
    )


async def wait_drawn(page: Page, since: float, timeout_s: float, differs_from=None) -> dict:
    """Wait until the drawn-path count (changed after ``since``) is > 0 and stable for
    STABLE_MS (and, with ``differs_from``, not that count)."""
    deadline = time.monotonic() + timeout_s
    while True:
        s = await _state(page)
        cur = s["pl"][-1] if s["pl"] else None
        if (
            cur
            and cur[1] >= since
            and cur[0] > 0
            and s["now"] - cur[1] >= STABLE_MS
            and cur[0] != differs_from
        ):
            s["first"] = next(e[1] for e in s["pl"] if e[1] >= since)
            return s
        if time.monotonic() > deadline:
            raise BenchTimeout(f"map not drawn in {timeout_s:.0f} s (count {cur and cur[0]})")
        await asyncio.sleep(0.1)


async def load(page: Page, url: str, timeout_s: float = 60) -> dict:
    """Navigate and wait for the drawn map: ``ms`` and the phases before it, from navigation."""
    await page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
    t0 = await page.evaluate("performance.timeOrigin")
    s = await wait_drawn(page, t0, timeout_s)
    ms = s["pl"][-1][1] - t0
    phases = {}
    for state, label in (("initial", "Streamlit frontend up"), ("running", "script run starts")):
        hit = [e[1] for e in s["ss"] if e[0] == state]
        phases[label] = hit[0] - t0 if hit else None
    done = [e[1] for e in s["ss"] if e[0] == "notRunning" and e[1] > t0]
    phases["script run done"] = done[0] - t0 if done else None
    phases |= {k: v - t0 for k, v in s["mk"].items()}
    for name, _start, end, _size, _body in await page.evaluate(RESOURCES_JS):
        for part, label in WATCHED.items():
            if part in name and label not in phases:
                phases[label] = end - t0
    phases["routes and places drawn"] = ms
    phases = dict(sorted(phases.items(), key=lambda kv: kv[1] if kv[1] is not None else 1e9))
    return {"ms": ms, "count": s["pl"][-1][0], "phases": phases}


async def change_risk(page: Page, label: str, timeout_s: float = 30) -> dict:
    """Pick one more risk in the sidebar; ``ms``: pointer-down on the option to the redrawn map
    (stable). ``reloaded``: the map iframe's window changed or lost a marker set in it."""
    deadline = time.monotonic() + timeout_s
    while (await _state(page))["ss"][-1][0] != "notRunning":
        if time.monotonic() > deadline:
            raise BenchTimeout("app still running")
        await asyncio.sleep(0.1)
    frame = await (await page.query_selector(MAP_IFRAME)).content_frame()
    await frame.evaluate("window.__marker = 1")
    before = (await _state(page))["pl"][-1]
    ws0 = list(page.ws_in)
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has=page.get_by_text("Risks", exact=True)
    )
    await box.locator("input").first.click()
    await page.evaluate("window.__ev = []")
    await page.get_by_role("option", name=label, exact=True).click(timeout=timeout_s * 1000)
    t_click = (await page.evaluate("window.__ev"))[0]
    await page.keyboard.press("Escape")
    s = await wait_drawn(page, t_click, timeout_s, differs_from=before[0])
    marker = await frame.evaluate("window.__marker")
    return {
        "ms": s["pl"][-1][1] - t_click,
        "before": before[0],
        "after": s["pl"][-1][0],
        "reloaded": marker != 1 or s["pl"][-1][2] != before[2],
        "ws_in_bytes": page.ws_in[1] - ws0[1],
    }


async def first_view_bytes(browser: Browser, url: str) -> dict:
    """Responses and bytes of a first (cold-cache) view of the map page, until drawn + 2 s."""
    log = PageLog()
    ctx, page = await new_page(browser, log)
    try:
        await load(page, url)
        await asyncio.sleep(2)
        rows = await page.evaluate(RESOURCES_JS)
        ws = page.ws_in
    finally:
        await ctx.close()
    kinds: dict[str, list[int]] = {}
    for name, _s, _e, wire, body in rows:
        ext = name.split("?")[0].rsplit(".", 1)[-1] if "." in name[-8:] else "other"
        k = kinds.setdefault(ext, [0, 0, 0])
        k[0], k[1], k[2] = k[0] + 1, k[1] + wire, k[2] + body
    return {
        "responses": len(rows) + 1,  # + the page itself
        "wire": sum(r[3] for r in rows),
        "decoded": sum(r[4] for r in rows),
        "by_kind": dict(sorted(kinds.items(), key=lambda kv: -kv[1][1])),
        "largest": sorted(
            ((r[0].split("?")[0].rsplit("/", 1)[-1][:60], r[4]) for r in rows), key=lambda r: -r[1]
        )[:6],
        "ws_in": list(ws),
        "errors": log.errors() + log.blocked,
    }
