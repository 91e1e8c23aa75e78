"""Server-side figures without a browser: AppTest runs per page, the map's build, the loader.

Run in the bench process, except the cold loads (the check, and a server's read of the compiled
atlas), which need fresh interpreters.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import defaultdict

from bench.measure import med
from testkit.servers import REPO

COLD = """
import json, time, psutil
p = psutil.Process(); t = time.perf_counter()
{imports}
t1 = time.perf_counter(); r1 = p.memory_info().rss
{load}; t2 = time.perf_counter()
print(json.dumps([t1 - t, t2 - t1, r1 / 2**20, p.memory_info().rss / 2**20]))
"""
#: The check (the validator: what ``compile`` runs, outside the server) and what a server
#: process does instead (reads the compiled atlas, fresh here).
LOADS = {
    "check": ("from escape_routes.rules.validator import load_atlas", "load_atlas()"),
    "server": (
        "from escape_routes.content import compiled\nfrom escape_routes.content.paths import Paths",
        "compiled.load(Paths.default())",
    ),
}


def cold_load(runs: int) -> dict:
    """In fresh interpreters, the imports and the first load of the check and of a server
    process (its compiled atlas), and their memory."""
    subprocess.run([sys.executable, "-m", "escape_routes", "compile", "--quiet"], cwd=REPO,
                   check=True, capture_output=True, timeout=300)  # fmt: skip
    out = {}
    for name, (imports, load) in LOADS.items():
        code = COLD.format(imports=imports, load=load)
        rows = []
        for _ in range(runs):
            res = subprocess.run(
                [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
            )
            rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
        out[name] = {
            "import_ms": med([r[0] * 1000 for r in rows]),
            "load_ms": med([r[1] * 1000 for r in rows]),
            "rss_imports_mb": rows[-1][2],
            "rss_loaded_mb": rows[-1][3],
        }
    return out


STEPS = """
import importlib, json, sys, psutil
p, rows = psutil.Process(), []
def step(name, *modules):
    for m in modules:
        importlib.import_module(m)
    rows.append([name, p.memory_info().rss / 2**20, "pandas" in sys.modules])
step("Python")
step("Streamlit", "streamlit", "streamlit.web.server")
step("numpy", "numpy")
step("folium, through the map room", "escape_routes.map")
step("pyarrow (every component call imports it)", "pyarrow")
step("streamlit-folium and the map page's modules", "streamlit_folium", "escape_routes.ui.frame",
     "escape_routes.ui.map_adapter", "escape_routes.ui.panels", "escape_routes.ui.routes_table",
     "escape_routes.ui.downloads")
from escape_routes.content import compiled
from escape_routes.content.paths import Paths
compiled.load(Paths.default())
step("the compiled atlas, loaded")
step("pandas (a page with a table or a chart)", "pandas")
print(json.dumps(rows))
"""


def import_steps() -> list[list]:
    """A fresh interpreter importing what a server process does, in its order: RSS (MB) after
    each step, and whether pandas is imported by then."""
    res = subprocess.run([sys.executable, "-c", STEPS], cwd=REPO, capture_output=True, text=True,
                         timeout=120, check=True)  # fmt: skip
    return json.loads(res.stdout.strip().splitlines()[-1])


def _elements(el) -> int:
    return 1 + sum(_elements(c) for c in getattr(el, "_children", {}).values())


def map_build(runs: int) -> dict:
    """What building the map page's map costs (its spec as pages/map_page.py makes it, through
    the map adapter), by stage, and how many folium elements and characters of JavaScript it
    makes."""
    from escape_routes.content.derived import derived
    from escape_routes.content.paths import Paths
    from escape_routes.map import assets
    from escape_routes.map.build import build_map
    from escape_routes.map.spec import MapSpec
    from escape_routes.rules.validator import load_atlas
    from escape_routes.ui.map_adapter import CLICKS, component_args

    atlas = load_atlas()
    derived(atlas).prepare()  # as the compiled atlas a server loads holds it
    urls = assets.publish_basemap(Paths.default().geodata, assets.static_dir())
    spec = MapSpec.of(atlas, basemap_urls=tuple(sorted(urls.items())), clicks=True)
    stages = defaultdict(list)
    for _ in range(runs):
        t = [time.perf_counter()]
        parts = build_map(atlas, spec)
        t.append(time.perf_counter())
        args = component_args(parts, CLICKS)
        t.append(time.perf_counter())
        for name, a, b in zip(
            ["build_map", "to the component's arguments"], t, t[1:], strict=False
        ):
            stages[name].append((b - a) * 1000)
        stages["total"].append((t[-1] - t[0]) * 1000)
    return {
        "ms": {k: med(v) for k, v in stages.items()},
        "elements": {
            "base map": _elements(parts.base),
            "layers": sum(_elements(g) for g in parts.groups),
        },
        "js_kb": {
            "base map": len(args["script"]) / 1e3,
            "layers": len(args["feature_group"]) / 1e3,
        },
    }


def apptest(runs: int) -> dict:
    """Median ``AppTest.run()`` per page, and of the map page's rerun after a filter change."""
    from streamlit.testing.v1 import AppTest

    from escape_routes.rules.validator import load_atlas
    from escape_routes.ui import keys as K
    from escape_routes.ui import pages

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    t = time.perf_counter()
    at.run()
    out: dict = {"first_run_ms": (time.perf_counter() - t) * 1000, "pages": {}}
    risks = list(load_atlas().risks)
    ts = []
    for i in range(runs):  # the frame and the map page, a risk picked (one per AppTest: after
        fresh = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)  # a rerun, AppTest
        fresh.run()  # no longer lists the sidebar's widgets)
        box = fresh.multiselect(key=K.RISKS).set_value([risks[i % len(risks)]])
        t = time.perf_counter()
        box.run()
        ts.append((time.perf_counter() - t) * 1000)
    out["map_filter_rerun_ms"] = med(ts)
    for spec in pages.ALL:  # each page's script (AppTest's switch_page runs it without app.py)
        at.switch_page(spec.script).run()
        ts = []
        for _ in range(runs):
            t = time.perf_counter()
            at.run()
            ts.append((time.perf_counter() - t) * 1000)
        out["pages"][spec.url_path or "map"] = med(ts)
    out["exceptions"] = [str(e.value)[:200] for e in at.exception]
    return out
