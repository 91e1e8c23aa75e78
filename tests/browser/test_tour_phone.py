"""The classroom tour on a phone (issue 18, 8): a 390x844 touch screen. The tour's controls are
compact (Previous and Next side by side), the step's title and a good part of its map are on
the first screen, and nothing of the step's text and evidence scrolls sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from escape_routes.ui import keys as K
from tests.browser.waits import map_settled

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
MAP_ON_FIRST_SCREEN_PX = PHONE["height"] // 3  # a third of the first screen: the map, at least
SIDEWAYS = """(root) => {
  const wide = [];
  for (const el of [root, ...root.querySelectorAll("*")]) {
    const r = el.getBoundingClientRect();
    if (r.width === 0) continue;
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible")
      wide.push(`${el.tagName}.${el.className}: scrolls ${el.scrollWidth} in ${el.clientWidth}`);
    if (r.right > window.innerWidth + 1 || r.left < -1)
      wide.push(`${el.tagName}.${el.className}: ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  return wide;
}"""


@pytest.fixture
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": PHONE, "has_touch": True, "is_mobile": True}


def box(locator) -> dict:
    b = locator.bounding_box()
    assert b is not None
    return b


def longest_step(atlas) -> int:
    """The step (1-based) with the most text and quotes: the widest evidence to fit."""
    sizes = [
        len(s.body) + sum(len(atlas.quotes[q].text) for q in s.quotes if q in atlas.quotes)
        for s in atlas.tour
    ]
    return sizes.index(max(sizes)) + 1


@pytest.mark.parametrize("which", ["first", "longest"])
def test_a_tour_step_reads_on_a_phone(page, app_url, map_frame, atlas, assert_clean, which):
    n = 1 if which == "first" else longest_step(atlas)
    page.goto(f"{app_url}/tour?step={n}")
    map_frame(page)
    map_settled(page)
    assert page.evaluate("() => window.scrollY") == 0
    previous = box(page.get_by_role("button", name="Previous"))
    following = box(page.get_by_role("button", name="Next"))
    assert abs(previous["y"] - following["y"]) < 2, "Previous and Next side by side"
    title = page.get_by_role("heading", name=f"{n}. {atlas.tour[n - 1].title}")
    expect(title).to_be_visible()
    heading = box(title)
    assert heading["y"] + heading["height"] <= PHONE["height"], "the step's title on screen one"
    the_map = box(page.locator('iframe[title="streamlit_folium.st_folium"]'))
    shown = PHONE["height"] - the_map["y"]
    assert shown >= MAP_ON_FIRST_SCREEN_PX, f"only {shown:.0f} px of the map on screen one"
    text = page.locator(f".st-key-{K.TOUR_TEXT}")
    expect(text.locator(".er-quote").first).to_be_attached()
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= PHONE["width"]
    assert text.evaluate(SIDEWAYS) == []
    assert_clean(page)
