#!/usr/bin/env python
"""Escape Routes benchmarks: print the figures and write bench/RESULTS.md (from RESULTS.md.j2).

    .venv/bin/python bench/run.py             # default: about 15 minutes on 2 cores
    .venv/bin/python bench/run.py --quick     # fewer runs, one arrival pattern: about 3 minutes
    .venv/bin/python bench/run.py --soak      # default + 30 users for 5 minutes on N workers
    .venv/bin/python bench/run.py --render-only   # RESULTS.md again from bench/out/results.json

Measured, each in this one run: the first drawn map in the app against the exported file, and
where its time goes; a filter change; server-side script times; bytes of a first view; 30
sessions arriving within 1 s and within 30 s on one Streamlit process and on N behind HAProxy
(``make serve``); what a school's network carries: bytes, requests, first paint and first map of
a first and a repeat visit, desktop and throttled phone, through make serve and make run, and
Lighthouse (``bench/network.py``); with ``--soak`` memory per process over 5 minutes of 30
users. Only 127.0.0.1 and file:// are ever contacted.
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jinja2  # noqa: E402
import psutil  # noqa: E402

from bench import browser as B  # noqa: E402
from bench import coldstart, serverside  # noqa: E402
from bench import network as N  # noqa: E402
from bench import protocol as P  # noqa: E402
from bench.measure import OUT, Procs, loadavg, machine, med, pct, read_runs  # noqa: E402
from testkit.browser import CHROMIUM_ARGS, PageLog, chromium  # noqa: E402
from testkit.servers import REPO, start_app, start_serve  # noqa: E402

MODES = {
    "quick": {"runs": 3, "filter_runs": 2, "spreads": [1.0], "diagnose": False,
              "net_runs": {"desktop": 1, "mobile": 1}, "lighthouse": False},
    "default": {"runs": 7, "filter_runs": 5, "spreads": [1.0, 30.0], "diagnose": True,
                "net_runs": {"desktop": 3, "mobile": 2}, "lighthouse": True},
}  # fmt: skip
SESSIONS, SOAK_S, ALONE = 30, 300, 3
TARGETS = {"ratio": 4.0, "p95_load": 2000, "p95_filter": 1000, "rss": 150, "cpu_ms": 120,
           "first_kib": 1600, "lh_mobile": 75, "lh_desktop": 80, "lh_other": 100}  # fmt: skip
HOOK = {"PYTHONPATH": str(REPO / "bench" / "hook")}


def say(msg: str) -> None:
    print(msg, flush=True)


def servers(workers: int, tag: str, profile: bool = False):
    """One Streamlit process (workers 0) or ``make serve``'s N behind HAProxy, each script run
    logged by bench/hook/ into their own folder."""
    runs = OUT / f"runs-{tag}"
    runs.mkdir(parents=True, exist_ok=True)
    for f in runs.iterdir():
        f.unlink()
    env = HOOK | {"BENCH_RUNS_DIR": str(runs)} | ({"BENCH_PROFILE": "1"} if profile else {})
    log = OUT / f"server-{tag}.log"
    srv = start_serve(workers, log, env) if workers else start_app(log, env)
    srv.runs = runs
    return srv


def content() -> dict:
    """Counts, the two risks to pick (a typical one, then the one whose addition changes the
    map most), and the captions expected after the load and each pick."""
    from escape_routes.explore.filters import Filter
    from escape_routes.explore.visible import apply
    from escape_routes.rules.validator import load_atlas

    atlas = load_atlas()

    def shown(risks) -> tuple[int, str]:
        v = apply(atlas, Filter(risks=frozenset(risks)))
        return len(v.segments) + len(v.places), v.summary(atlas)

    full = shown([])[0]
    cands = sorted((r for r in atlas.risks if 0 < shown([r])[0] < full), key=lambda r: shown([r]))
    first = cands[len(cands) // 2]
    second = max((r for r in atlas.risks if r != first), key=lambda r: abs(shown([first, r])[0]
                 - shown([first])[0]))  # fmt: skip
    picks = [first, second]
    label = {r.id: f"{r.cue} {r.label}" for r in atlas.risks.values()}
    return {
        "counts": {"routes": len(atlas.routes), "segments": len(atlas.segments),
                   "places": len(atlas.places), "quotes": len(atlas.quotes), "paths": full},
        "labels": [label[r] for r in picks],
        "paths": [full, shown(picks[:1])[0], shown(picks)[0]],
        "captions": [shown([])[1], shown(picks[:1])[1], shown(picks)[1]],
    }  # fmt: skip


def export() -> Path:
    out = OUT / "export.html"
    subprocess.run([sys.executable, "-m", "escape_routes", "export", str(out)], cwd=REPO,
                   check=True, capture_output=True, timeout=300)  # fmt: skip
    return out


async def browser_sections(cfg: dict, res: dict, workers: int) -> None:
    from playwright.async_api import async_playwright

    file_url = export().as_uri()
    res["export_kb"] = Path(file_url[7:]).stat().st_size / 1e3
    one, many = servers(0, "browser"), servers(workers, "browser-proxy")
    urls = {"app": one.url + "/", "app via HAProxy": many.url + "/", "export": file_url}
    proc = psutil.Process(one.proc.pid)
    async with async_playwright() as p:
        chromium_ = await p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            say(f"[1] first drawn map, {cfg['runs']} cold loads each: " + ", ".join(urls))
            loads: dict = {k: [] for k in [*urls, "app, repeat visit", "server CPU ms"]}
            phases: list[dict] = []
            for i in range(cfg["runs"] + 1):  # the first round warms up and is not counted
                for name, url in urls.items():
                    ctx, page = await B.new_page(chromium_, log := PageLog())
                    cpu0 = sum(proc.cpu_times()[:2])
                    r = await B.load(page, url)
                    cpu = (sum(proc.cpu_times()[:2]) - cpu0) * 1000
                    again = await B.load(page, url) if name == "app" else None
                    await ctx.close()
                    if i and not log.errors() and not log.blocked:
                        loads[name].append(r["ms"])
                        if name == "app":
                            loads["server CPU ms"].append(cpu)
                            loads["app, repeat visit"].append(again["ms"])
                            phases.append(r["phases"])
                    elif log.errors() or log.blocked:
                        res["errors"].append(f"{name}: {log.errors() + log.blocked}")
                if i:
                    say("  " + ", ".join(f"{k} {v[-1]:.0f}" for k, v in loads.items() if v))
            res["load"] = {k: med(v) for k, v in loads.items()}
            res["load_n"] = len(loads["app"])
            meds = {k: med([p[k] for p in phases if p.get(k) is not None]) for k in phases[-1]}
            res["phases"] = dict(sorted(meds.items(), key=lambda kv: kv[1]))
            res["ratio"] = res["load"]["app"] / res["load"]["export"]

            say(f"[2] filter change, {cfg['filter_runs']} sessions x 2 picks")
            changes = []
            for _ in range(cfg["filter_runs"]):
                ctx, page = await B.new_page(chromium_, PageLog())
                await B.load(page, urls["app"])
                for label in res["content"]["labels"]:
                    changes.append(await B.change_risk(page, label))
                    say(f"  {changes[-1]}")
                await ctx.close()
            res["filter"] = {
                "ms": med([c["ms"] for c in changes]),
                "p90": pct([c["ms"] for c in changes], 90),
                "n": len(changes),
                "reloads": sum(c["reloaded"] for c in changes),
                "paths": sorted({(c["before"], c["after"]) for c in changes}),
                "ws_kb": med([c["ws_in_bytes"] / 1e3 for c in changes]),
            }
            say("[4] bytes of a first view of the map page")
            res["bytes"] = await B.first_view_bytes(chromium_, urls["app"])
            say("[7] the network: make serve, make run and the export, on a desktop and a phone")
            net = {"make serve": many.url + "/", "make run": one.url + "/", "export": file_url}
            offline = await N.launch(p)
            res["network"] = await N.profiles(offline, net, cfg["net_runs"], say)
            res["proxy_cpu"] = await N.proxy_cpu(offline, many)
            say(f"  {res['proxy_cpu']}")
            await offline.close()
        finally:
            await chromium_.close()
        try:
            if cfg["lighthouse"] and N.lighthouse_ready():
                res["lighthouse"] = N.lighthouse_all(net, say)
            elif cfg["lighthouse"]:
                res["errors"].append("Lighthouse not installed (make bench installs it)")
        finally:
            one.stop()
            many.stop()


async def sample(procs: Procs, stop: asyncio.Event, every_s: float) -> None:
    while not stop.is_set():
        procs.sample()
        try:
            await asyncio.wait_for(stop.wait(), every_s)
        except TimeoutError:
            pass


async def scenario(workers: int, spread_s: float, c: dict) -> dict:
    """A fresh server (or N), warmed; ALONE sessions one after another (CPU per session), then
    SESSIONS arriving within ``spread_s``; memory and CPU per process, latencies, errors."""
    srv = servers(workers, f"{workers}-{spread_s:g}")
    try:
        for url in srv.workers.values() or [srv.url]:
            await P.session(url, [], c["captions"][:1])
        procs = Procs(srv.processes())
        alone = [await P.session(srv.url, c["labels"], c["captions"]) for _ in range(ALONE)]
        cpu_alone = sum(procs.cpu_used().values()) / ALONE * 1000
        procs = Procs(srv.processes())
        stop, t0 = asyncio.Event(), time.time()
        sampler = asyncio.create_task(sample(procs, stop, 0.5))
        sessions = await P.arrivals(srv.url, SESSIONS, spread_s, c["labels"], c["captions"])
        used = procs.cpu_used()
        await asyncio.sleep(3)
        stop.set()
        await sampler
        runs = read_runs(srv.runs, t0)
        names = procs.names()
        out = P.summarise(sessions) | {
            "workers": workers or 1,
            "spread_s": spread_s,
            "alone_load_ms": med([s.load_ms for s in alone if s.load_ms]),
            "alone_filter_ms": med([x for s in alone for x in s.filter_ms]),
            "cpu_alone_ms": cpu_alone,
            "cpu_per_session_ms": sum(used.values()) / SESSIONS * 1000,
            "cpu_haproxy_s": sum(v for pid, v in used.items() if names[pid] == "haproxy"),
            "rss": rss_rows(procs, names),
            "runs": len(runs),
            "run_wall_ms": med([r["wall"] * 1000 for r in runs]),
            "run_cpu_ms": med([r["cpu"] * 1000 for r in runs]),
        }
    finally:
        srv.stop()
    say(f"  {out['workers']} process(es), {SESSIONS} within {spread_s:g} s: load p50/p95 "
        f"{out['load_p50']:.0f}/{out['load_p95']:.0f} ms, filter {out['filter_p50']:.0f}/"
        f"{out['filter_p95']:.0f} ms, errors {out['errors']}, CPU/session "
        f"{out['cpu_per_session_ms']:.0f} ms (alone {cpu_alone:.0f}), backends "
        f"{out['backends']}, RSS {[r['after'] for r in out['rss']]} MB")  # fmt: skip
    return out


def rss_rows(procs: Procs, names: dict[int, str]) -> list[dict]:
    """Per process: RSS at the first sample, peak, last (MB)."""
    return [
        {"pid": pid, "name": names[pid], "before": procs.samples[0][1][pid],
         "peak": max(s[1][pid] for s in procs.samples), "after": procs.samples[-1][1][pid]}
        for pid in procs.samples[0][1]
    ]  # fmt: skip


VARIANTS = {  # what one setting is worth: a fresh process each, SESSIONS within 1 s
    "as configured (`streamlit run`)": {},
    "+ full GC after every run (Streamlit's default `runner.postScriptGC`)": {
        "STREAMLIT_RUNNER_POST_SCRIPT_GC": "true"
    },
    "+ `MALLOC_ARENA_MAX=2` (as `make serve` sets)": {"MALLOC_ARENA_MAX": "2"},
    "+ elements cached in the browser from 10 kB (Streamlit's default), not 1 kB": {
        "STREAMLIT_GLOBAL_MIN_CACHED_MESSAGE_SIZE": "10000"
    },
}


async def variants(c: dict) -> list[dict]:
    out = []
    for name, env in VARIANTS.items():
        srv = start_app(OUT / "server-variant.log", env)
        try:
            await P.session(srv.url, [], c["captions"][:1])
            procs = Procs(srv.processes())
            sessions = await P.arrivals(srv.url, SESSIONS, 1.0, c["labels"], c["captions"])
            cpu = sum(procs.cpu_used().values()) / SESSIONS * 1000
            procs.sample()
            out.append(P.summarise(sessions) | {"name": name, "cpu_per_session_ms": cpu,
                       "rss_after": procs.samples[-1][1][srv.proc.pid]})  # fmt: skip
        finally:
            srv.stop()
        say(f"  {name}: CPU/session {cpu:.0f} ms, RSS {out[-1]['rss_after']:.0f} MB")
    return out


async def diagnose(c: dict) -> dict:
    """SESSIONS simultaneous first loads on one process that profiles every script run: where a
    run's wall time goes when they all share one interpreter."""
    import pstats

    srv = servers(0, "profiled", profile=True)
    try:
        await P.session(srv.url, [], c["captions"][:1])
        for f in srv.runs.glob("*.prof"):
            f.unlink()
        t0 = time.time()
        await P.arrivals(srv.url, SESSIONS, 0.0, [], c["captions"])
        runs = read_runs(srv.runs, t0)
    finally:
        srv.stop()
    files = [str(f) for f in srv.runs.glob("*.prof")]
    st = pstats.Stats(*files)
    own = sorted(st.stats.items(), key=lambda kv: -kv[1][2])[:8]  # type: ignore[attr-defined]
    return {
        "runs": len(runs),
        "wall_ms": med([r["wall"] * 1000 for r in runs]),
        "cpu_ms": med([r["cpu"] * 1000 for r in runs]),
        "own": [(f"{Path(k[0]).name}:{k[1]}({k[2]})", v[2] * 1000 / len(files)) for k, v in own],
        "app": top_functions(st, len(files)),
    }


def top_functions(st, per: int, n: int = 8) -> list[tuple[str, float]]:
    """The app's own functions by cumulative ms per run (escape_routes/, pages/, app.py)."""
    mine = [
        (f"{k[0].replace(str(REPO) + '/', '')}:{k[1]}({k[2]})", v[3] * 1000 / per)
        for k, v in st.stats.items()  # type: ignore[attr-defined]
        if k[0].startswith(str(REPO)) and "/.venv/" not in k[0] and "/bench/" not in k[0]
    ]
    return sorted(mine, key=lambda r: -r[1])[:n]


async def soak(workers: int, c: dict) -> dict:
    say(f"[6] soak: {SESSIONS} users for {SOAK_S / 60:.0f} min on {workers} processes")
    srv = servers(workers, "soak")
    try:
        procs = Procs(srv.processes())
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample(procs, stop, 10))
        done = await P.soak(srv.url, SESSIONS, SOAK_S, c["labels"], c["captions"])
        used, names = procs.cpu_used(), procs.names()
        stop.set()
        await sampler
    finally:
        srv.stop()
    last2 = [s for s in procs.samples if s[0] >= procs.samples[-1][0] - 120]
    rss = rss_rows(procs, names)
    for row in rss:
        row["growth_2min"] = last2[-1][1][row["pid"]] - last2[0][1][row["pid"]]
    minutes = sorted({m for m, _ in done})
    return P.summarise([s for _, s in done]) | {
        "workers": workers,
        "cpu_per_session_ms": sum(used.values()) / max(len(done), 1) * 1000,
        "rss": rss,
        "timeline": [(round(t), [round(v) for v in m.values()]) for t, m in procs.samples[::3]],
        "minutes": [(m, P.summarise([s for mm, s in done if mm == m])) for m in minutes],
    }


def targets(res: dict) -> list[tuple[str, str, str, bool]]:
    """(figure, measured, target, met) for the summary."""
    T, rows = TARGETS, []
    if "ratio" in res:
        rows.append(("first drawn map, app / export", f"{res['load']['app']:,.0f} / "
                     f"{res['load']['export']:,.0f} ms = {res['ratio']:.1f}×",
                     f"≤ {T['ratio']:.0f}×", res["ratio"] <= T["ratio"]))  # fmt: skip
    for sc in res.get("concurrent", []):
        tag = f"{SESSIONS} sessions within {sc['spread_s']:g} s, {sc['workers']} process(es)"
        rows += [
            (f"{tag}: errors", str(sc["errors"]), "0", sc["errors"] == 0),
            (f"{tag}: load p95", f"{sc['load_p95']:,.0f} ms", f"≤ {T['p95_load']:,} ms",
             sc["load_p95"] <= T["p95_load"]),
            (f"{tag}: filter change p95", f"{sc['filter_p95']:,.0f} ms",
             f"≤ {T['p95_filter']:,} ms", sc["filter_p95"] <= T["p95_filter"]),
            (f"{tag}: server CPU per session", f"{sc['cpu_per_session_ms']:.0f} ms",
             f"≤ {T['cpu_ms']} ms", sc["cpu_per_session_ms"] <= T["cpu_ms"]),
        ]  # fmt: skip
    net = res.get("network", {}).get("desktop", {}).get("make serve")
    if net:
        kib = net["first"]["kib"]
        rows.append(("first visit through make serve (desktop)", f"{kib:,.0f} KiB",
                     f"≤ {T['first_kib']:,} KiB", kib <= T["first_kib"]))  # fmt: skip
    for preset, cats in res.get("lighthouse", {}).items():
        scores = cats.get("make serve", {}).get("scores")
        for cat, score in (scores or {}).items():
            want = T[f"lh_{preset}"] if cat == "performance" else T["lh_other"]
            rows.append((f"Lighthouse {preset}, make serve: {cat}", str(score), f"≥ {want}",
                         score >= want))  # fmt: skip
    if "soak" in res:
        worst = max(r["after"] for r in res["soak"]["rss"] if r["name"] == "streamlit")
        rows.append(("soak: largest server process after 5 min", f"{worst:.0f} MB",
                     f"< {T['rss']} MB", worst < T["rss"]))  # fmt: skip
    return rows


def fmt(x, unit: str = " ms") -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return "> timeout" if math.isinf(x) else f"{x:,.0f}{unit}"


def render(res: dict, path: Path) -> None:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REPO / "bench"), undefined=jinja2.StrictUndefined
    )
    env.filters["ms"] = fmt
    env.filters["mb"] = lambda x: fmt(x, " MB")
    text = env.get_template("RESULTS.md.j2").render(r=res, targets=targets(res), T=TARGETS)
    path.write_text(text.rstrip() + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs, about 3 minutes")
    ap.add_argument("--soak", action="store_true", help="add 5 minutes of 30 users")
    ap.add_argument("--workers", type=int, default=2, help="processes behind HAProxy (2)")
    ap.add_argument("--base", default=coldstart.BASE, help="commit to compare a server's start "
                    f"with (default {coldstart.BASE})")  # fmt: skip
    ap.add_argument("--render-only", action="store_true")
    ap.add_argument("--output", type=Path, default=REPO / "bench" / "RESULTS.md")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.render_only:
        render(json.loads((OUT / "results.json").read_text()), args.output)
        return 0
    mode = "quick" if args.quick else "default"
    cfg, t0 = MODES[mode], time.monotonic()
    cmd = "bench/run.py" + (" --quick" if args.quick else "") + (" --soak" if args.soak else "")
    res: dict = {"mode": cmd, "machine": machine(), "load_start": loadavg(), "errors": []}
    res["cores"], res["mode_runs"] = os.cpu_count(), cfg["net_runs"]
    say(f"{res['machine']}; load average {res['load_start']}")
    res["content"] = c = content()
    say(f"[3] server side (AppTest, map build, loader), {cfg['runs']} runs each")
    res["cold"] = serverside.cold_load(3)
    res["imports"] = serverside.import_steps()
    res["build"] = serverside.map_build(cfg["runs"])
    res["apptest"] = serverside.apptest(cfg["runs"])
    say(f"  {res['cold']}\n  {res['build']}\n  {res['apptest']['pages']}")
    say(f"[3b] a server process's start and first sessions: this commit against {args.base}")
    res["coldstart"] = coldstart.compare(c, OUT, args.base, say=say)
    asyncio.run(browser_sections(cfg, res, args.workers))
    say(f"[5] {SESSIONS} protocol sessions: 1 process vs {args.workers} behind HAProxy")
    res["concurrent"] = [
        asyncio.run(scenario(w, spread, c)) for spread in cfg["spreads"] for w in (0, args.workers)
    ]
    if cfg["diagnose"]:
        say("[5c] one setting at a time, one process")
        res["variants"] = asyncio.run(variants(c))
        say("[5b] profiled simultaneous first loads on one process")
        res["diagnosis"] = asyncio.run(diagnose(c))
    if args.soak:
        res["soak"] = asyncio.run(soak(args.workers, c))
    res["load_end"], res["minutes"] = loadavg(), (time.monotonic() - t0) / 60
    (OUT / "results.json").write_text(json.dumps(res, indent=1, default=str))
    render(res, args.output)
    for fig, measured, target, met in targets(res):
        say(f"{'met   ' if met else 'MISSED'} {fig}: {measured} (target {target})")
    say(f"wrote {args.output} in {res['minutes']:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
