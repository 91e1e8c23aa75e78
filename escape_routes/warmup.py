"""Load the app once in a freshly started server, before anyone's browser does.

The first run of app.py in a process reads and checks the content (a second or two); asking the
server's script health check (``server.scriptHealthCheckEnabled``, on in
``.streamlit/config.toml``) runs it once, so that the first visitor does not wait for that.
(A deep link as a server's first request works without it: escape_routes/ui/pages.py.)

    python -m escape_routes.warmup http://127.0.0.1:8501

:func:`healthy` is the one health check: ``make run``, ``make serve`` (``deploy/serve.py``),
the tests and the benchmarks (``testkit``) all wait on it.
"""

from __future__ import annotations

import sys
import time
import urllib.error
import urllib.request

HEALTH = "/_stcore/health"
SCRIPT_CHECK = "/_stcore/script-health-check"


def _get(url: str, timeout: float) -> tuple[int, bytes] | None:
    """Status and body of a GET, or None when nothing answered."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""
    except (urllib.error.URLError, OSError):
        return None


def healthy(base_url: str, timeout: float = 2.0) -> bool:
    """Whether Streamlit (or the proxy in front of it) answers ``ok`` at ``/_stcore/health``."""
    answer = _get(base_url.rstrip("/") + HEALTH, timeout)
    return answer is not None and answer[0] == 200 and answer[1].strip() == b"ok"


def warm_up(base_url: str, wait_s: float = 60.0) -> bool:
    """Wait up to ``wait_s`` until the server answers, then run the app once (waiting up to
    ``wait_s`` again). Returns whether both worked."""
    base = base_url.rstrip("/")
    deadline = time.monotonic() + wait_s
    while not healthy(base):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    answer = _get(base + SCRIPT_CHECK, wait_s)
    return answer is not None and answer[0] == 200


if __name__ == "__main__":
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8501"
    sys.exit(0 if warm_up(url) else 1)
