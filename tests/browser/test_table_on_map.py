"""The routes x risks table in real Chromium (shipped content): a chosen cell brings its route
into view on the map (fitted, and the page scrolled to the map), is in the link, and a link
restores it."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from escape_routes.explore.scoping import risk_matrix
from escape_routes.ui.routes_table import passages
from tests.browser.test_frame import open_matrix
from tests.browser.test_screen import route_bounds
from tests.browser.waits import map_frame_of, map_settled

pytestmark = pytest.mark.browser

FITTED = "(b) => window.map.getBounds().pad(0.02).contains(b) && window.map.getZoom() >= 4"
MAP_IN_VIEW = """() => {
  const r = window.frameElement.getBoundingClientRect(), h = window.parent.innerHeight;
  const shown = Math.min(r.bottom, h) - Math.max(r.top, 0);
  return shown >= Math.min(r.height, h) * 0.6;
}"""


def table_param(page) -> tuple[str, str | None]:
    """The ``table`` parameter of the page's link, as (route, risk or None)."""
    values = parse_qs(urlparse(page.url).query).get("table")
    assert values, f"no table parameter in {page.url}"
    route, _, risk = values[0].partition(",")
    return route, risk or None


def test_a_cell_brings_its_route_into_view_and_into_the_link(page, app_url, map_frame, atlas):
    """A click on a risk cell of the last row in view: the link names that route and risk, the
    map is scrolled back onto the screen and fitted to the route, and the cell's passages are
    listed under the table."""
    page.goto(app_url)
    map_frame(page)
    map_settled(page)
    open_matrix(page)
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    row = min(10, len(atlas.routes)) - 1
    expected_route = list(atlas.routes)[row]  # the table lists every route, in content order
    assert not map_frame_of(page).evaluate(MAP_IN_VIEW), "the table should hide the map first"
    # The rightmost column in view is a risk's (route, length and time come first).
    page.mouse.click(box["x"] + box["width"] - 40, box["y"] + 35 * (row + 1) + 17)
    expect(page).to_have_url(re.compile(r"[?&]table="), timeout=20_000)
    route, risk = table_param(page)
    assert route == expected_route and risk in atlas.risks
    frame = map_frame_of(page)
    frame.wait_for_function(MAP_IN_VIEW, timeout=20_000)
    frame.wait_for_function(FITTED, arg=route_bounds(atlas, route), timeout=20_000)
    n = len(risk_matrix(atlas, [route])[route][risk])
    heading = f"{passages(n)}: {atlas.risks[risk].label} on {atlas.routes[route].name}"
    expect(page.get_by_text(heading)).to_be_visible()


def test_a_link_restores_the_chosen_cell(page, app_url, map_frame, assert_clean, atlas):
    """``?table=route,risk``: the table is open on that cell (its passages listed), the map is
    fitted to the route, and the link keeps the cell."""
    table = risk_matrix(atlas, atlas.routes)
    route, risk = next((r, k) for r in atlas.routes for k in atlas.risks if table[r][k])
    page.goto(f"{app_url}/?table={route},{risk}")
    map_frame(page)
    heading = f"{passages(len(table[route][risk]))}: {atlas.risks[risk].label} on "
    expect(page.get_by_text(heading + atlas.routes[route].name)).to_be_visible(timeout=30_000)
    map_frame_of(page).wait_for_function(FITTED, arg=route_bounds(atlas, route), timeout=20_000)
    assert table_param(page) == (route, risk)
    expect(page.get_by_role("button", name="Show only")).to_be_visible()
    assert_clean(page)
