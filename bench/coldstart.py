"""A server process from its start to its first sessions: this commit against a base commit.

Both are measured in this one run, the same way, with the same interpreter and packages; the
base from a temporary ``git worktree`` of BASE (``--base``; by default the commit the current
round of work started from), removed afterwards. For each, RUNS fresh ``streamlit run app.py``
processes, interleaved (base, this, base, this, ...), after one round not counted (it writes
each tree's bytecode cache):

- *start*: spawn to ``/_stcore/health`` answering (imports, the server up);
- *first session*: ``app.py`` run once (``escape_routes.warmup``, as ``make run`` does after
  the start; the process's first script run, in which it loads the content);
- *first visitor*: then one session as in section 5 (the map page, two risks picked);
- the process's CPU time and RSS after each.

On this commit the content is compiled first, as ``make run`` and ``make serve`` do, into a
fresh folder of compiled atlases each run; that step (its own process, once per version of the
content) is timed on its own. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from bench import protocol as P
from bench.measure import med
from escape_routes.warmup import healthy, warm_up
from testkit.servers import REPO, free_port

BASE = "efdbcf6"  # main when the work on issues 19 and 20 started: the validator in the server
RUNS = 3
TIMEOUT_S = 120


def _cpu(p: psutil.Process) -> float:
    t = p.cpu_times()
    return t.user + t.system


def _rss(p: psutil.Process) -> float:
    return p.memory_info().rss / 2**20


def _compile(root: Path, env: dict[str, str]) -> dict[str, float]:
    """``python -m escape_routes compile``: wall and CPU seconds (a process of its own)."""
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "escape_routes", "compile", "--quiet"]
    usage0 = os.times()
    subprocess.run(cmd, cwd=root, env=env, check=True, timeout=TIMEOUT_S * 3, capture_output=True)
    usage1 = os.times()
    cpu = (usage1.children_user - usage0.children_user) + (
        usage1.children_system - usage0.children_system
    )
    return {"compile_s": time.perf_counter() - t0, "compile_cpu_s": cpu}


async def _one(root: Path, env: dict[str, str], c: dict, log: Path) -> dict[str, float]:
    """One fresh process on ``root``: times, CPU and RSS at each point."""
    url = f"http://127.0.0.1:{free_port()}"
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(root / "app.py"),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.address", "127.0.0.1", "--server.port", url.rsplit(":", 1)[1],
    ]  # fmt: skip
    t0 = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    p = psutil.Process(proc.pid)
    try:
        while not healthy(url, timeout=1.0):
            if proc.poll() is not None or time.perf_counter() - t0 > TIMEOUT_S:
                raise RuntimeError(f"{root}: no server:\n{log.read_text()[-2000:]}")
            await asyncio.sleep(0.05)
        row = {"start_s": time.perf_counter() - t0, "start_cpu_s": _cpu(p), "start_mb": _rss(p)}
        t1, cpu1 = time.perf_counter(), _cpu(p)
        if not warm_up(url, TIMEOUT_S):
            raise RuntimeError(f"{root}: app.py did not run:\n{log.read_text()[-2000:]}")
        row |= {"first_s": time.perf_counter() - t1, "first_cpu_s": _cpu(p) - cpu1}
        row["first_mb"] = _rss(p)
        cpu2 = _cpu(p)
        s = await P.session(url, c["labels"], c["captions"])
        row |= {"visitor_load_ms": s.load_ms or float("nan"), "visitor_cpu_s": _cpu(p) - cpu2}
        row |= {"visitor_mb": _rss(p), "visitor_errors": len(s.errors)}
        return row
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _worktree(ref: str, where: Path) -> Path | None:
    done = subprocess.run(
        ["git", "worktree", "add", "--detach", str(where), ref],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return where if done.returncode == 0 else None


def compare(c: dict, out: Path, base: str = BASE, runs: int = RUNS, say=print) -> dict:
    """Medians of RUNS processes on each commit (see the module's docstring)."""
    tmp = Path(tempfile.mkdtemp(prefix="er-base-"))
    tree = _worktree(base, tmp / "base")
    if tree is None:
        shutil.rmtree(tmp, ignore_errors=True)
        return {"error": f"commit {base} not found"}
    rows: dict[str, list[dict[str, float]]] = {"base": [], "this": []}
    try:
        for i in range(runs + 1):
            for name, root in (("base", tree), ("this", REPO)):
                env = {**os.environ, "ESCAPE_ROUTES_COMPILED": str(tmp / f"compiled-{i}")}
                row = _compile(root, env) if name == "this" else {}
                row |= asyncio.run(_one(root, env, c, out / f"coldstart-{name}-{i}.log"))
                if i:
                    rows[name].append(row)
                say(f"  {name}{'' if i else ' (not counted)'}: "
                    + ", ".join(f"{k} {v:.2f}" for k, v in row.items()))  # fmt: skip
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, check=False)
        shutil.rmtree(tmp, ignore_errors=True)
    medians = {name: {k: med([r[k] for r in rs]) for k in rs[0]} for name, rs in rows.items()}
    return {"base": base, "runs": runs, "rows": medians}
