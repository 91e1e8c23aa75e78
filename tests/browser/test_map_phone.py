"""The map page on a phone (issue 18, 8): a 390x844 touch screen, a risk filter applied. The map is
most of the first screen, its legend starts closed, and neither the closed nor the opened legend
lies under the filter line or the map's tools (on a phone-sized map the legend waits at the
bottom left, and opened it stops below them, its heading in reach to close it again)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.screen import in_page, inside, labels_settled, map_box, overlap, share_of_screen
from tests.browser.waits import map_settled

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": PHONE, "has_touch": True, "is_mobile": True}


def assert_legend_clear(page, frame, where: str) -> None:
    """The legend and its heading inside the map, over no other control."""
    area = map_box(page, frame)
    legend = in_page(page, frame, ".er-legend")[0]["box"]
    heading = in_page(page, frame, ".er-legend summary")[0]["box"]
    assert inside(legend, area) and inside(heading, area), f"{where}: legend {legend} off {area}"
    for other in in_page(page, frame, ".leaflet-control:not(.er-legend)"):
        assert not overlap(legend, other["box"]), f"{where}: the legend lies under {other['text']}"


def test_on_a_phone_the_filtered_map_reads_and_its_legend_is_in_reach(
    page, app_url, map_frame, atlas, assert_clean
):
    risk = next(iter(atlas.risks.values()))
    page.goto(f"{app_url}/?risks={risk.id}")
    frame = map_frame(page)
    labels_settled(page, frame)
    area = map_box(page, frame)
    assert share_of_screen(page, area) >= 0.5, "the map is less than half the first screen"
    line = frame.locator(".er-filterline")
    expect(line).to_contain_text(risk.label)
    for sel in (".er-filterline", ".er-tools"):
        box = in_page(page, frame, sel)[0]["box"]
        assert inside(box, area), f"{sel} {box} is cut off the map {area}"
    details = frame.locator(".er-legend details").first
    expect(details).not_to_have_attribute("open", "")
    assert_legend_clear(page, frame, "closed")
    frame.locator(".er-legend summary").first.tap()
    expect(details).to_have_attribute("open", "")
    map_settled(page)  # the legend is fitted at the next label pass
    assert_legend_clear(page, frame, "open")
    frame.locator(".er-legend summary").first.tap()
    expect(details).not_to_have_attribute("open", "")
    assert_clean(page)
