"""The classroom tour on a phone (issue 18, 8): a 390x844 touch screen. The tour's controls are
compact (Previous and Next side by side; no key help, presenter mode or speaker view, which are
for a keyboard and a projector), the step's title and most of its map are on the first screen
on every step, care notices included, and nothing of the step's text and evidence scrolls
sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from escape_routes.ui import keys as K
from tests.browser.waits import map_settled

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# The map's part of the first screen, at least: 56 % measured on the most crowded step (a
# two-line title and the next step's care notice), 64-71 % on most.
MAP_ON_FIRST_SCREEN_PX = PHONE["height"] * 55 // 100
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


def assert_title_and_map_on_screen_one(page, n: int, title: str) -> None:
    heading = box(page.get_by_role("heading", name=f"{n}. {title}"))
    assert heading["y"] + heading["height"] <= PHONE["height"], f"step {n}: title below"
    the_map = box(page.locator('iframe[title="streamlit_folium.st_folium"]'))
    shown = PHONE["height"] - the_map["y"]
    assert shown >= MAP_ON_FIRST_SCREEN_PX, f"step {n}: only {shown:.0f} px of the map"


def test_every_step_has_its_title_and_most_of_its_map_first(page, app_url, map_frame, atlas):
    """Stepping through the whole tour with taps on Next: on each step the title and at least
    55 % of the first screen's height of map are on screen one, the care notices above it."""
    page.goto(f"{app_url}/tour?step=1")
    map_frame(page)
    for n, step in enumerate(atlas.tour, start=1):
        expect(page.get_by_role("heading", name=f"{n}. {step.title}")).to_be_visible(timeout=20_000)
        map_settled(page)
        assert page.evaluate("() => window.scrollY") == 0
        assert_title_and_map_on_screen_one(page, n, step.title)
        if step.care:
            expect(page.get_by_test_id("stAlert").first).to_be_in_viewport()
        if n < len(atlas.tour):
            page.get_by_role("button", name="Next").tap()


def test_phone_controls_are_the_ones_a_phone_uses(page, app_url, map_frame):
    """The step's link and the guide stay; the key help, presenter mode and the speaker view
    (a keyboard's, a projector's) are not on a phone, unless a link opened presenter mode,
    which can then be left."""
    page.goto(f"{app_url}/tour?step=2")
    map_frame(page)
    expect(page.get_by_role("link", name="Link to this step")).to_be_visible()
    expect(page.get_by_test_id("stPageLink-NavLink")).to_have_text("Teacher's guide")
    expect(page.get_by_test_id("stPageLink-NavLink")).to_be_visible()
    expect(page.locator("p.er-where")).to_contain_text("Step 2 of")
    expect(page.locator(".er-keys-help")).to_be_hidden()
    toggle = page.locator(f".st-key-{K.PRESENTER}")
    expect(toggle).to_be_hidden()
    expect(page.get_by_role("button", name="Speaker view")).to_be_hidden()
    page.goto(f"{app_url}/tour?step=2&present=1")
    map_frame(page)
    expect(toggle).to_be_visible()
    toggle.locator("label").tap()
    expect(page.locator("p.er-where")).to_contain_text("Step 2 of", timeout=20_000)
