"""Measuring what a class sees: boxes of the map, its labels, controls and popups.

Shared by the screen and accessibility tests. Boxes are ``[left, top, right, bottom]`` in CSS
pixels of the page (the map's frame offset added), so page and map can be compared.
"""

from __future__ import annotations

from playwright.sync_api import FrameLocator, Page

from testkit.browser import MAP_IFRAME
from tests.browser.waits import map_settled

SIZES = [(1366, 768), (1280, 720)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]

Box = list[float]


def frame_box(page: Page) -> Box:
    """The map frame's box on the page."""
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None, "no map frame"
    return [box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]]


# Every visible element matching each selector in the map: its text, box in the frame and type
# size.
_FOUND = """(body, sels) => sels.map(sel => [...body.querySelectorAll(sel)].filter(e => {
        const s = getComputedStyle(e), r = e.getBoundingClientRect();
        return s.display !== "none" && s.visibility !== "hidden" && r.width > 0;
    }).map(e => { const r = e.getBoundingClientRect();
        return {text: e.textContent.trim(), box: [r.left, r.top, r.right, r.bottom],
                px: parseFloat(getComputedStyle(e).fontSize)}; }))"""


def in_page_each(page: Page, frame: FrameLocator, selectors: list[str]) -> list[list[dict]]:
    """For each selector, what :func:`in_page` finds, all read at one moment (one round trip to
    the browser for many selectors)."""
    fx, fy = frame_box(page)[:2]
    found = frame.locator("body").evaluate(_FOUND, selectors)
    for items in found:
        for item in items:
            b = item["box"]
            item["box"] = [b[0] + fx, b[1] + fy, b[2] + fx, b[3] + fy]
    return found


def in_page(page: Page, frame: FrameLocator, selector: str) -> list[dict]:
    """Every visible element matching ``selector`` in the map: its text and page box."""
    return in_page_each(page, frame, [selector])[0]


def map_box(page: Page, frame: FrameLocator) -> Box:
    """The Leaflet map's box on the page."""
    return in_page(page, frame, ".leaflet-container")[0]["box"]


def overlap(a: Box, b: Box) -> bool:
    """Whether two boxes share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(a: Box, b: Box, slack: float = 0.5) -> bool:
    """Whether box ``a`` lies wholly inside box ``b``."""
    return (
        a[0] >= b[0] - slack
        and a[1] >= b[1] - slack
        and a[2] <= b[2] + slack
        and (a[3] <= b[3] + slack)
    )


def share_of_screen(page: Page, box: Box) -> float:
    """The part of the first screen (the viewport, unscrolled) that a box covers."""
    size = page.viewport_size
    assert size is not None
    w = max(0.0, min(box[2], size["width"]) - max(box[0], 0))
    h = max(0.0, min(box[3], size["height"]) - max(box[1], 0))
    return w * h / (size["width"] * size["height"])


def labels_settled(page: Page, frame: FrameLocator) -> list[dict]:
    """The map's labels once they have been placed (after the map stops moving: the first view
    is fitted again as the page settles)."""
    frame.locator(".er-maplabel").first.wait_for(state="attached", timeout=20_000)
    map_settled(page)
    return in_page(page, frame, ".er-maplabel")


def scrolled(page: Page) -> float:
    """How far the page's main area is scrolled."""
    return page.evaluate(
        "() => (document.querySelector('[data-testid=stMain]') || document.scrollingElement)"
        ".scrollTop"
    )
