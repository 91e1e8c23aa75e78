"""The frame in real Chromium: deep links on a fresh server, and the routes x risks table."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import apply
from tests.browser.waits import app_idle

pytestmark = pytest.mark.browser


def expect_whole_frame(page) -> None:
    """app.py ran: the six pages by name in its navigation (along the top), no "Page not
    found" notice. (The map's filters are drawn on the map page only.)"""
    nav = page.get_by_test_id("stTopNav")
    expect(nav).to_be_visible(timeout=30_000)
    names = ["Map", "Classroom tour", "Teacher's guide", "Sources", "Numbers", "About"]
    expect(nav.get_by_test_id("stTopNavLink")).to_have_text(
        [re.compile(f"{name}$") for name in names]
    )
    expect(page.get_by_text("Page not found")).to_have_count(0)


@pytest.mark.parametrize(
    ("path", "content"),
    [("tour?step=3", "3. "), ("sources", "Everything on the map comes from these five texts")],
)
def test_fresh_server_deep_link_gets_the_whole_app(
    app_server, page, assert_clean, atlas, path, content
):
    """A server's first visitor arriving by a deep link gets the frame and the page itself."""
    url = app_server(env={"ESCAPE_ROUTES_TEST_FRESH_SERVER": path})  # a server of its own
    page.goto(f"{url}/{path}")
    expect_whole_frame(page)
    if path.startswith("tour"):
        heading = page.get_by_test_id("stHeading").filter(has_text=content).first
        expect(heading).to_contain_text(f"3. {atlas.tour[2].title}")
    else:
        expect(page.get_by_text(content)).to_be_visible()
    app_idle(page)  # a notice would come with the run that routes the link
    expect(page.get_by_text("Page not found")).to_have_count(0)
    assert_clean(page)


def open_matrix(page) -> None:
    """Open the routes x risks table (behind a toggle: its code loads only then)."""
    page.get_by_test_id("stCheckbox").filter(has_text="routes × risks table").click()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=30_000)


def matrix_cell(page, row: int, x: float):
    """Click a cell of the routes x risks table (a canvas: by position; rows are 35 px, ten
    are visible)."""
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + x, box["y"] + 35 * (row + 1) + 17)


def test_matrix_selection_survives_a_filter_change(page, app_url, map_frame, assert_clean, atlas):
    """A cell chosen in a row that a filter then removes is dropped: no error, map still drawn."""
    rows = min(10, len(atlas.routes))  # the rows in view
    left = {r: len(apply(atlas, Filter(risks=frozenset({r}))).routes) for r in atlas.risks}
    fewer = [r for r in atlas.risks if 0 < left[r] < rows]
    assert fewer, "a risk filter should leave some routes, fewer than the rows in view"
    risk = max(fewer, key=left.get)
    page.goto(app_url)
    frame = map_frame(page)
    open_matrix(page)
    matrix_cell(page, rows - 1, 150)  # the last route's name in view: more than the filter leaves
    expect(page.get_by_role("button", name="Show only")).to_be_visible(timeout=20_000)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stMultiSelect").first.click()
    page.get_by_role("option", name=atlas.risks[risk].label).click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(rf"risks={risk}"), timeout=20_000)
    expect(page.get_by_text(f"of {len(atlas.routes)} routes").first).not_to_contain_text(
        f"{len(atlas.routes)} of {len(atlas.routes)} routes"
    )
    app_idle(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text("Something went wrong")).to_have_count(0)
    expect(frame.locator(".leaflet-container path").first).to_be_attached()
    assert_clean(page)
