"""Waits on conditions of the page, instead of fixed sleeps.

- :func:`app_idle`: Streamlit has run the script and stays idle (no rerun starting);
- :func:`map_settled`: the app is idle and the map stands still: its frame sized, its view,
  labels and popup in place, its fonts loaded;
- :func:`map_still`: the same of the one-file map, a page of its own.

Each condition must hold for several polls in a row, so that a change about to start (a rerun a
click has asked for, a view fitted again as the page lays out) is waited for, not missed; on a
busy machine they simply take longer.
"""

from __future__ import annotations

import itertools
import json

from playwright.sync_api import Frame, Page

from testkit.browser import MAP_IFRAME

POLL_MS = 200
TIMEOUT_MS = 30_000
_WAITS = itertools.count()  # each wait counts in a window property of its own

# A condition held for `polls` polls in a row; the count lives in the page (window[key]).
_HELD = """([key, polls, held]) => {
    window[key] = held ? (window[key] || 0) + 1 : 0;
    return window[key] >= polls;
}"""

# Idle, and the app's linked stylesheet (imported by every page's frame.css, layout.base_style)
# has arrived: it comes a moment after the page, and until then text has Streamlit's colours and
# spacing (axe found a caption's contrast too low on a fresh clone's first load).
_APP_IDLE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const styled = Array.from(document.styleSheets).some((sheet) => {
        try {
            return Array.from(sheet.cssRules).some((r) => r instanceof CSSImportRule
                && r.href.includes("escape_routes/app.css") && r.styleSheet
                && r.styleSheet.cssRules.length > 0);
        } catch (e) { return false; }
    });
    return Boolean(app) && app.dataset.testScriptState === "notRunning" && styled
        && !document.querySelector('[data-testid="stStatusWidget"]');
}"""

# The state of the Leaflet map in window `w` (the app's map frame `fe`, or null for a page that is
# the map itself, as the one-file map is), as a string that changes whenever anything a test
# measures moves; null while a label pass or an animation is pending.
_MAP_STATE = """(w, fe) => {
    const L = w && w.L;
    if (!L) return null;
    const m = w.map instanceof L.Map ? w.map
        : w[Object.keys(w).find((k) => /^map_/.test(k) && w[k] instanceof L.Map)];
    if (!m || !m._er || w.document.fonts.status !== "loaded") return null;
    if (m._er.timer || m._animatingZoom || (m._panAnim && m._panAnim._inProgress)) return null;
    const c = m.getCenter(), s = m.getSize();
    const moved = (sel) => Array.from(w.document.querySelectorAll(sel), (e) => e.style.cssText);
    return [fe ? fe.offsetHeight : 0, s.x, s.y, c.lat.toFixed(6), c.lng.toFixed(6), m.getZoom(),
            ...moved(".er-maplabel"), ...moved(".leaflet-popup")].join("|");
}"""


def _still(state: str) -> str:
    """A condition: the map's state (a JS expression, null when unsettled) is what it was at the
    previous poll."""
    return (
        f"() => {{ const now = {state}; const same = now !== null && now === window.__erMapState;"
        " window.__erMapState = now; return same; }"
    )


# From the app's page: Streamlit idle, one map frame (no remount under way) and its map still.
# Both in one condition, read on the same polls: the map frame is of this page's origin.
_SETTLED = _still(
    f"""(() => {{
    const frames = document.querySelectorAll({json.dumps(MAP_IFRAME)});
    return ({_APP_IDLE})() && frames.length === 1
        ? ({_MAP_STATE})(frames[0].contentWindow, frames[0]) : null;
}})()"""
)
# In a page that is the map itself (the one-file map).
_PAGE_MAP_STILL = _still(f"({_MAP_STATE})(window, null)")


def _hold(target: Page | Frame, condition: str, polls: int, timeout: float) -> None:
    """Wait until ``condition`` (a JS function of no arguments, true when met) holds for
    ``polls`` polls in a row (counted again from 0 if the page navigates meanwhile)."""
    key = f"__erHeld{next(_WAITS)}"
    target.wait_for_function(
        f"""([key, polls]) => ({_HELD})([key, polls, ({condition})()])""",
        arg=[key, polls],
        polling=POLL_MS,
        timeout=timeout,
    )


def app_idle(page: Page, polls: int = 3, timeout: float = TIMEOUT_MS) -> None:
    """Streamlit is idle and stays so for ``polls`` polls (a rerun just asked for has run)."""
    _hold(page, _APP_IDLE, polls, timeout)


def map_frame_of(page: Page) -> Frame:
    """The map's frame (a Frame, which can be waited on, not a FrameLocator)."""
    handle = page.locator(MAP_IFRAME).element_handle()
    assert handle is not None, "no map frame"
    frame = handle.content_frame()
    assert frame is not None, "the map frame has no document"
    return frame


def map_settled(page: Page, polls: int = 3, timeout: float = TIMEOUT_MS) -> None:
    """The app is idle and its map has stood still for ``polls`` polls, both at once: frame size,
    view, labels and popup unchanged, no label pass or animation pending, fonts loaded."""
    _hold(page, _SETTLED, polls, timeout)


def map_still(page: Page, polls: int = 3, timeout: float = TIMEOUT_MS) -> None:
    """The one-file map (``page`` is the map's own page) has stood still for ``polls`` polls:
    its first view fitted, labels placed."""
    _hold(page, _PAGE_MAP_STILL, polls, timeout)
