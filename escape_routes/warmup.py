"""Load the app once in a freshly started server, before anyone's browser does.

Streamlit decides per process whether a top-level ``pages/`` folder means its old multipage
mode, and clears that only when ``app.py`` has run ``st.navigation`` once. Until then a deep link
(``/tour?step=3``) as the very first request shows a "Page not found" notice before app.py routes
it. Asking the server's script health check (``server.scriptHealthCheckEnabled``, on in
``.streamlit/config.toml``) runs app.py once, so no visitor ever sees that notice.

    python -m escape_routes.warmup http://127.0.0.1:8501
"""

from __future__ import annotations

import sys
import time
import urllib.error
import urllib.request

HEALTH = "/_stcore/health"
SCRIPT_CHECK = "/_stcore/script-health-check"


def _ok(url: str, timeout: float) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def warm_up(base_url: str, wait_s: float = 60.0) -> bool:
    """Wait up to ``wait_s`` until the server answers, then run the app once (waiting up to
    ``wait_s`` again). Returns whether both worked."""
    base = base_url.rstrip("/")
    deadline = time.monotonic() + wait_s
    while not _ok(base + HEALTH, 2):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return _ok(base + SCRIPT_CHECK, wait_s)


if __name__ == "__main__":
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8501"
    sys.exit(0 if warm_up(url) else 1)
