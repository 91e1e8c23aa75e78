"""``streamlit run`` with every script run timed, for the benchmarks (the app is not changed).

    python bench/instrumented_server.py LOG.jsonl app.py [streamlit options...]

Wraps, in this process only, Streamlit's one function that executes a page script
(``exec_func_with_error_handling``) and the functions of :data:`bench.serverside.SECTIONS`, and
appends one JSON line per script run to LOG: start (epoch s), wall seconds, CPU seconds of the
script thread (``time.thread_time``: wall ≫ CPU means the run waited, e.g. for the GIL), the
page, the session, and seconds per section. With ``BENCH_PROFILE_DIR`` set, each script run is
also profiled (cProfile, that thread only) to a file there — slower; only for diagnosis.
"""

from __future__ import annotations

import cProfile
import importlib
import json
import os
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def install(log_path: Path) -> None:
    """Wrap the script runner now; the page and section wrappers at the first script run.

    Nothing of the app (nor streamlit_folium) is imported before the server runs: a component
    declared before the runtime exists is not served, and the map would never appear.
    """
    from streamlit.runtime.scriptrunner import script_runner

    local = threading.local()
    lock = threading.Lock()
    out = log_path.open("a", buffering=1)
    prof_dir = os.environ.get("BENCH_PROFILE_DIR")
    counter = [0]
    ready = []

    def timed(fn, name):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                acc = getattr(local, "sections", None)
                if acc is not None:
                    acc[name] += time.perf_counter() - t

        return wrapper

    def wrap_app() -> None:
        from streamlit.navigation.page import StreamlitPage

        from bench.serverside import SECTIONS

        for mod_name, attr in SECTIONS:
            mod = importlib.import_module(mod_name)
            setattr(mod, attr, timed(getattr(mod, attr), f"{mod_name.split('.')[-1]}.{attr}"))
        page_run = StreamlitPage.run

        def run_page(self):
            local.page = self.url_path or "map"
            return page_run(self)

        StreamlitPage.run = run_page

    original = script_runner.exec_func_with_error_handling

    def exec_timed(func, ctx):
        with lock:
            if not ready:
                wrap_app()
                ready.append(True)
        local.sections = defaultdict(float)
        local.page = None
        prof = cProfile.Profile() if prof_dir else None
        t0, w0, c0 = time.time(), time.perf_counter(), time.thread_time()
        if prof:
            prof.enable()
        try:
            return original(func, ctx)
        finally:
            if prof:
                prof.disable()
            rec = {
                "t0": t0,
                "wall": time.perf_counter() - w0,
                "cpu": time.thread_time() - c0,
                "page": local.page,
                "session": getattr(ctx, "session_id", "")[:8],
                "sections": dict(local.sections),
            }
            local.sections = None
            with lock:
                out.write(json.dumps(rec) + "\n")
                counter[0] += 1
                if prof:
                    prof.dump_stats(str(Path(prof_dir) / f"run-{counter[0]:04d}.prof"))

    script_runner.exec_func_with_error_handling = exec_timed


def main() -> None:
    log_path = Path(sys.argv[1])
    install(log_path)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *sys.argv[2:]]
    cli.main()


if __name__ == "__main__":
    main()
