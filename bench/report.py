"""Turn the bench results into bench/RESULTS.md and a short summary table for the terminal."""

from __future__ import annotations

import math

from bench.common import median, pct

LOAD_RATIO_MAX = 5.0
FILTER_MEDIAN_MAX_MS = 250.0
P95_MAX_MS = 2000.0
RSS_GROWTH_MAX_MB = 100.0


def _ms(x: float | None) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if math.isinf(x):
        return "> timeout"
    return f"{x:,.0f} ms"


def _s_ms(xs: list[float]) -> str:
    """Median of seconds, shown in ms."""
    return _ms(median(xs) * 1000) if xs else "–"


def _ok(met: bool | None) -> str:
    return "–" if met is None else ("**met**" if met else "**missed**")


def _kb(n: float) -> str:
    return f"{n / 1e3:,.0f} kB" if n < 1e6 else f"{n / 1e6:,.2f} MB"


def targets(res: dict) -> list[tuple[str, str, str, bool | None]]:
    """(figure, measured, target, met) rows."""
    rows = []
    ld = res.get("load")
    if ld and ld["app"] and ld["export"]:
        app, exp = median(ld["app"]), median(ld["export"])
        ratio = app / exp if exp else math.nan
        rows.append(
            (
                "1. Load to drawn map: app / export (file://), medians, cold cache",
                f"{app:,.0f} ms / {exp:,.0f} ms = **{ratio:.1f}×**",
                f"≤ {LOAD_RATIO_MAX:.0f}×",
                ratio <= LOAD_RATIO_MAX,
            )
        )
    fl = res.get("filter")
    if fl and fl["changes"]:
        ms = [c["ms"] for c in fl["changes"]]
        reloads = sum(c["reloaded"] for c in fl["changes"])
        rows.append(
            (
                f"2. Filter change to redrawn map, median of {len(ms)}",
                f"**{median(ms):,.0f} ms**",
                f"≤ {FILTER_MEDIAN_MAX_MS:.0f} ms",
                median(ms) <= FILTER_MEDIAN_MAX_MS,
            )
        )
        rows.append(
            (
                "2. Map iframe reloaded by a filter change",
                f"{reloads} of {len(ms)}",
                "0",
                reloads == 0,
            )
        )
    sv = res.get("server")
    if sv:
        rows.append(
            (
                "3. Server script time per rerun (AppTest medians)",
                ", ".join(f"{k} {median(v) * 1000:,.0f} ms" for k, v in sv["pages"].items()),
                "– (reference)",
                None,
            )
        )
    by = res.get("bytes")
    if by:
        rows.append(
            (
                "4. First view of the map page",
                f"{by['requests']} responses, {_kb(by['body_wire'])} on the wire "
                f"+ {_kb(by['ws_in'][1])} websocket",
                "– (reference)",
                None,
            )
        )
    for cc in (res.get("concurrent") or {}).values():
        rows += _concurrent_rows(cc, "5.")
    for cc in (res.get("concurrent_browser") or {}).values():
        rows += _concurrent_rows(cc, "5c.")
    sk = res.get("soak")
    if sk:
        who = "protocol users" if sk.get("client") == "protocol" else "users"
        rows.append(
            (
                f"6. Soak {sk['duration_s'] / 60:.0f} min, {sk['users']} {who}: errors",
                f"{sk['errors']} in {sk['rounds']} sessions",
                "0",
                sk["errors"] == 0,
            )
        )
        rows.append(
            (
                "6. Soak: load / filter change p95",
                f"{_ms(sk['load_p95'])} / {_ms(sk['filter_p95'])}",
                "– (reference)",
                None,
            )
        )
        growth = sk["rss_after"] - sk["rss_before"]
        rows.append(
            (
                "6. Soak: server RSS growth",
                f"{growth:+,.0f} MB ({sk['rss_before']:,.0f} → {sk['rss_after']:,.0f} MB)",
                f"< {RSS_GROWTH_MAX_MB:.0f} MB",
                growth < RSS_GROWTH_MAX_MB,
            )
        )
    return rows


def _how(cc: dict) -> str:
    return "at once" if not cc["spread_s"] else f"over {cc['spread_s']:.0f} s"


def _concurrent_rows(cc: dict, num: str) -> list[tuple[str, str, str, bool | None]]:
    """Target rows for one concurrent scenario (protocol clients, or browsers in 5c)."""
    n = cc["sessions"]
    proto = cc.get("client") == "protocol"
    tag = f"{num} {n} {'protocol sessions' if proto else 'browser sessions'} {_how(cc)}"
    if proto:
        k = cc["errors_by_kind"]
        err = (
            f"{cc['errors']} (connect {k['connect']}, exception {k['exception']}, timeout "
            f"{k['timeout']}, no effect {k['no effect']}, wrong caption {k['check']})"
        )
        load, filt = "load (to `script_finished`)", "filter change (to `script_finished`)"
    else:
        err = f"{cc['errors']} (console, page, timeouts)"
        load, filt = "load to map", "filter to update"
    growth = cc["rss_after"] - cc["rss_before"]
    return [
        (f"{tag}: errors", err, "0", cc["errors"] == 0),
        (
            f"{tag}: {load} p95 (p50)",
            f"{_ms(cc['load_p95'])} ({_ms(cc['load_p50'])})",
            f"≤ {P95_MAX_MS:,.0f} ms",
            cc["load_p95"] <= P95_MAX_MS,
        ),
        (
            f"{tag}: {filt} p95 (p50)",
            f"{_ms(cc['filter_p95'])} ({_ms(cc['filter_p50'])})"
            + (" — no filter change was reached" if not cc["filters"] else ""),
            f"≤ {P95_MAX_MS:,.0f} ms",
            bool(cc["filters"]) and cc["filter_p95"] <= P95_MAX_MS,
        ),
        (
            f"{tag}: server RSS growth (before → after)",
            f"{growth:+,.0f} MB ({cc['rss_before']:,.0f} → {cc['rss_after']:,.0f} MB)",
            f"< {RSS_GROWTH_MAX_MB:.0f} MB",
            growth < RSS_GROWTH_MAX_MB,
        ),
    ]


def summary_table(res: dict) -> str:
    rows = targets(res)
    w = max(len(r[0]) for r in rows)
    lines = [f"{'figure':<{w}}  {'measured':<60}  {'target':<12}  result"]
    for fig, meas, tgt, met in rows:
        m = meas.replace("**", "")
        lines.append(f"{fig:<{w}}  {m:<60}  {tgt:<12}  {_ok(met).replace('**', '')}")
    return "\n".join(lines)


def _profile_rows(rows: list, n: int, per: int) -> list[str]:
    out = ["| function | calls/run | own s/run | cumulative s/run |", "|---|---:|---:|---:|"]
    for name, calls, own, cum in rows[:n]:
        out.append(f"| `{name}` | {calls / per:,.0f} | {own / per:.3f} | {cum / per:.3f} |")
    return out


def render(res: dict) -> str:
    m = res["machine"]
    L: list[str] = []
    add = L.append
    add("# Benchmarks — Escape Routes\n")
    add(
        f"Measured **{m['date']}** with `.venv/bin/python bench/run.py"
        f"{' --quick' if res['mode'].startswith('quick') else ''}"
        f"{' --soak' if 'soak' in res['mode'] else ''}` (mode: {res['mode']}; "
        f"took {res.get('elapsed_s', 0) / 60:.1f} min). Every figure below is from that one run; "
        "ratios compare figures measured in it.\n"
    )
    add(
        f"Machine: `uname -m` {m['machine']}, nproc {m['nproc']}, memory {m['memory']}; "
        f"Python {m['python']}, Streamlit {m['streamlit']}, streamlit-folium "
        f"{m['streamlit-folium']}, folium {m['folium']}, Playwright {m['playwright']}, "
        f"{m['chromium']} (headless, `--no-sandbox --disable-gpu …`). Server, Chromium and the "
        "bench share the same cores; other work on the machine adds noise (load average at "
        f"start {res.get('loadavg_start', '?')}, at the end {res.get('loadavg_end', '?')}).\n"
    )
    v0, v1 = res.get("app_version_start"), res.get("app_version_end")
    if v0:

        def ver(v: dict) -> str:
            if not v["changed"]:
                return f"commit `{v['commit']}`"
            return f"commit `{v['commit']}` plus uncommitted changes to {', '.join(v['changed'])}"

        if v1 and v1 != v0:
            add(
                f"App measured: **it changed during the run** — {ver(v0)} at the start, "
                f"{ver(v1)} at the end; sections measured later may reflect the newer code.\n"
            )
        else:
            add(f"App measured: {ver(v0)} (unchanged during the run).\n")
    c = res["content"]
    add(
        "Content at the time of the run (still being written; counts move with it): "
        + ", ".join(f"{v} {k}" for k, v in c.items())
        + ".\n"
    )

    add("## Summary\n")
    add("| figure | measured | target | |")
    add("|---|---|---|---|")
    for fig, meas, tgt, met in targets(res):
        add(f"| {fig} | {meas} | {tgt} | {_ok(met)} |")
    add("")
    if any(c.get("client") == "protocol" for c in (res.get("concurrent") or {}).values()):
        add(
            "Rows 5 and 6 come from clients that speak Streamlit's websocket protocol "
            "(`bench/protocol.py`), not from browsers: the time is to the server's "
            "`script_finished`, without the frontend's files or drawing the map (see 5)."
            + (
                " Rows 5c: the same with real browsers (`--browser-sessions`), for reference."
                if res.get("concurrent_browser")
                else ""
            )
            + "\n"
        )

    # 1 ------------------------------------------------------------------------------
    ld = res.get("load")
    if ld and ld["app"] and ld["export"]:
        n = len(ld["app"])
        add("## 1. Page load to a drawn map\n")
        add(
            f"{n} runs, app and export interleaved, each in a fresh browser context (empty cache). "
            "Time from navigation start (`performance.timeOrigin`) to the last change of the "
            "number of `path.leaflet-interactive` in the `.leaflet-container` (route segments "
            "and places; the basemap is not interactive), once that number is > 0 and has not "
            f"changed for 600 ms. Paths drawn: {ld['counts']} (expected {ld['expected_paths']}). "
            "The repeat visit reloads the app in the same context (browser cache warm).\n"
        )
        add("| | median | min | max |")
        add("|---|---:|---:|---:|")
        for key, label in (
            ("app", "app, cold cache"),
            ("app_repeat", "app, repeat visit"),
            ("export", "export from file://"),
        ):
            xs = ld[key]
            add(f"| {label} | {median(xs):,.0f} ms | {min(xs):,.0f} ms | {max(xs):,.0f} ms |")
        ratios = [a / e for a, e in zip(ld["app"], ld["export"], strict=False) if e]
        add(
            f"\nRatio app / export: {median(ld['app']) / median(ld['export']):.1f}× (medians); "
            f"median of the per-run ratios {median(ratios):.1f}×; repeat visit / export "
            f"{median(ld['app_repeat']) / median(ld['export']):.1f}×. "
            f"First app load after server start (content not cached yet): "
            f"{_ms(res.get('first_load_after_start_ms'))}.\n"
        )
        if ld.get("server_cpu"):
            add(
                f"Server CPU per cold view (the whole Streamlit process, during the load): median "
                f"{_s_ms(ld['server_cpu'])}, of which the script runs "
                f"{_s_ms(ld['script_cpu'])}; the rest is serving the frontend's "
                f"{(res.get('bytes') or {}).get('requests', '~130')} files, the websocket and "
                "session set-up.\n"
            )
        add("Where the app's load time goes (medians, ms from navigation start):\n")
        add("| phase | ms |")
        add("|---|---:|")
        for key in ld["phases"][0]:
            vals = [p[key] for p in ld["phases"] if p.get(key) is not None]
            add(f"| {key} | {_ms(median(vals) if vals else None)} |")
        add("")
        if ld["errors"] or ld["blocked"]:
            add(f"Errors: {ld['errors'][:5]}; blocked requests: {ld['blocked'][:5]}\n")

    # 2 ------------------------------------------------------------------------------
    fl = res.get("filter")
    if fl and fl["changes"]:
        ch = fl["changes"]
        add("## 2. Filter change to the updated map\n")
        add(
            "In a loaded session (app idle), a risk is picked in the sidebar's *Risks* "
            "multiselect (dropdown opened first, then the option clicked), then a second one. "
            "Time from the option's `pointerdown` to the last change of the drawn-path count "
            "(stable for 600 ms); *first change* is the first time the count moves. Reload check: "
            "`window.__marker = 1` is set inside the map iframe before the pick and must survive, "
            "and the iframe's window must be the same one.\n"
        )
        add(
            "| pick | n | paths before → after | median | first change (median) | max | "
            "websocket in per change | reloads | lost clicks |"
        )
        add("|---|---:|---|---:|---:|---:|---:|---:|---:|")
        for pick in dict.fromkeys(x["pick"] for x in ch):
            xs = [x for x in ch if x["pick"] == pick]
            ms = [x["ms"] for x in xs]
            add(
                f"| {pick} | {len(xs)} | {xs[0]['before']} → {xs[0]['after']} "
                f"(expected {xs[0]['expected']}) | {median(ms):,.0f} ms | "
                f"{median([x['ms_first'] for x in xs]):,.0f} ms | {max(ms):,.0f} ms | "
                f"{_kb(median([x['ws_in_bytes'] or 0 for x in xs]))} | "
                f"{sum(x['reloaded'] for x in xs)} | {sum(x['lost_clicks'] for x in xs)} |"
            )
        allms = [x["ms"] for x in ch]
        add(
            f"\nAll picks: median {median(allms):,.0f} ms, p90 {pct(allms, 90):,.0f} ms. "
            "*Lost clicks*: an option click that left no chosen tag and was repeated (the time "
            "is from the repeated click).\n"
        )
        if fl["errors"] or fl["blocked"]:
            add(f"Errors: {fl['errors'][:5]}; blocked requests: {fl['blocked'][:5]}\n")

    # 3 ------------------------------------------------------------------------------
    sv = res.get("server")
    if sv:
        runs = sv["runs"]
        add("## 3. Server-side script time\n")
        add(
            f"`streamlit.testing.v1.AppTest.from_file('app.py')`, one `run()`, then per page "
            f"`switch_page(path).run()` and {runs} timed `run()`s (the real app frame: "
            "AppTest is kept in `st.navigation` mode as the server is). In-process, no browser. "
            "Page scripts, as app.py names them: "
            + ", ".join(f"`{v}`" for v in sv.get("page_files", {}).values())
            + ".\n"
        )
        add("| page | median | min | max |")
        add("|---|---:|---:|---:|")
        for page, ts in sv["pages"].items():
            add(
                f"| {page} | {median(ts) * 1000:,.0f} ms | {min(ts) * 1000:,.0f} ms | "
                f"{max(ts) * 1000:,.0f} ms |"
            )
        add(
            f"| map, rerun after a filter change | {_s_ms(sv['map_filter_rerun'])} | "
            f"{min(sv['map_filter_rerun']) * 1000:,.0f} ms | "
            f"{max(sv['map_filter_rerun']) * 1000:,.0f} ms |"
        )
        add(
            f"\nFirst AppTest run (frame + map page, fills the app's `st.cache_resource` from a "
            f"`load_atlas()` whose lazy imports and caches are already warm in this process): "
            f"{sv['apptest_first_run'] * 1000:,.0f} ms. "
            f"Exceptions: {sv['apptest_exceptions'] or 'none'}.\n"
        )
        add("For reference:\n")
        add(
            f"- `escape_routes.content.load_atlas()` in a fresh interpreter (nothing cached): "
            f"median {_s_ms(sv['load_atlas_cold'])} (imports before it "
            f"{_s_ms(sv['import_cold'])}); called again in the same process "
            f"{_s_ms(sv['load_atlas'][1:] or sv['load_atlas'])}. The app caches it "
            "(`st.cache_resource`), so only the first view after a start or a content edit "
            "pays it. Memory of that fresh process: "
            + ", ".join(f"{k} {v:,.0f} MB" for k, v in sv.get("load_atlas_rss", {}).items())
            + "."
        )
        b = sv["map_build"]
        add(
            "- Building the map for `filters.apply(atlas, Filter())`: "
            + "; ".join(f"{k} {_s_ms(v)}" for k, v in b.items())
            + f". Generated JS: base map {sv['map_js_chars']['base'] / 1e3:,.0f} kB "
            f"(countries GeoJSON {sv['basemap_chars']['countries_json'] / 1e3:,.0f} kB, rivers "
            f"{sv['basemap_chars']['rivers_json'] / 1e3:,.0f} kB), layers "
            f"{sv['map_js_chars']['layers'] / 1e3:,.0f} kB.\n"
        )
        add(
            "Map page rerun after a filter change, by section (median seconds per rerun, "
            "wrapped functions):\n"
        )
        add("| section | ms |")
        add("|---|---:|")
        for k, v in sorted(sv["map_sections"].items(), key=lambda kv: -kv[1]):
            add(f"| `{k}` | {v * 1000:,.1f} |")
        add(
            f"\ncProfile of those {runs} reruns (inside AppTest's script thread), top by "
            "cumulative time (full profile: `bench/out/map-rerun.prof`):\n"
        )
        L.extend(_profile_rows(sv["map_profile"], 22, runs))
        add("\nTop by own time:\n")
        L.extend(_profile_rows(sv["map_profile_own"], 12, runs))
        add("\n`load_atlas()` cold, top by cumulative time (`bench/out/load-atlas-cold.prof`):\n")
        L.extend(_profile_rows(sv["load_atlas_profile"], 12, 1))
        add("")

    # 4 ------------------------------------------------------------------------------
    by = res.get("bytes")
    if by:
        add("## 4. Bytes and requests of a first view of the map page\n")
        add(
            "One fresh context (empty cache), from navigation until the map is drawn plus 2 s. "
            "Counted: every HTTP response that finished (`page.on('requestfinished')`, main page "
            "and the map iframe), body size as transferred (`request.sizes()['responseBodySize']`, "
            "after gzip where the server compresses) and decoded (`response.body()`), response "
            "headers separately; and the websocket's message payloads (`framereceived` / "
            "`framesent`, after permessage-deflate is undone — the wire may be smaller). "
            "Request headers are not counted.\n"
        )
        add("| type | responses | on the wire | decoded |")
        add("|---|---:|---:|---:|")
        for t, (cnt, wire, dec) in sorted(by["by_type"].items(), key=lambda kv: -kv[1][1]):
            add(f"| {t} | {cnt} | {_kb(wire)} | {_kb(dec)} |")
        add(
            f"| **all HTTP** | **{by['requests']}** | **{_kb(by['body_wire'])}** | "
            f"**{_kb(by['body_decoded'])}** |"
        )
        add(f"| response headers | | {_kb(by['headers'])} | |")
        add(f"| websocket received | {by['ws_in'][0]} messages | {_kb(by['ws_in'][1])} | |")
        add(f"| websocket sent | {by['ws_out'][0]} messages | {_kb(by['ws_out'][1])} | |")
        add(
            f"\nCompression seen: {', '.join(by['encodings']) or 'none'}. For comparison the "
            f"export is one file of {_kb(by['export_bytes'])}, one request. Blocked requests: "
            f"{len(by['blocked'])}; errors: {by['errors'] or 'none'}.\n"
        )
        big = sorted(by["rows"], key=lambda r: -r["body_wire"])[:6]
        add(
            "Largest responses: "
            + "; ".join(f"`{r['url'].split('/')[-1][:50]}` {_kb(r['body_wire'])}" for r in big)
            + ".\n"
        )

    # 5 ------------------------------------------------------------------------------
    scen = res.get("concurrent") or {}
    proto = {k: c for k, c in scen.items() if c.get("client") == "protocol"}
    if proto:
        _protocol_section(add, proto, res)
    browsers = res.get("concurrent_browser") or {
        k: c for k, c in scen.items() if c.get("client") != "protocol"
    }
    if browsers:
        _browser_section(add, browsers, res, heading=bool(proto))
    dg = res.get("diagnosis")
    if dg:
        add(f"### 5b. Why: {dg['sessions']} simultaneous first loads, every script run profiled\n")
        who = "protocol clients as in 5" if dg.get("client") == "protocol" else "browser sessions"
        walls = [x["wall"] for x in dg["runs"]]
        cpus = [x["cpu"] for x in dg["runs"]]
        add(
            f"{dg['sessions']} {who} open the map page at the same moment, against a separate "
            "server that profiles each script run (cProfile in the script thread, so the times "
            "are wall times of that thread, including waits for the GIL; profiling itself slows "
            f"it). {len(walls)} map-page runs: wall median {_s_ms(walls)} (min "
            f"{_ms(min(walls, default=math.nan) * 1000)}, max "
            f"{_ms(max(walls, default=math.nan) * 1000)}), CPU of the script thread median "
            f"{_s_ms(cpus)}; loads p50 {_ms(median([x for x in dg['loads'] if x is not None]))}."
            + (f" Errors: {dg['errors']}." if dg.get("errors") else "")
            + "\n"
        )
        if dg.get("own"):
            add(
                "Top own time per script run (averaged over "
                f"{dg['profiled_runs']} profiled runs):\n"
            )
            add("| function | calls/run | own ms/run |")
            add("|---|---:|---:|")
            for name, calls, secs in dg["own"]:
                add(f"| `{name}` | {calls:,.0f} | {secs * 1000:,.0f} |")
            add("")
        if dg.get("app_cum"):
            add("The app's own functions, top by cumulative wall time per script run:\n")
            add("| function | calls/run | cumulative ms/run |")
            add("|---|---:|---:|")
            for name, calls, secs in dg["app_cum"]:
                add(f"| `{name}` | {calls:,.1f} | {secs * 1000:,.0f} |")
            add("")
    sk = res.get("soak")
    if sk and sk.get("client") == "protocol":
        _soak_section(add, sk)

    add("## What limits the missed targets\n")
    add(notes(res))
    add("## Method notes\n")
    add(
        "- Offline: every page has `page.route` / `page.route_web_socket` on a pattern that "
        "matches any http(s)/ws(s) URL whose host is not loopback and aborts it; loopback "
        "requests are not intercepted, so interception adds nothing to the timings. All requests "
        "are also watched; a non-loopback one that was not aborted would count as an error. "
        "The protocol clients (5, 5b, 6) refuse any address but `http://127.0.0.1:PORT`."
    )
    add(
        "- Times are epoch-based high-resolution browser times (`performance.timeOrigin + "
        "performance.now()`) from a 15 ms poll installed with `add_init_script` in the top "
        "document that also looks into the same-origin map iframe (Chromium reuses the iframe's "
        "initial about:blank window, so a script inside the iframe would watch the wrong "
        "document). Resolution is therefore ~15 ms."
    )
    add("- Raw figures: `bench/out/results.json`; server log `bench/out/server-bench.log`.")
    return "\n".join(L) + "\n"


def notes(res: dict) -> str:
    """Short, figure-backed notes for each missed target."""
    out = []
    rows = targets(res)
    sv = res.get("server") or {}
    sec = sv.get("map_sections", {})
    stf = sec.get("streamlit_folium.st_folium", math.nan)
    rerun = median(sv.get("map_filter_rerun", [])) * 1000 if sv else math.nan
    missed = [r for r in rows if r[3] is False]
    if not missed:
        return "All targets with a threshold were met.\n"
    ld = res.get("load")
    by = res.get("bytes") or {}
    if ld and ld["app"] and any(r[0].startswith("1.") for r in missed):
        ph = {
            k: median([p[k] for p in ld["phases"] if p.get(k) is not None] or [math.nan])
            for k in ld["phases"][0]
        }
        out.append(
            f"- **Load ratio.** The export draws in {median(ld['export']):,.0f} ms from one "
            f"local file. The app first boots Streamlit's frontend — "
            f"{by.get('requests', '?')} responses, {_kb(by.get('body_wire', 0))}, nearly all "
            f"JavaScript chunks — and is up at "
            f"~{ph['app frame up (script state shown)']:,.0f} ms; the first script run ends at "
            f"~{ph['first script run done']:,.0f} ms; the map iframe is attached at "
            f"~{ph['map iframe attached']:,.0f} ms and then fetches its own bundle, Leaflet and "
            f"jQuery and evaluates a "
            f"~{sv.get('map_js_chars', {}).get('base', 0) / 1e3:,.0f} kB base-map script "
            f"(the basemap itself is fetched as a separate, cached static file) plus "
            f"~{sv.get('map_js_chars', {}).get('layers', 0) / 1e3:,.0f} kB of layers before the "
            f"paths appear at ~{ph['paths drawn']:,.0f} ms. A repeat visit (cache warm) takes "
            f"{median(ld['app_repeat']):,.0f} ms. The Streamlit boot is a floor the app cannot "
            "remove; it can shorten the script run (see the next note) and the map script."
        )
    if any(r[0].startswith("2. Filter change") for r in missed):
        fl = res.get("filter", {}).get("changes", [])
        ws = median([x["ws_in_bytes"] or 0 for x in fl]) if fl else math.nan
        out.append(
            f"- **Filter change.** The layers are swapped without reloading the iframe; the "
            f"time is the server rerun. The map page reruns in {rerun:,.0f} ms (AppTest), of "
            f"which `st_folium` takes {stf * 1000:,.0f} ms: streamlit-folium renders the *whole* "
            "map on every rerun (`get_root().render()`, `_get_map_string`), runs `get_bounds()` "
            "over every coordinate of the countries GeoJSON (`folium/utilities.py iter_coords`), "
            "JSON-encodes it again, and renders each of the small per-segment and per-place "
            "`GeoJson` layers with their `Tooltip`/`Popup`, compiling Jinja templates each time "
            f"(`jinja2 … compile` in the profile; ~{sv.get('urandom_per_rerun', 0):,.0f} branca "
            "elements, i.e. `uuid4()` ids, per rerun). The rerun then sends "
            f"~{_kb(ws)} over the websocket although only the layers changed."
        )
    scen = res.get("concurrent") or {}
    proto = {k: c for k, c in scen.items() if c.get("client") == "protocol"}
    browsers = res.get("concurrent_browser") or {
        k: c for k, c in scen.items() if c.get("client") != "protocol"
    }
    dg = res.get("diagnosis") or {}
    urandom = next((x for x in dg.get("own", []) if "urandom" in x[0]), None)
    if proto and any(
        r[0].startswith("5. ") and ("p95" in r[0] or "errors" in r[0]) for r in missed
    ):
        parts = []
        for c in proto.values():
            cpu = c["cpu"]["server"]
            parts.append(
                f"{_how(c)}: {cpu:,.1f} CPU s of the server for {c['sessions']} sessions "
                f"(≈{cpu / max(c['sessions'], 1) * 1000:,.0f} ms each: a first run, two "
                f"reruns, the websocket and HTTP) within {c['wall_s']:,.0f} s; map runs "
                f"median {_s_ms(c['script_wall'])} wall vs {_s_ms(c['script_cpu'])} CPU of "
                "their own thread"
            )
        text = (
            "- **Concurrent sessions (protocol clients).** No browser runs during 5, so this "
            "is the server alone — " + "; ".join(parts) + ". All sessions share one Python "
            "process: the script threads, the event loop that serializes and sends the "
            "messages and the websocket handling take turns on one GIL, so runs that start "
            "together finish together, each taking about as long as all of them."
        )
        al = next((c["alone"] for c in proto.values() if c.get("alone")), None)
        if al:
            n = next(iter(proto.values()))["sessions"]
            text += (
                f" One session alone loads in {_ms(al['load_ms'])} and changes a filter in "
                f"{_ms(al['filter_ms'])}, and costs the server "
                f"{al['server_cpu_s'] * 1000:,.0f} ms CPU; {n} of them need "
                f"≈{al['server_cpu_s'] * n:,.1f} s of CPU from one interpreter that uses "
                "about one core (see the CPU rows). Roughly, for all of them arriving at once "
                f"to be served within 2 s the server could spend ≈{2000 / n:,.0f} ms CPU per "
                "session; spread over 30 s, the same sessions rarely overlap and stay fast."
            )
        b = proto.get("burst")
        sp = proto.get("spread")
        if b and b.get("sections"):
            top = list(b["sections"].items())[:2]
            quiet = (sp or {}).get("sections", {})
            text += (
                " Under the burst, a map run's largest sections (median wall) are "
                + " and ".join(
                    f"`{k}` {v * 1000:,.0f} ms"
                    + (f" ({quiet[k] * 1000:,.0f} ms in the spread scenario)" if k in quiet else "")
                    for k, v in top
                )
                + "."
            )
        app = dg.get("app_cum") or []
        fp = next((x for x in app if "_fingerprint" in x[0]), None)
        if fp:
            text += (
                f" In the profiled simultaneous first loads (5b) the app's `{fp[0]}` takes "
                f"{fp[2] * 1000:,.0f} ms of a run's wall time ({fp[1]:,.1f} calls per run; a "
                "session's first run lists the content and geodata folders and stats every "
                "file): each system call "
                "releases the GIL and getting it back waits on the other busy threads, so under "
                "load such file-system checks cost far more than their CPU time."
            )
        nw = res.get("concurrent_nowatch")
        if nw and "burst" in proto:
            b = proto["burst"]
            text += (
                " Streamlit's file watcher (left at `auto` by the app's config) adds to this: "
                f"with it off, the burst's server CPU falls from {b['cpu']['server']:,.1f} s "
                f"to {nw['cpu']['server']:,.1f} s (main thread "
                f"{b['server_threads']['main thread']:,.1f} → "
                f"{nw['server_threads']['main thread']:,.1f} s) and load p50 from "
                f"{_ms(b['load_p50'])} to {_ms(nw['load_p50'])}."
            )
        errs = [c for c in proto.values() if c["errors"]]
        if errs:
            text += " Errors: " + "; ".join(
                f"{_how(c)} {c['errors_by_kind']} (first: `{c['error_samples'][0]}`)"
                for c in errs
                if c["error_samples"]
            )
            text += "."
        if urandom:
            text += (
                f" In the profiled runs (5b) `{urandom[0]}` took {urandom[2] * 1000:,.0f} ms "
                f"of a run's wall time over {urandom[1]:,.0f} calls: `uuid.uuid4()` ids for "
                "folium/branca elements; CPython releases the GIL around `getrandom`, so each "
                "is a point where the thread can lose the GIL to the other busy threads."
            )
        text += (
            " What the app can change: less work per run (3: `st_folium` renders the whole "
            "map and its arguments on every rerun) and fewer bytes per run (see the messages "
            "row)."
        )
        out.append(text)
    if browsers and any(r[0].startswith(("5c.", "5. ")) and "p95" in r[0] for r in missed):
        worst = max(browsers.values(), key=lambda c: c["cpu_share"]["ours_s"], default=None)
        if worst and worst.get("cpu_share"):
            cs = worst["cpu_share"]
            per = (cs["ours_s"] - worst["cpu"]["server"] - worst["cpu"]["bench"]) / max(
                worst["sessions"], 1
            )
            out.append(
                f"- **Browser sessions (5c).** The browsers take ≈{per:,.1f} CPU s per session "
                "(Streamlit's frontend, the map iframe) on the same 2 cores as the server: "
                f"{cs['ours_s'] - worst['cpu']['server'] - worst['cpu']['bench']:,.0f} CPU s "
                f"against the server's {worst['cpu']['server']:,.0f} s ({worst['name']}). "
                "The machine is saturated by the clients, which is why 5 uses protocol "
                "clients; a real class has one machine per user."
            )
    grow = []
    for c in list(proto.values()) + list(browsers.values()):
        g = c["rss_after"] - c["rss_before"]
        if g >= RSS_GROWTH_MAX_MB:
            who = "protocol sessions" if c.get("client") == "protocol" else "browser sessions"
            grow.append(f"+{g:,.0f} MB for {c['sessions']} {who} {_how(c)}")
    sk = res.get("soak")
    if sk and sk["rss_after"] - sk["rss_before"] >= RSS_GROWTH_MAX_MB:
        grow.append(f"+{sk['rss_after'] - sk['rss_before']:,.0f} MB over the soak")
    if grow:
        out.append(
            "- **Memory.** "
            + "; ".join(grow)
            + ", measured 5 s after the last session closed, while Streamlit still keeps the "
            "disconnected sessions (`server.disconnectedSessionTTL` = 120 s) with their "
            "session state and last messages. What a session holds was not broken down."
        )
    return "\n".join(out) + "\n"


def _browser_section(add, scen: dict, res: dict, heading: bool) -> None:
    """5 (old runs) or 5c: concurrent sessions driven by real browsers."""
    first = next(iter(scen.values()))
    if heading:
        add(f"### 5c. For reference: {first['sessions']} concurrent browser sessions\n")
        add(
            "Run with `--browser-sessions`; not the measurement behind the figures of 5. "
            "The browsers and the server share this machine's cores, and the browsers take "
            "most of them (see the CPU row).\n"
        )
    else:
        add(f"## 5. {first['sessions']} concurrent sessions (browsers)\n")
    add(
        f"{first['sessions']} browser contexts in one Chromium, driven by async Playwright "
        "from one event loop. Each loads the map page (cold cache) and then picks two risks, "
        "as in 2; latencies are measured in the browser as in 1 and 2. *At once*: all "
        "start at the same moment (a class opening the link together); *over N s*: they "
        "arrive evenly spread. Each scenario runs on a freshly started server, warmed by one "
        "view. A wait longer than 120 s is a timeout (an error) and counts as longer than "
        "any measured latency. Server RSS is VmRSS of the Streamlit process from /proc "
        "(psutil is not installed); *after* is 5 s after the last context closed "
        "(Streamlit keeps a disconnected session up to `server.disconnectedSessionTTL` = "
        "120 s). Script runs: as logged by the instrumented server (wall vs CPU time of the "
        "script thread).\n"
    )
    add(
        "| figure | "
        + " | ".join(
            "at once" if not c["spread_s"] else f"over {c['spread_s']:.0f} s" for c in scen.values()
        )
        + " |"
    )
    add("|---|" + "---|" * len(scen))

    def row(label, fn):
        add(f"| {label} | " + " | ".join(fn(c) for c in scen.values()) + " |")

    row(
        "load to map p50 / p95 / max (n)",
        lambda c: (
            f"{_ms(c['load_p50'])} / {_ms(c['load_p95'])} / "
            f"{_ms(max(c['loads'], default=math.nan))} ({len(c['loads'])})"
        ),
    )
    row(
        "filter to update p50 / p95 / max (n)",
        lambda c: (
            f"{_ms(c['filter_p50'])} / {_ms(c['filter_p95'])} / "
            f"{_ms(max(c['filters'], default=math.nan))} ({len(c['filters'])})"
        ),
    )
    row(
        "errors: console / page / timeouts (of which loads)",
        lambda c: (
            f"{c['console_errors']} / {c['page_errors']} / {c['timeouts']} ({c['load_timeouts']})"
        ),
    )
    row("blocked off-machine requests", lambda c: f"{c['blocked']}")
    row("map iframe reloads / lost clicks", lambda c: f"{c['reloads']} / {c['lost_clicks']}")
    row(
        "server RSS before / peak / right after / +5 s",
        lambda c: (
            f"{c['rss_before']:,.0f} / {c['rss_peak']:,.0f} / {c['rss_after_close']:,.0f} / "
            f"{c['rss_after']:,.0f} MB"
        ),
    )
    row(
        "script runs: n, median wall / CPU",
        lambda c: f"{c['script_runs']}, {_s_ms(c['script_wall'])} / {_s_ms(c['script_cpu'])}",
    )
    row(
        "CPU seconds: server / Chromium + Playwright driver / bench process / other work "
        "on the machine; available (2 cores × wall)",
        lambda c: (
            f"{c['cpu']['server']:,.0f} / "
            f"{c['cpu_share']['ours_s'] - c['cpu']['server'] - c['cpu']['bench']:,.0f} / "
            f"{c['cpu']['bench']:,.0f} / "
            f"{max(0.0, c['cpu_share']['machine_busy_s'] - c['cpu_share']['ours_s']):,.0f}; "
            f"{c['cpu_share']['machine_total_s']:,.0f}"
        ),
    )
    row("wall time of the scenario", lambda c: f"{c['wall_s']:,.0f} s")
    rss = (res.get("server") or {}).get("load_atlas_rss", {})
    if rss:
        add(
            f"\nFor scale: a fresh Python process holds "
            f"{rss.get('after load_atlas()', math.nan):,.0f} MB after `load_atlas()` "
            f"({rss.get('after imports', math.nan):,.0f} MB before it); the GeoNames "
            f"cities500 table that the coordinate check reads takes "
            f"{rss.get('geonames cities500 table alone', math.nan):,.0f} MB loaded alone, "
            "and `escape_routes/checks.py` keeps it for the life of the process "
            "(`@lru_cache` on `_geonames()`)."
        )
    for c in scen.values():
        if c["error_samples"]:
            add(
                f"\nFirst errors ({c['name']}): "
                + "; ".join(f"`{e}`" for e in c["error_samples"][:4])
            )
    add("")


def _protocol_section(add, scen: dict, res: dict) -> None:
    """5: concurrent sessions of clients that speak Streamlit's websocket protocol."""
    first = next(iter(scen.values()))
    n = first["sessions"]
    exp = res.get("expected_summaries") or []
    picks = first.get("picks") or [p[0] for p in res.get("picks", [])]
    add(f"## 5. {n} concurrent sessions (protocol clients)\n")
    add(
        f"**These figures come from `bench/protocol.py`**: {n} clients in the bench process "
        "(one asyncio loop) that speak Streamlit's own websocket protocol as the frontend does, "
        "instead of browsers — 30 Chromium contexts on this 2-core machine take most of the "
        "CPU themselves, so the browser version measured the browsers (with "
        "`--browser-sessions` it still runs, as 5c). Each client: `GET /_stcore/health` (sets "
        "the `_streamlit_xsrf` cookie) and `GET /_stcore/host-config`; a websocket to "
        "`/_stcore/stream` with the subprotocols `streamlit` + XSRF token, the cookie and a "
        "same-origin `Origin`; binary frames, one protobuf each (`BackMsg` up, `ForwardMsg` "
        "down). Nothing runs until the client sends `BackMsg.rerun_script` with a `ClientState` "
        "(query string of `/`, empty page hash = the default page, no widget states, a "
        "`context_info` with time zone, locale and URL); a run ends with "
        "`ForwardMsg.script_finished` (`FINISHED_SUCCESSFULLY`).\n"
    )
    add(
        "Per session: *load* = from the first HTTP request to the `script_finished` of the "
        "first run (the map page); then two *filter changes*, each timed from sending a "
        "`rerun_script` to its `script_finished`: the *Risks* multiselect's widget id, read "
        "from the first run's `multiselect` delta (the id ending in `-f_risks`), sent in "
        "`WidgetStates` as `string_array_value` = the chosen options' labels ("
        + " then ".join(
            f"[{', '.join(repr(x) for x in picks[: i + 1])}]" for i in range(len(picks))
        )
        + "), with the page hash of the last `navigation` message and the query string of the "
        "last `page_info_changed` (the address bar). Each change is checked: the streamlit-folium "
        "component's `feature_group` argument (in its `json_args`) must differ from the "
        "previous run's, and the caption's *Showing …* must change and equal what "
        "`filters.apply` gives ("
        + " → ".join(f"“{x}”" for x in exp)
        + "). Errors: a connection that fails, a script exception (an `exception` element, a "
        "compile error, a run not `FINISHED_SUCCESSFULLY`), a step over 30 s (a timeout, "
        "counted as longer than any measured latency), a change without effect or with the "
        "wrong caption.\n"
    )
    add(
        "Cached messages: in Streamlit 1.67 the message cache lives in the client; a delta "
        "of ≥ 10 kB is `cacheable`, the client lists the hashes it holds in "
        "`ClientState.cached_message_hashes`, and the server then sends such a message only "
        "as a `ref_hash` that the client resolves from its cache (there is no "
        "`/_stcore/message` endpoint any more). A new session holds nothing, so its first run "
        "arrives inline; the clients keep the cache as the frontend does (expiry after "
        "`max_cached_message_age` runs) and count the references.\n"
    )
    add(
        "Not in these figures: the frontend's static files (~130 responses, see 4), the map "
        "iframe and drawing the map in a browser (1 and 2 measure those for one user). *At "
        "once*: all sessions start together; *over N s*: evenly spread arrivals. Each scenario "
        "runs on a freshly started server warmed by one session. RSS = VmRSS of the server "
        "process from /proc, sampled every 0.5 s; *+5 s* is 5 s after the last session closed "
        "(Streamlit keeps a disconnected session up to `server.disconnectedSessionTTL` = "
        "120 s). Script runs: as logged by the instrumented server (wall vs CPU time of the "
        "script thread).\n"
    )
    add("| figure | " + " | ".join(_how(c) for c in scen.values()) + " |")
    add("|---|" + "---|" * len(scen))

    def row(label, fn):
        add(f"| {label} | " + " | ".join(fn(c) for c in scen.values()) + " |")

    row(
        "load p50 / p95 / max (n)",
        lambda c: (
            f"{_ms(c['load_p50'])} / {_ms(c['load_p95'])} / "
            f"{_ms(max(c['loads'], default=math.nan))} ({len(c['loads'])})"
        ),
    )
    row(
        "filter change p50 / p95 / max (n)",
        lambda c: (
            f"{_ms(c['filter_p50'])} / {_ms(c['filter_p95'])} / "
            f"{_ms(max(c['filters'], default=math.nan))} ({len(c['filters'])})"
        ),
    )
    row(
        "for comparison, one session alone (median of 3 before the scenario): load / filter "
        "change; server CPU per session",
        lambda c: (
            (
                f"{_ms(c['alone']['load_ms'])} / {_ms(c['alone']['filter_ms'])}; "
                f"{c['alone']['server_cpu_s'] * 1000:,.0f} ms"
            )
            if c.get("alone")
            else "–"
        ),
    )
    row(
        "HTTP + websocket open, median; first message after the load request, median",
        lambda c: f"{_ms(median(c['connects']))}; {_ms(c.get('first_msg_load'))}",
    )
    row(
        "errors: connect / exception / timeout / no effect / wrong caption",
        lambda c: " / ".join(
            str(c["errors_by_kind"][k])
            for k in ("connect", "exception", "timeout", "no effect", "check")
        ),
    )
    row(
        "sessions completed; filter changes verified",
        lambda c: f"{c['completed']} of {c['sessions']}; {c['verified_filters']}",
    )
    row(
        "per load: messages, received (median)",
        lambda c: f"{c['msgs_per_load']:,.0f}, {_kb(c['bytes_per_load'])}",
    )
    row(
        "per filter change: messages, received, of which cached refs (median); refs in all",
        lambda c: (
            f"{c['msgs_per_filter']:,.0f}, {_kb(c['bytes_per_filter'])}, "
            f"{c['refs_per_filter']:,.1f}; {c['refs']} ({c['refs_missing']} unresolved)"
        ),
    )
    row(
        "server RSS before / peak / right after / +5 s",
        lambda c: (
            f"{c['rss_before']:,.0f} / {c['rss_peak']:,.0f} / {c['rss_after_close']:,.0f} / "
            f"{c['rss_after']:,.0f} MB"
        ),
    )
    row(
        "script runs: n, median wall / CPU",
        lambda c: f"{c['script_runs']}, {_s_ms(c['script_wall'])} / {_s_ms(c['script_cpu'])}",
    )
    row(
        "CPU seconds: server / bench (all clients) / other work on the machine; available "
        "(cores × wall)",
        lambda c: (
            f"{c['cpu']['server']:,.1f} / {c['cpu']['bench']:,.1f} / "
            f"{max(0.0, c['cpu_share']['machine_busy_s'] - c['cpu_share']['ours_s']):,.1f}; "
            f"{c['cpu_share']['machine_total_s']:,.0f}"
        ),
    )
    row(
        "map runs, largest wrapped sections (median wall per run)",
        lambda c: (
            ", ".join(
                f"`{k}` {v * 1000:,.0f} ms" for k, v in list(c.get("sections", {}).items())[:4]
            )
            or "–"
        ),
    )
    row(
        "server CPU: main thread (event loop: HTTP, websockets, sending) / other threads "
        "(script runs, file watcher)",
        lambda c: (
            f"{c['server_threads']['main thread']:,.1f} / "
            f"{c['server_threads']['other threads']:,.1f} s"
        ),
    )
    row(
        "clients' own event-loop lag p95 / max (they must not be the bottleneck)",
        lambda c: f"{_ms(c['client_loop_lag_ms']['p95'])} / {_ms(c['client_loop_lag_ms']['max'])}",
    )
    row("wall time of the scenario", lambda c: f"{c['wall_s']:,.0f} s")
    add("")
    nw = res.get("concurrent_nowatch")
    if nw:
        base = scen.get("burst") or first
        add(
            "What-if, not a target figure: the same burst on a server started with "
            "`STREAMLIT_SERVER_FILE_WATCHER_TYPE=none` (the app's `.streamlit/config.toml` "
            "sets `runOnSave = false` but leaves `server.fileWatcherType` at `auto`, so each "
            "session watches the app's source files): load p50 / p95 "
            f"{_ms(nw['load_p50'])} / {_ms(nw['load_p95'])} (with the watcher "
            f"{_ms(base['load_p50'])} / {_ms(base['load_p95'])}), filter change p50 / p95 "
            f"{_ms(nw['filter_p50'])} / {_ms(nw['filter_p95'])} (with "
            f"{_ms(base['filter_p50'])} / {_ms(base['filter_p95'])}); server CPU "
            f"{nw['cpu']['server']:,.1f} s, of which main thread "
            f"{nw['server_threads']['main thread']:,.1f} s (with "
            f"{base['cpu']['server']:,.1f} s / {base['server_threads']['main thread']:,.1f} s); "
            f"errors {nw['errors']}.\n"
        )
    for c in scen.values():
        if c["error_samples"]:
            add(
                f"First errors ({c['name']}): "
                + "; ".join(f"`{e}`" for e in c["error_samples"][:4])
            )
            add("")


def _soak_section(add, sk: dict) -> None:
    add(f"## 6. Soak: {sk['users']} protocol users for {sk['duration_s'] / 60:.1f} minutes\n")
    add(
        f"Each user runs sessions as in 5 (load, two picks, {sk['think_s']:g} s pause between "
        f"steps), closes it, pauses {sk['think_s']:g} s and starts a new one until the time is "
        "up; arrivals spread over the first 30 s. One freshly started server, warmed by one "
        "session.\n"
    )
    k = sk["errors_by_kind"]
    add(
        f"- sessions: {sk['rounds']} ({sk['completed']} completed), filter changes verified: "
        f"{sk['verified_filters']}; errors: {sk['errors']} (connect {k['connect']}, exception "
        f"{k['exception']}, timeout {k['timeout']}, no effect {k['no effect']}, wrong caption "
        f"{k['check']})"
    )
    add(
        f"- load p50 / p95: {_ms(sk['load_p50'])} / {_ms(sk['load_p95'])}; filter change "
        f"p50 / p95: {_ms(sk['filter_p50'])} / {_ms(sk['filter_p95'])}"
    )
    add(
        f"- script runs: {sk['script_runs']}, median wall {_s_ms(sk['script_wall'])} / CPU "
        f"{_s_ms(sk['script_cpu'])}; server CPU {sk['cpu']['server']:,.0f} s, bench (clients) "
        f"{sk['cpu']['bench']:,.0f} s in {sk['duration_s']:,.0f} s"
    )
    add(
        f"- server RSS: before {sk['rss_before']:,.0f} MB, peak {sk['rss_peak']:,.0f} MB, right "
        f"after {sk['rss_after_close']:,.0f} MB, +5 s {sk['rss_after']:,.0f} MB; over time: "
        + ", ".join(f"{t:.0f} s {m:,.0f} MB" for t, m in sk["rss_samples"])
    )
    if sk["error_samples"]:
        add("- first errors: " + "; ".join(f"`{e}`" for e in sk["error_samples"][:4]))
    add("\n| minute | sessions finished | errors | load p95 | filter change p95 |")
    add("|---:|---:|---:|---:|---:|")
    for m, v in sk["per_minute"].items():
        add(
            f"| {int(m) + 1} | {v['sessions']} | {v['errors']} | {_ms(v['load_p95'])} | "
            f"{_ms(v['filter_p95'])} |"
        )
    add("")
