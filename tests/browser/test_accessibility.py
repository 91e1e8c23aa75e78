"""Accessibility in real Chromium: axe-core on every page and in the map, and the keyboard.

axe (axe-playwright-python, which bundles axe-core) runs on the page and, separately, inside the
map's frame (with and without an open popup) and in presenter mode: no violation may be serious
or critical. Every violation found is printed with its impact (``pytest -s``), moderate ones too.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Frame, Page, expect

from tests.browser.lookup import town
from tests.browser.screen import MAP_IFRAME, SIZE_IDS, SIZES
from tests.browser.waits import app_idle, map_frame_of, map_settled

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
PAGES = ["", "tour?step=2", "tour?step=2&present=1", "sources", "numbers", "about"]


def run_axe(target: Page | Frame, where: str) -> list[dict]:
    """axe's violations in a page or frame; printed, then returned."""
    violations = Axe().run(target).response["violations"]
    counts = {v["id"]: (v["impact"], len(v["nodes"])) for v in violations}
    print(f"axe {where}: {counts or 'no violations'}")
    return violations


def blocking(violations: list[dict]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:160]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("path", PAGES, ids=[p or "map" for p in PAGES])
def test_axe_finds_nothing_serious(page, app_url, path):
    """Each page, at a laptop's size: no serious or critical axe violation, nor in its map."""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/{path}")
    expect(page.get_by_test_id("stHeading").first).to_be_visible(timeout=30_000)
    app_idle(page)
    has_map = page.locator(MAP_IFRAME).count() > 0
    if has_map:
        page.frame_locator(MAP_IFRAME).locator(".er-maplabel").first.wait_for(state="attached")
        map_settled(page)
    found = blocking(run_axe(page, f"/{path}"))
    if has_map:
        found += blocking(run_axe(map_frame_of(page), f"/{path} map frame"))
    assert not found, "\n".join(found)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_axe_on_the_map_with_a_popup_and_the_panel(page, app_url, map_frame, size, atlas):
    """The map frame with a town's popup open, and the page with its evidence panel filled."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(app_url)
    frame = map_frame(page)
    frame.locator(f"path.er-id-{town(atlas).id}").dispatch_event("click")
    expect(frame.locator(".leaflet-popup")).to_be_visible()
    expect(page.locator(".er-panel")).to_be_visible(timeout=20_000)
    map_settled(page)
    found = blocking(run_axe(map_frame_of(page), f"map frame with a popup, {size}"))
    found += blocking(run_axe(page, f"map page with the panel, {size}"))
    assert not found, "\n".join(found)


def test_the_map_has_a_name_and_places_come_first(page, app_url, map_frame, atlas):
    """The map is named for what it is (not a row of arrows); Tab reaches the places, named,
    before any route segment."""
    page.goto(app_url)
    frame = map_frame(page)
    name = page.locator(MAP_IFRAME).get_attribute("aria-label") or ""
    assert name.startswith("Map of") and "➤" not in name
    expect(frame.locator(".leaflet-container")).to_have_attribute("aria-label", name)
    expect(frame.locator(".er-arrow").first).to_have_attribute("aria-hidden", "true")
    frame.locator(".leaflet-container").focus()
    first = []
    for _ in range(len(atlas.places) + 1):
        page.keyboard.press("Tab")
        first.append(frame.locator(":focus").get_attribute("aria-label") or "")
    names = {f"Place: {p.name}" for p in atlas.places.values()}
    assert set(first[: len(atlas.places)]) == names, first
    assert first[len(atlas.places)].startswith("Route: ")


def test_enter_on_a_place_opens_it_like_a_click(page, app_url, map_frame, atlas):
    """Enter on a town (focused by keyboard) opens its popup, fills the panel and the address."""
    place = town(atlas)
    page.goto(app_url)
    frame = map_frame(page)
    frame.locator(".leaflet-container").focus()
    for _ in range(len(atlas.places)):
        page.keyboard.press("Tab")
        if frame.locator(":focus").get_attribute("aria-label") == f"Place: {place.name}":
            break
    page.keyboard.press("Enter")
    expect(frame.locator(".leaflet-popup-content")).to_contain_text(place.name)
    expect(frame.locator(".leaflet-popup-content")).to_be_focused()
    expect(page.locator(".er-panel")).to_contain_text(place.name, timeout=20_000)
    expect(page).to_have_url(re.compile(rf"sel={place.id}"), timeout=15_000)
    expect(page.locator(".er-panel details.er-about").first).to_be_attached()
