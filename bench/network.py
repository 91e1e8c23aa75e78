"""What a school's network carries: bytes and requests of a first and a repeat visit, first paint
and first drawn map on a desktop and on a throttled phone, and Lighthouse's scores, through
``make serve`` (HAProxy) and plain ``make run``, against the exported file.

The phone profile is Lighthouse's own for its mobile preset when it throttles through Chrome's
DevTools protocol ("slow 4G": 562.5 ms per request, 1.47 Mbit/s down, 0.68 up, the CPU slowed
4x, a 412x823 screen); the desktop profile is unthrottled loopback at 1350x940. Bytes are what
came over the wire (``encodedDataLength``: compressed where the server compressed), for every
request of the page and the map's frame, until the map is drawn and 2 s more.
Lighthouse 12 (``bench/lighthouse/``, installed by ``make bench`` with ``npm ci``) runs with
Debian's Chromium; only loopback and file:// are ever contacted.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import http.server
import json
import os
import subprocess
import threading
from pathlib import Path

from playwright.async_api import Browser

from bench import browser as B
from bench.measure import OUT, med
from testkit.browser import CHROMIUM_ARGS, PageLog, chromium, leaves_machine
from testkit.servers import REPO

LIGHTHOUSE = REPO / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
MOBILE_NETWORK = {  # Lighthouse 12's mobile throttling as applied through DevTools
    "offline": False,
    "latency": 562.5,
    "downloadThroughput": 1474.56 * 1024 / 8,
    "uploadThroughput": 675 * 1024 / 8,
}
PROFILES = {
    "desktop": {"viewport": {"width": 1350, "height": 940}},
    "mobile": {
        "viewport": {"width": 412, "height": 823},
        "device_scale_factor": 1.75,
        "is_mobile": True,
        "has_touch": True,
    },
}
FCP_JS = "(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null"


# Every host but loopback unresolvable: the offline guard for these visits. (Playwright's
# request interception, the guard of the other sections, would turn the cache off, and a repeat
# visit would fetch everything again.)
OFFLINE_ARGS = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


async def launch(playwright) -> Browser:
    """Debian's Chromium for these visits: offline by its resolver, with its cache on."""
    return await playwright.chromium.launch(executable_path=chromium(), args=OFFLINE_ARGS)


class Wire:
    """Requests and bytes of one page (and its same-process frames), from DevTools events."""

    def __init__(self) -> None:
        self.responses: dict[str, dict] = {}

    def reset(self) -> None:
        self.responses = {}

    def on_response(self, ev: dict) -> None:
        r = ev["response"]
        headers = {k.lower(): v for k, v in r.get("headers", {}).items()}
        self.responses[ev["requestId"]] = {
            "url": r["url"],
            "type": ev.get("type", ""),
            "encoding": headers.get("content-encoding", ""),
            "bytes": 0,
        }

    def on_finished(self, ev: dict) -> None:
        if ev["requestId"] in self.responses:
            self.responses[ev["requestId"]]["bytes"] = ev.get("encodedDataLength", 0)

    def summary(self) -> dict:
        rows = [r for r in self.responses.values() if r["url"].startswith(("http", "file"))]
        scripts = [r for r in rows if r["type"] == "Script" and r["url"].startswith("http")]
        fetched = [r for r in rows if r["bytes"] > 0]
        return {
            "requests": len(fetched),
            "kib": sum(r["bytes"] for r in rows) / 1024,
            "scripts_compressed": sum(bool(r["encoding"]) for r in scripts),
            "scripts": len(scripts),
            "icon_font_kib": sum(r["bytes"] for r in rows if "MaterialSymbols" in r["url"]) / 1024,
            "table_code": any("/DataFrame." in r["url"] for r in rows),
        }


async def visit(browser: Browser, url: str, profile: str) -> dict:
    """A first visit (empty cache) and a repeat visit (a reload) of ``url`` under ``profile``:
    bytes, requests, first paint and first drawn map of each."""
    ctx = await browser.new_context(**PROFILES[profile])
    await ctx.add_init_script(B.PROBE_JS)
    page = await ctx.new_page()
    log = PageLog()  # no request interception here: it turns Chromium's cache off (see launch)
    page.on("request", lambda r: leaves_machine(r.url) and log.blocked.append(r.url))
    page.on("console", lambda m: m.type == "error" and log.console_errors.append(m.text[:300]))
    page.on("pageerror", lambda e: log.page_errors.append(str(e)[:300]))
    cdp = await ctx.new_cdp_session(page)
    wire = Wire()
    cdp.on("Network.responseReceived", wire.on_response)
    cdp.on("Network.loadingFinished", wire.on_finished)
    await cdp.send("Network.enable")
    if profile == "mobile":
        await cdp.send("Network.emulateNetworkConditions", MOBILE_NETWORK)
        await cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    out = {}
    try:
        for visit_kind in ("first", "repeat"):
            wire.reset()
            drawn = await B.load(page, url, timeout_s=180)
            await asyncio.sleep(2)
            out[visit_kind] = wire.summary() | {
                "map_ms": drawn["ms"],
                "paint_ms": await page.evaluate(FCP_JS),
            }
    finally:
        await ctx.close()
    out["errors"] = log.errors() + log.blocked
    return out


async def profiles(browser: Browser, urls: dict[str, str], runs: dict[str, int], say) -> dict:
    """Medians of ``runs[profile]`` visits of each URL, interleaved, after one not counted."""
    res: dict = {}
    for profile, n in runs.items():
        got: dict[str, list[dict]] = {name: [] for name in urls}
        for i in range(n + 1):
            for name, url in urls.items():
                v = await visit(browser, url, profile)
                if i:
                    got[name].append(v)
                say(f"  {profile} {name}: first {v['first']['map_ms']:.0f} ms "
                    f"{v['first']['kib']:.0f} KiB {v['first']['requests']} req, repeat "
                    f"{v['repeat']['map_ms']:.0f} ms {v['repeat']['kib']:.0f} KiB")  # fmt: skip
        res[profile] = {name: _median(vs) for name, vs in got.items()}
    return res


def _median(visits: list[dict]) -> dict:
    """Each figure's median over ``visits``; whether the table's code came, in any of them."""
    out: dict = {"errors": sorted({e for v in visits for e in v["errors"]})}
    for kind in ("first", "repeat"):
        rows = [v[kind] for v in visits]
        out[kind] = {
            k: any(r[k] for r in rows)
            if k == "table_code"
            else med([r[k] for r in rows if r[k] is not None])
            for k in rows[0]
        }
    return out


async def proxy_cpu(chromium_, srv, visits: int = 3) -> dict:
    """CPU time of HAProxy and of the Streamlit workers per visit (a first and a repeat, as in
    :func:`visit`) through ``make serve``, compression included, and what came over the wire."""
    procs = srv.processes()
    haproxy = [p for p in procs if "haproxy" in p.name()]
    workers = [p for p in procs if p not in haproxy]

    def cpu(ps) -> float:
        return sum(sum(p.cpu_times()[:2]) for p in ps) * 1000

    h0, w0, kib = cpu(haproxy), cpu(workers), []
    for _ in range(visits):
        v = await visit(chromium_, srv.url + "/", "desktop")
        kib.append(v["first"]["kib"] + v["repeat"]["kib"])
    return {
        "haproxy_ms": (cpu(haproxy) - h0) / visits,
        "workers_ms": (cpu(workers) - w0) / visits,
        "kib": med(kib),
    }


def lighthouse_ready() -> bool:
    return LIGHTHOUSE.exists() and chromium() is not None


def lighthouse(url: str, preset: str) -> dict:
    """One Lighthouse run (performance, accessibility, best practices) of ``url``."""
    report = OUT / f"lighthouse-{preset}-{abs(hash(url)) % 10**6}.json"
    cmd = [
        str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--only-categories=performance,accessibility,best-practices",
        *(["--preset=desktop"] if preset == "desktop" else []),
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": chromium() or ""}
    run = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    if run.returncode or not report.exists():
        return {"error": (run.stderr or run.stdout)[-300:]}
    data = json.loads(report.read_text())
    audits = data["audits"]

    def value(audit: str) -> float | None:
        return audits.get(audit, {}).get("numericValue")

    return {
        "scores": {k: round(v["score"] * 100) for k, v in data["categories"].items()},
        "fcp_ms": value("first-contentful-paint"),
        "lcp_ms": value("largest-contentful-paint"),
        "tbt_ms": value("total-blocking-time"),
        "cls": value("cumulative-layout-shift"),
        "kib": (value("total-byte-weight") or 0) / 1024,
        "requests": len(audits.get("network-requests", {}).get("details", {}).get("items", [])),
    }


def lighthouse_all(urls: dict[str, str], say) -> dict:
    """Lighthouse's mobile and desktop presets on each URL; a file:// URL (Lighthouse does not
    open those) is served from its folder on a loopback port, uncompressed."""
    out: dict = {}
    with contextlib.ExitStack() as stack:
        for name, url in urls.items():
            if url.startswith("file://"):
                urls = urls | {name: stack.enter_context(_served(Path(url[7:])))}
        for preset in ("mobile", "desktop"):
            for name, url in urls.items():
                out.setdefault(preset, {})[name] = r = lighthouse(url, preset)
                say(f"  Lighthouse {preset} {name}: {r.get('scores', r.get('error'))}")
    return out


@contextlib.contextmanager
def _served(file: Path):
    """``file`` over HTTP on 127.0.0.1 while the block runs; yields its URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(file.parent))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}/{file.name}"
        finally:
            httpd.shutdown()
