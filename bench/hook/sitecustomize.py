"""Times every Streamlit script run, for the benchmarks; the app itself is not changed.

The bench puts this folder on ``PYTHONPATH`` of the servers it starts (``streamlit run`` or the
workers of ``deploy/serve.py``) with ``BENCH_RUNS_DIR`` set. Python then imports this module at
start-up, which wraps Streamlit's one function that executes a script and appends one JSON line
per run to ``BENCH_RUNS_DIR/runs-<pid>.jsonl``: start (epoch s), wall and CPU seconds of the
script thread (wall much longer than CPU: the run waited, e.g. for the GIL) and the page. With
``BENCH_PROFILE=1`` each run is also profiled (cProfile, that thread) into the same folder.
Nothing of the app is imported here: a component declared before the runtime exists is not served.
"""

from __future__ import annotations

import os

if os.environ.get("BENCH_RUNS_DIR"):
    import cProfile
    import json
    import threading
    import time
    from pathlib import Path

    from streamlit.runtime.scriptrunner import script_runner

    _dir = Path(os.environ["BENCH_RUNS_DIR"])
    _log = (_dir / f"runs-{os.getpid()}.jsonl").open("a", buffering=1)
    _lock = threading.Lock()
    _local = threading.local()
    _original = script_runner.exec_func_with_error_handling

    def _page_run(run):
        def wrapper(self):
            _local.page = self.url_path or "map"
            return run(self)

        return wrapper

    def _exec_timed(func, ctx):
        from streamlit.navigation.page import StreamlitPage

        if not hasattr(StreamlitPage.run, "__wrapped_by_bench__"):
            StreamlitPage.run = _page_run(StreamlitPage.run)
            StreamlitPage.run.__wrapped_by_bench__ = True
        _local.page = None
        prof = cProfile.Profile() if os.environ.get("BENCH_PROFILE") else None
        t0, w0, c0 = time.time(), time.perf_counter(), time.thread_time()
        if prof:
            prof.enable()
        try:
            return _original(func, ctx)
        finally:
            if prof:
                prof.disable()
            rec = {"t0": t0, "wall": time.perf_counter() - w0, "cpu": time.thread_time() - c0}
            rec["page"], rec["pid"] = _local.page, os.getpid()
            with _lock:
                _log.write(json.dumps(rec) + "\n")
                if prof:
                    prof.dump_stats(str(_dir / f"run-{os.getpid()}-{t0:.6f}.prof"))

    script_runner.exec_func_with_error_handling = _exec_timed
