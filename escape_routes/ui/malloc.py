"""glibc's malloc told to keep at most two arenas in a server process, as ``make serve`` does.

Streamlit runs each session's script in a thread of its own, and glibc gives threads that
allocate at the same moment arenas of their own (up to eight per core), which fragment and are
seldom given back. ``MALLOC_ARENA_MAX=2`` in the environment prevents that, and
``deploy/serve.py`` sets it; a host that runs a plain ``streamlit run app.py`` sets nothing, so
the app asks glibc itself at its first run. The arenas made before then stay (5 or 6 here, not
2): measured on a plain ``streamlit run``, 30 sessions arriving within 1 s, twice, three times
each, the process ends with 16 arenas and 147 to 151 MB without this, 5 or 6 arenas and 140 to
144 MB with it. A value already in the environment is left as it is; without glibc (macOS,
Windows, musl) nothing is done.
"""

from __future__ import annotations

import ctypes
import functools
import os

M_ARENA_MAX = -8  # <malloc.h>
ARENAS = 2


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Ask glibc for at most ``arenas`` arenas from now on; whether it took the setting."""
    if "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, TypeError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return mallopt(M_ARENA_MAX, arenas) == 1


limit_arenas_once = functools.cache(limit_arenas)
