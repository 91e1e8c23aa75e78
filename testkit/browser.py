"""Chromium as Playwright needs it here, and pages that never leave the machine.

- :func:`chromium` and :data:`CHROMIUM_ARGS` launch Debian's Chromium (Playwright cannot
  download its own browsers here);
- :func:`watch` aborts (and logs in a :class:`PageLog`) every request a page makes off this
  machine; :func:`leaves_machine` and :data:`OFFSITE` say which requests those are.
"""

from __future__ import annotations

import inspect
import os
import re
import shutil
from dataclasses import dataclass, field
from urllib.parse import urlsplit

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Any URL with a network scheme whose host is not loopback; handed to the browser as a pattern,
# so loopback traffic is never intercepted (interception would add to the timings).
OFFSITE = re.compile(r"^(?:https?|wss?)://(?!(?:127\.0\.0\.1|localhost|\[::1\])(?:[:/]|$))")


def chromium() -> str | None:
    """Path of the Chromium to drive (``$CHROMIUM``, Debian's, or on PATH), or ``None``."""
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def leaves_machine(url: str) -> bool:
    """True for any request that is not loopback, ``file:``, ``data:``, ``blob:`` or ``about:``."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", "ws", "wss"}:
        return False
    return (parts.hostname or "") not in LOOPBACK


@dataclass
class PageLog:
    """What a page tried and complained about."""

    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)

    def errors(self) -> list[str]:
        return [f"console: {e}" for e in self.console_errors] + [
            f"pageerror: {e}" for e in self.page_errors
        ]


def watch(page, log: PageLog) -> list:
    """Abort (and log in ``log``) every request and websocket of ``page`` that would leave the
    machine; log console errors, page errors and 404s. Works with Playwright's sync and async
    APIs alike: with the async one, await what it returns.
    """

    def block(route):
        log.blocked.append(route.request.url)
        return route.abort("blockedbyclient")

    def block_ws(ws):
        log.blocked.append(ws.url)
        return ws.close()

    page.on("console", lambda m: m.type == "error" and log.console_errors.append(m.text[:500]))
    page.on("pageerror", lambda e: log.page_errors.append(str(e)[:500]))
    page.on("response", lambda r: r.status == 404 and log.not_found.append(r.url))
    calls = [page.route(OFFSITE, block), page.route_web_socket(OFFSITE, block_ws)]
    return [c for c in calls if inspect.isawaitable(c)]
