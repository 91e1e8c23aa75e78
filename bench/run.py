#!/usr/bin/env python
"""Escape Routes benchmarks: prints the figures and writes bench/RESULTS.md.

    .venv/bin/python bench/run.py            # default, about 5-10 minutes on 2 cores
    .venv/bin/python bench/run.py --quick    # fewer runs, about 3 minutes
    .venv/bin/python bench/run.py --soak     # default + 30 protocol sessions for 5 minutes
    .venv/bin/python bench/run.py --browser-sessions   # also the 30-browser version of 5

What is measured (details in RESULTS.md):
1. page load to a drawn map: the app vs the standalone export from file://, and their ratio;
2. a filter change (a risk picked in the sidebar) to the redrawn map, and whether the map's
   iframe reloaded;
3. server-side script time per page (AppTest), the content loader and the map build;
4. requests and bytes of a first view of the map page;
5. 30 concurrent sessions, each loading the map and changing the Risks filter twice: latencies,
   errors, server memory. The figures come from clients that speak Streamlit's own websocket
   protocol (bench/protocol.py): 30 browsers on this 2-core machine starve it themselves. With
   --browser-sessions the browser version (30 Chromium contexts) runs as well, for reference;
6. with --soak: 30 protocol sessions over and over for 5 minutes.

Only 127.0.0.1 and file:// are ever contacted: every page aborts any other request, and the
protocol clients refuse any other address.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from playwright.async_api import Error as PlaywrightError  # noqa: E402

from bench import common  # noqa: E402
from bench import report as rep  # noqa: E402

MODES = {
    # runs: page loads (app and export each); filter_runs: sessions with 2 picks each;
    # sessions: protocol sessions per scenario (5); browser_sessions: browser contexts per
    # scenario with --browser-sessions (5c); scenarios: (name, seconds over which the sessions
    # arrive; 0 = all at once)
    "quick": {
        "runs": 3,
        "filter_runs": 3,
        "apptest_runs": 3,
        "sessions": 30,
        "browser_sessions": 5,
        "scenarios": [("burst", 0.0)],
        "diagnose": False,
        "soak_s": 0,
        "browser_concurrent": False,
    },
    "default": {
        "runs": 7,
        "filter_runs": 5,
        "apptest_runs": 5,
        "sessions": 30,
        "browser_sessions": 30,
        "scenarios": [("burst", 0.0), ("spread", 30.0)],
        "diagnose": True,
        "soak_s": 0,
        "browser_concurrent": False,
    },
}
SOAK_S = 300
SOAK_THINK_S = 1.0  # protocol soak: pause between a user's steps and sessions
SOAK_MAX_ROUNDS = 200  # per simulated user
SESSION_TIMEOUT_S = 120  # each wait inside one concurrent browser session
CONCURRENT_LIMIT_S = 360  # one concurrent browser scenario in all


def say(msg: str) -> None:
    print(msg, flush=True)


def pick_risks(full: int, per_risk: dict[str, tuple[str, int]], atlas) -> list[tuple[str, int]]:
    """Two risks to pick one after the other, each changing the number of drawn paths.

    The first is the median one of those that hide some paths but not all (a typical change);
    the second is the one whose addition changes the count the most.
    """
    cands = sorted(
        ((rid, lab, n) for rid, (lab, n) in per_risk.items() if 0 < n < full),
        key=lambda x: -x[2],
    )
    if not cands:
        raise SystemExit("no risk changes the map: nothing to measure a filter change with")
    rid_a, lab_a, n_a = cands[len(cands) // 2]
    best = None
    for rid, (lab, _n) in per_risk.items():
        if rid == rid_a:
            continue
        n_ab = common.pair_count(atlas, rid_a, rid)
        if n_ab != n_a and (best is None or abs(n_ab - n_a) > abs(best[1] - n_a)):
            best = (lab, n_ab)
    if best is None:
        raise SystemExit("no second risk changes the map")
    return [(lab_a, n_a), best]


def expected_summaries(atlas, per_risk: dict[str, tuple[str, int]], labels: list[str]) -> list:
    """The map page's "Showing ..." summary with no filter and after each cumulative pick."""
    from escape_routes.filters import Filter, apply

    rid = {lab: r for r, (lab, _n) in per_risk.items()}
    out = [apply(atlas, Filter()).summary(atlas)]
    for i in range(len(labels)):
        chosen = frozenset(rid[x] for x in labels[: i + 1])
        out.append(apply(atlas, Filter(risks=chosen)).summary(atlas))
    return out


def app_version() -> dict:
    """The commit checked out and whether the app's files differ from it (bench/ excluded):
    the app may be edited while the bench runs, so the report names what it measured."""

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=REPO, capture_output=True, text=True, timeout=30
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return "?"

    changed = [
        line[3:]
        for line in git("status", "--porcelain", "--untracked-files=no").splitlines()
        if not line[3:].startswith("bench/")
    ]
    return {"commit": git("rev-parse", "--short", "HEAD").strip(), "changed": changed[:10]}


def file_watcher_setting() -> str:
    """server.fileWatcherType as the app's .streamlit/config.toml sets it (default auto)."""
    import tomllib

    try:
        cfg = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    except (OSError, ValueError):
        return "auto"
    return str(cfg.get("server", {}).get("fileWatcherType", "auto"))


def wait_for_quiet(limit_s: float, below: float = 1.5) -> float:
    """Wait (at most limit_s) until the 1-minute load average is below ``below``."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit_s:
        try:
            if float(common.loadavg().split()[0]) < below:
                break
        except ValueError:
            break
        time.sleep(5)
    waited = time.monotonic() - t0
    if waited > 1:
        say(f"waited {waited:.0f} s for a quieter machine (load average {common.loadavg()})")
    return waited


def export_baseline() -> tuple[Path, float, int]:
    out = common.OUT / "export.html"
    t = time.perf_counter()
    res = subprocess.run(
        [sys.executable, "-m", "escape_routes", "export", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    took = time.perf_counter() - t
    if res.returncode != 0 or not out.is_file():
        raise SystemExit(f"export failed:\n{res.stdout}\n{res.stderr}")
    return out, took, out.stat().st_size


async def browser_sections(cfg: dict, export: Path, picks, full: int, results: dict) -> None:
    from playwright.async_api import async_playwright

    file_url = export.as_uri()
    labels = [lab for lab, _ in picks]
    async with async_playwright() as p:
        chromium = await p.chromium.launch(**common.launch_options())
        try:
            server = common.start_server("bench")
            results["server_start_s"] = server.started_s
            say(
                f"server: {server.url} (pid {server.pid}) healthy after "
                f"{server.started_s:.1f} s, RSS {server.rss_mb():.0f} MB"
            )
            try:
                await single_user(chromium, server, file_url, picks, full, results)
            finally:
                server.stop()

            # 5c. (optional) concurrent browser sessions, each scenario on a fresh server
            if cfg["browser_concurrent"]:
                for name, spread in cfg["scenarios"]:
                    server = common.start_server(f"browsers-{name}")
                    try:
                        results.setdefault("concurrent_browser", {})[name] = await concurrent(
                            chromium,
                            server,
                            server.url + "/",
                            labels,
                            cfg["browser_sessions"],
                            spread,
                            name,
                        )
                    finally:
                        server.stop()
        finally:
            await chromium.close()


async def protocol_sections(cfg: dict, labels: list[str], expected: list[str], results: dict):
    """5, 5b and 6 with protocol clients (no browser is running by now)."""
    from bench import protocol as P

    # 5. concurrent sessions, each scenario on a fresh server (memory from a clean start)
    for name, spread in cfg["scenarios"]:
        wait_for_quiet(30, below=1.0)
        server = common.start_server(f"concurrent-{name}")
        try:
            results.setdefault("concurrent", {})[name] = await P.scenario(
                server, cfg["sessions"], spread, labels, expected, name, log=say
            )
        finally:
            server.stop()
    if cfg["diagnose"]:
        results["diagnosis"] = await diagnose(labels, n=cfg["sessions"])
    watcher = file_watcher_setting()
    results["file_watcher"] = watcher
    if cfg["diagnose"] and watcher != "none":
        # what-if: the same burst with Streamlit's file watcher off (with it on, every session
        # watches the app's modules)
        wait_for_quiet(30, below=1.0)
        os.environ["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] = "none"
        try:
            server = common.start_server("concurrent-nowatch")
        finally:
            del os.environ["STREAMLIT_SERVER_FILE_WATCHER_TYPE"]
        try:
            results["concurrent_nowatch"] = await P.scenario(
                server, cfg["sessions"], 0.0, labels, expected, "burst, no file watcher", log=say
            )
        finally:
            server.stop()
    if cfg["soak_s"]:
        wait_for_quiet(30, below=1.0)
        server = common.start_server("soak")
        try:
            results["soak"] = await P.soak(
                server,
                cfg["sessions"],
                cfg["soak_s"],
                labels,
                expected,
                think_s=SOAK_THINK_S,
                max_rounds=SOAK_MAX_ROUNDS,
                log=say,
            )
        finally:
            server.stop()


async def single_user(
    chromium, server: common.Server, file_url: str, picks, full: int, results: dict
) -> None:
    from bench import browser as B

    cfg = results["cfg"]
    url = server.url + "/"
    # warm-up: the first view after start loads the content into the cache
    ctx, page = await B.new_page(chromium, B.PageLog())
    r = await B.load(page, url, timeout_s=90)
    await ctx.close()
    results["first_load_after_start_ms"] = r["ms"]
    say(f"  first app load after server start (content cache cold): {r['ms']:.0f} ms")
    ctx, page = await B.new_page(chromium, B.PageLog())
    await B.load(page, file_url, timeout_s=60)
    await ctx.close()

    # 1. page load: app vs export, interleaved; cold cache each time
    say(f"[1] page load to drawn map, {cfg['runs']} runs each (app / export, cold cache)")
    loads = {
        "app": [],
        "app_repeat": [],
        "export": [],
        "phases": [],
        "counts": set(),
        "errors": [],
        "blocked": [],
    }
    for i in range(cfg["runs"]):
        log = B.PageLog()
        ctx, page = await B.new_page(chromium, log)
        try:
            cpu0, e0 = common.cpu_seconds(server.pid)["server"], time.time()
            r = await B.load(page, url)
            cpu_view = common.cpu_seconds(server.pid)["server"] - cpu0
            script_cpu = sum(x["cpu"] for x in server.script_runs(e0))
            r2 = await B.load(page, url)  # same context: browser cache warm
        except (B.BenchTimeout, PlaywrightError) as exc:
            loads["errors"].append(f"app run {i + 1}: {type(exc).__name__}: {str(exc)[:200]}")
            say(f"  run {i + 1}: FAILED {loads['errors'][-1]}")
            await _screenshot(page, f"load-run-{i + 1}")
            continue
        finally:
            await ctx.close()
            loads["errors"] += log.errors()
            loads["blocked"] += log.blocked
        log = B.PageLog()
        ctx, page = await B.new_page(chromium, log)
        try:
            e = await B.load(page, file_url)
        except (B.BenchTimeout, PlaywrightError) as exc:
            loads["errors"].append(f"export run {i + 1}: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        finally:
            await ctx.close()
            loads["errors"] += log.errors()
            loads["blocked"] += log.blocked
        loads["app"].append(r["ms"])
        loads["phases"].append(r["phases"])
        loads["counts"].add(r["count"])
        loads["app_repeat"].append(r2["ms"])
        loads["export"].append(e["ms"])
        loads.setdefault("server_cpu", []).append(cpu_view)
        loads.setdefault("script_cpu", []).append(script_cpu)
        loads["counts"].add(e["count"])
        say(
            f"  run {i + 1}: app {r['ms']:.0f} ms (repeat visit {r2['ms']:.0f} ms), "
            f"export {e['ms']:.0f} ms, paths {r['count']}/{e['count']}"
        )
    loads["counts"] = sorted(loads["counts"])
    loads["expected_paths"] = full
    results["load"] = loads

    # 2. filter change
    labels = [lab for lab, _ in picks]
    say(
        f"[2] filter change ({cfg['filter_runs']} sessions x 2 picks: "
        f"{labels[0]!r} then {labels[1]!r})"
    )
    changes = []
    errors, blocked = [], []
    for i in range(cfg["filter_runs"]):
        log = B.PageLog()
        ctx, page = await B.new_page(chromium, log)
        try:
            await B.load(page, url)
            for lab, n in picks:
                await _one_pick(server, page, log, lab, n, i, changes)
        except (B.BenchTimeout, PlaywrightError) as exc:
            errors.append(f"session {i + 1}: {type(exc).__name__}: {str(exc)[:200]}")
            say(f"  session {i + 1}: FAILED {errors[-1]}")
            await _screenshot(page, f"filter-session-{i + 1}")
        finally:
            await ctx.close()
        errors += log.errors()
        blocked += log.blocked
    results["filter"] = {"changes": changes, "errors": errors, "blocked": blocked}

    # 4. bytes of a first view
    say("[4] requests and bytes of a first view of the map page (cold cache)")
    fv = await B.first_view_bytes(chromium, url)
    fv["export_bytes"] = Path(file_url.removeprefix("file://")).stat().st_size
    results["bytes"] = fv
    say(
        f"  {fv['requests']} responses, {fv['body_wire'] / 1e6:.2f} MB bodies on the "
        f"wire ({fv['body_decoded'] / 1e6:.2f} MB decoded), websocket in "
        f"{fv['ws_in'][1] / 1e3:.0f} kB in {fv['ws_in'][0]} frames"
    )
    results["rss_after_single_user"] = server.rss_mb()


async def _one_pick(server, page, log, lab: str, n: int, i: int, changes: list) -> None:
    from bench import browser as B

    c = await B.change_risk(page, lab, log=log)
    # the server's own record of the rerun(s) this pick caused
    runs = server.script_runs(c["t_drawn"] / 1000 - c["ms"] / 1000 - 0.05, c["t_drawn"] / 1000)
    changes.append(
        {
            "pick": lab,
            "ms": c["ms"],
            "ms_first": c["ms_first"],
            "reloaded": c["reloaded"],
            "lost_clicks": c["lost_clicks"],
            "before": c["before"],
            "after": c["count"],
            "expected": n,
            "ws_in_bytes": c.get("ws_in_bytes"),
            "ws_in_frames": c.get("ws_in_frames"),
            "server_runs": [
                {"wall": x["wall"], "cpu": x["cpu"], "sections": x["sections"]} for x in runs
            ],
        }
    )
    srv = ", ".join(f"{x['wall'] * 1000:.0f} ms" for x in runs) or "?"
    say(
        f"  session {i + 1}: {c['before']} -> {c['count']} paths in "
        f"{c['ms']:.0f} ms (first change {c['ms_first']:.0f} ms), "
        f"reloaded={c['reloaded']}, {c.get('ws_in_bytes', 0) / 1e3:.0f} kB "
        f"over the websocket, server script run {srv}"
    )


async def _screenshot(page, name: str) -> None:
    try:
        await page.screenshot(path=str(common.OUT / f"{name}.png"), full_page=True)
    except PlaywrightError:
        pass


async def _sample_rss(
    server: common.Server,
    samples: list,
    every_s: float,
    t0: float,
    stop: asyncio.Event,
    cpu: common.CpuTracker | None = None,
) -> None:
    while not stop.is_set():
        samples.append((time.monotonic() - t0, server.rss_mb()))
        if cpu:
            cpu.sample()
        try:
            await asyncio.wait_for(stop.wait(), timeout=every_s)
        except TimeoutError:
            pass


async def _warm(chromium, url: str) -> None:
    from bench import browser as B

    ctx, page = await B.new_page(chromium, B.PageLog())
    try:
        await B.load(page, url, timeout_s=90)
    finally:
        await ctx.close()


async def concurrent(
    chromium, server: common.Server, url: str, labels: list[str], n: int, spread_s: float, name: str
) -> dict:
    """n users, one browser context each, arriving over spread_s seconds (0: all at once);
    each loads the map page (cold cache) and picks two risks. Only with --browser-sessions:
    the browsers themselves take most of this machine (the figures of 5 use protocol clients)."""
    from bench import browser as B

    how = "all start at once" if not spread_s else f"arriving evenly over {spread_s:.0f} s"
    say(f"[5c] {n} concurrent browser sessions ({how}; load, then 2 filter changes each)")
    await _warm(chromium, url)
    await asyncio.sleep(2)
    rss_before = server.rss_mb()
    cpu0 = common.cpu_seconds(server.pid)
    busy0 = common.machine_cpu()
    tracker = common.CpuTracker()
    tracker.start()
    samples: list = []
    stop = asyncio.Event()
    t0 = time.monotonic()
    epoch0 = time.time()
    sampler = asyncio.create_task(_sample_rss(server, samples, 1.0, t0, stop, tracker))

    async def user(i: int):
        await asyncio.sleep(spread_s * i / n)
        return await B.session(chromium, url, labels, SESSION_TIMEOUT_S, 0.25)

    try:
        results = await asyncio.wait_for(
            asyncio.gather(*(user(i) for i in range(n))), CONCURRENT_LIMIT_S
        )
    except TimeoutError:
        results = []
    wall = time.monotonic() - t0
    cpu1 = common.cpu_seconds(server.pid)
    busy = common.busy_share(busy0, common.machine_cpu())
    tracker.sample()
    cpu_share = tracker.result()
    rss_closed = server.rss_mb()
    await asyncio.sleep(5)
    stop.set()
    await sampler
    rss_after = server.rss_mb()
    runs = server.script_runs(epoch0)
    out = _summarise(results, n)
    out.update(
        {
            "client": "browser",
            "name": name,
            "spread_s": spread_s,
            "sessions": n,
            "wall_s": wall,
            "rss_before": rss_before,
            "rss_after_close": rss_closed,
            "rss_after": rss_after,
            "rss_peak": max((m for _, m in samples), default=math.nan),
            "rss_samples": samples[:: max(1, len(samples) // 12)],
            "cpu": {k: cpu1[k] - cpu0[k] for k in ("server", "bench")},
            "machine_busy": busy,
            "cpu_share": cpu_share,
            "script_runs": len(runs),
            "script_wall": [x["wall"] for x in runs],
            "script_cpu": [x["cpu"] for x in runs],
        }
    )
    say(
        f"  load p50 {_fmt(out['load_p50'])}, p95 {_fmt(out['load_p95'])}; filter p50 "
        f"{_fmt(out['filter_p50'])}, p95 {_fmt(out['filter_p95'])}; errors {out['errors']}; "
        f"server RSS {rss_before:.0f} -> {rss_after:.0f} MB (peak {out['rss_peak']:.0f} MB); "
        f"{len(runs)} script runs, wall median "
        f"{common.median(out['script_wall']) * 1000:.0f} ms vs CPU "
        f"{common.median(out['script_cpu']) * 1000:.0f} ms; {wall:.0f} s"
    )
    return out


def _fmt(ms: float) -> str:
    if math.isinf(ms):
        return f"> {SESSION_TIMEOUT_S:.0f} s (timeouts)"
    return f"{ms:.0f} ms"


def _summarise(results: list, n: int) -> dict:
    inf = math.inf
    loads = [r.load_ms for r in results if r.load_ms is not None]
    filt = [ms for r in results for ms in r.filter_ms]
    # a wait that timed out counts as a latency longer than any measured (censored)
    loads_c = loads + [inf] * sum(r.stage == "load" for r in results if r.timeouts)
    filt_c = filt + [inf] * sum(r.stage == "filter" for r in results if r.timeouts)
    errs = [e for r in results for e in r.log.errors()] + [t for r in results for t in r.timeouts]
    if len(results) < n:
        errs.append(f"{n - len(results)} sessions did not finish in time")
    return {
        "loads": loads,
        "filters": filt,
        "load_p50": common.pct(loads_c, 50),
        "load_p95": common.pct(loads_c, 95),
        "filter_p50": common.pct(filt_c, 50),
        "filter_p95": common.pct(filt_c, 95),
        "errors": len(errs),
        "error_samples": errs[:8],
        "console_errors": sum(len(r.log.console_errors) for r in results),
        "page_errors": sum(len(r.log.page_errors) for r in results),
        "timeouts": sum(len(r.timeouts) for r in results),
        "load_timeouts": sum(r.stage == "load" for r in results if r.timeouts),
        "blocked": sum(len(r.log.blocked) for r in results),
        "reloads": sum(r.reloads for r in results),
        "lost_clicks": sum(r.lost_clicks for r in results),
    }


async def diagnose(labels: list[str], n: int = 6) -> dict:
    """Where a script run's wall time goes when several sessions run at once: n simultaneous
    first loads (protocol clients) against a server that profiles every script run (cProfile,
    script thread)."""
    import pstats

    from bench import protocol as P

    say(f"[5b] diagnosis: {n} simultaneous first loads, every script run profiled")
    prof_dir = common.OUT / "profiles"
    prof_dir.mkdir(parents=True, exist_ok=True)
    for f in prof_dir.glob("*.prof"):
        f.unlink()
    os.environ["BENCH_PROFILE_DIR"] = str(prof_dir)
    try:
        server = common.start_server("diagnose")
    finally:
        del os.environ["BENCH_PROFILE_DIR"]
    try:
        await P.warm(server.url)
        for f in prof_dir.glob("*.prof"):
            f.unlink()
        epoch0 = time.time()
        res = await asyncio.wait_for(
            asyncio.gather(*(P.session(server.url, [], step_timeout_s=120) for _ in range(n))),
            300,
        )
        runs = [x for x in server.script_runs(epoch0) if x["page"] == "map"]
    finally:
        server.stop()
    files = sorted(prof_dir.glob("*.prof"))
    out = {
        "sessions": n,
        "client": "protocol",
        "loads": [r.load_ms for r in res],
        "errors": [e for r in res for e in r.errors][:5],
        "runs": [{"wall": x["wall"], "cpu": x["cpu"], "sections": x["sections"]} for x in runs],
    }
    if files:
        st = pstats.Stats(*map(str, files))
        total = sum(x["wall"] for x in runs) or math.nan
        own = sorted(st.stats.items(), key=lambda kv: -kv[1][2])[:10]  # type: ignore[attr-defined]
        out["own"] = [
            (
                f"{Path(k[0]).name}:{k[1]}({k[2]})" if k[0] != "~" else k[2],
                v[1] / len(files),
                v[2] / len(files),
            )
            for k, v in own
        ]
        out["profiled_runs"] = len(files)
        # the app's own functions (escape_routes/, views/, app.py) by cumulative time
        mine = [
            (k, v)
            for k, v in st.stats.items()  # type: ignore[attr-defined]
            if k[0].startswith(str(REPO)) and "/.venv/" not in k[0] and "/bench/" not in k[0]
        ]
        out["app_cum"] = [
            (f"{Path(k[0]).relative_to(REPO)}:{k[1]}({k[2]})", v[1] / len(files), v[3] / len(files))
            for k, v in sorted(mine, key=lambda kv: -kv[1][3])[:8]
        ]
        out["wall_per_run"] = total / max(len(runs), 1)
    walls, cpus = [x["wall"] for x in runs], [x["cpu"] for x in runs]
    say(
        f"  {len(runs)} map runs: wall median {common.median(walls) * 1000:.0f} ms "
        f"(max {max(walls, default=math.nan) * 1000:.0f}), CPU median "
        f"{common.median(cpus) * 1000:.0f} ms; loads p50 "
        f"{common.median([x for x in out['loads'] if x is not None]):.0f} ms"
    )
    for name, calls, secs in out.get("own", [])[:5]:
        say(f"    {secs * 1000:7.0f} ms own time in {calls:,.0f} calls: {name}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs (about 3 minutes)")
    ap.add_argument(
        "--soak", action="store_true", help="add the 5-minute 30-session soak (protocol clients)"
    )
    ap.add_argument(
        "--browser-sessions",
        action="store_true",
        help="also run 5 with real browsers (30 Chromium contexts; starves a 2-core machine)",
    )
    ap.add_argument("--output", type=Path, default=REPO / "bench" / "RESULTS.md")
    ap.add_argument(
        "--wait-idle",
        type=float,
        default=None,
        metavar="S",
        help="first wait up to S seconds for the 1-minute load average to fall below 1.5 "
        "(other work on the machine skews every figure); 0 to start at once "
        "(default 60, with --quick 20)",
    )
    ap.add_argument(
        "--render-only",
        action="store_true",
        help="write RESULTS.md again from the last run's bench/out/results.json (no measuring)",
    )
    args = ap.parse_args(argv)
    if args.render_only:
        results = json.loads((common.OUT / "results.json").read_text())
        args.output.write_text(rep.render(results))
        say(rep.summary_table(results))
        return 0
    mode = "quick" if args.quick else "default"
    cfg = dict(MODES[mode])
    if args.soak:
        cfg["soak_s"] = SOAK_S
    if args.browser_sessions:
        cfg["browser_concurrent"] = True
    t_start = time.monotonic()
    common.OUT.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "mode": mode
        + (" + soak" if args.soak else "")
        + (" + browser sessions" if args.browser_sessions else ""),
        "cfg": cfg,
    }
    results["machine"] = common.machine()
    results["app_version_start"] = app_version()
    wait = args.wait_idle if args.wait_idle is not None else (20 if args.quick else 60)
    results["waited_for_idle_s"] = wait_for_quiet(wait)
    results["loadavg_start"] = common.loadavg()
    say("machine: " + ", ".join(f"{k} {v}" for k, v in results["machine"].items()))

    full, per_risk, atlas = common.expected_counts()
    picks = pick_risks(full, per_risk, atlas)
    results["content"] = {
        "routes": len(atlas.routes),
        "segments": len(atlas.segments),
        "places": len(atlas.places),
        "quotes": len(atlas.quotes),
        "risks": len(atlas.risks),
        "tour steps": len(atlas.tour),
        "problems": len(atlas.problems),
        "paths drawn (no filter)": full,
    }
    results["picks"] = picks
    labels = [lab for lab, _ in picks]
    expected = expected_summaries(atlas, per_risk, labels)
    results["expected_summaries"] = expected
    say("content: " + ", ".join(f"{v} {k}" for k, v in results["content"].items()))

    export, took, size = export_baseline()
    results["export"] = {"seconds": took, "bytes": size}
    say(f"export: {size / 1e3:.0f} kB in {took:.1f} s (CLI, incl. interpreter start)")

    from bench import serverside

    say(f"[3] server-side script time (AppTest, {cfg['apptest_runs']} runs each)")
    results["server"] = serverside.measure(cfg["apptest_runs"], log=say)

    asyncio.run(browser_sections(cfg, export, picks, full, results))
    asyncio.run(protocol_sections(cfg, labels, expected, results))
    results["elapsed_s"] = time.monotonic() - t_start
    results["loadavg_end"] = common.loadavg()
    results["app_version_end"] = app_version()
    if results["app_version_end"] != results["app_version_start"]:
        say(
            f"NOTE: the app changed during the run: {results['app_version_start']} -> "
            f"{results['app_version_end']}"
        )

    (common.OUT / "results.json").write_text(json.dumps(results, indent=1, default=str))
    text = rep.render(results)
    args.output.write_text(text)
    say("")
    say(rep.summary_table(results))
    shown = args.output.resolve()
    shown = shown.relative_to(REPO) if shown.is_relative_to(REPO) else shown
    say(f"\nwrote {shown} in {results['elapsed_s'] / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
