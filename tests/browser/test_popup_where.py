"""A popup that leaves passages out says where the rest is: the evidence panel below the map
where the panel is below it (1366 x 768), beside it where it is beside (1920 x 1080)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from escape_routes.map.layers import POPUP_QUOTES
from tests.browser.lookup import towns

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("width", "height", "where"), [(1366, 768, "below"), (1920, 1080, "beside")]
)
def test_popup_says_where_the_panel_is(page, app_url, map_frame, atlas, width, height, where):
    place = next(p for p in towns(atlas) if len(p.quotes) > POPUP_QUOTES)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(app_url)
    frame = map_frame(page)
    frame.locator(f"path.er-id-{place.id}").dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    expect(popup.locator(f".er-more-{where}")).to_be_visible(timeout=15_000)
    expect(popup.locator(f".er-more-{where}")).to_have_text(f"in the panel {where} the map.")
    for other in {"any", "beside", "below", "none"} - {where}:
        expect(popup.locator(f".er-more-{other}")).to_be_hidden()
    panel = page.locator(".er-panel")
    expect(panel).to_contain_text(place.name, timeout=20_000)
    frame_box = page.locator("iframe").first.bounding_box()
    panel_box = panel.bounding_box()
    assert frame_box and panel_box
    below = panel_box["y"] >= frame_box["y"] + frame_box["height"] - 1
    assert below == (where == "below")
