"""The checked atlas a server process loads: the validator's result, made once per content version.

Checking the content takes seconds and the memory of GeoNames, geopandas and every rule; a
server process needs only the result. ``python -m escape_routes compile`` (run by ``make run``,
``make serve`` and ``validate``) checks the content and stores the pruned atlas with its problems,
its notes and its derived data (:data:`~.derived.STORED`) in a file named by the content's
**fingerprint**: a hash of every content and geodata file, of the supplied texts, and of the code
that reads and checks them. A server process works out the fingerprint of the files it sees and
loads that file (:func:`load`); when there is none (a file was edited, the code changed), it
runs the compile command in a child process and loads what it wrote. So a server never imports
the rules, geopandas or GeoNames, and an edited file still shows its precise banner: a result
is never used for content other than the one it was made from.

The files are pickles of our own records, written and read only by this module, in a git-ignored
folder of the checkout (``.compiled/``, or ``$ESCAPE_ROUTES_COMPILED``); the newest
:data:`KEEP` are kept.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas
from escape_routes.content.paths import ROOT, Paths, in_ci

FORMAT = 1  # raise when what is stored changes shape
CACHE_ENV = "ESCAPE_ROUTES_COMPILED"
KEEP = 32
COMPILE_TIMEOUT_S = 300
#: The code whose change changes the result: the records, the readers and the rules.
CODE = (ROOT / "escape_routes" / "content", ROOT / "escape_routes" / "rules")
log = logging.getLogger("escape_routes")


def cache_dir() -> Path:
    """Where compiled atlases are kept."""
    return Path(os.environ.get(CACHE_ENV) or ROOT / ".compiled")


def fingerprint(paths: Paths) -> str:
    """The version of the content these folders hold, as checked by this code (hex digest)."""
    h = hashlib.sha256(f"escape-routes atlas {FORMAT} {sys.version_info[:2]}\n".encode())
    h.update(f"ci={in_ci()}\n".encode())
    _add_tree(h, "content", paths.content)
    _add_tree(h, "geodata", paths.geodata)
    if paths.sources is None:
        h.update(b"no supplied texts\n")
    else:
        _add_tree(h, "texts", paths.sources)
    for folder in CODE:
        _add_tree(h, folder.name, folder, "*.py")
    return h.hexdigest()[:40]


def _add_tree(h: Any, label: str, folder: Path, pattern: str = "*") -> None:
    h.update(f"[{label}]\n".encode())
    if not folder.is_dir():
        h.update(b"missing\n")
        return
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
        if "__pycache__" in path.parts:
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:  # unreadable: the loader says so; the hash says it changed
            data = repr(exc).encode()
        h.update(f"{path.relative_to(folder).as_posix()}\0{len(data)}\0".encode())
        h.update(data)


def _file(fp: str) -> Path:
    return cache_dir() / f"{fp}.pickle"


def read(fp: str) -> Atlas | None:
    """The compiled atlas of this fingerprint, or None when there is none (or it is unusable)."""
    path = _file(fp)
    try:
        with path.open("rb") as f:
            atlas = pickle.load(f)  # our own file (see the module's docstring)
    except FileNotFoundError:
        return None
    except Exception:
        log.exception("compiled atlas %s could not be read; it will be made again", path)
        return None
    if not isinstance(atlas, Atlas) or atlas.fingerprint != fp:
        log.error("compiled atlas %s is not the version it is named after", path)
        return None
    return atlas


def write(atlas: Atlas, fp: str) -> Path:
    """Store a checked atlas as the compiled version ``fp`` (with its derived data)."""
    stamped = atlas.stamped(fp)
    derived(stamped).prepare()
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = _file(fp)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as f:
        pickle.dump(stamped, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    old = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]
    for stale in old:
        stale.unlink(missing_ok=True)
    return path


def compile_command(paths: Paths) -> list[str]:
    """The command that compiles exactly these folders."""
    texts = ["--sources", str(paths.sources)] if paths.sources else ["--no-sources"]
    return [
        sys.executable, "-m", "escape_routes", "compile", "--quiet",
        "--content", str(paths.content), "--geodata", str(paths.geodata), *texts,
    ]  # fmt: skip


def load(paths: Paths) -> Atlas | None:
    """The checked atlas of these folders: the compiled file of their fingerprint, compiled
    first in a child process when there is none. None if that failed (it is logged)."""
    fp = fingerprint(paths)
    atlas = read(fp)
    if atlas is not None:
        return atlas
    try:
        done = subprocess.run(
            compile_command(paths),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=COMPILE_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.error("compiling the content failed: %s", exc)
        return None
    if done.returncode != 0:
        log.error("compiling the content failed (%s):\n%s", done.returncode, done.stderr[-3000:])
        return None
    return read(fp)
