"""A monkey: seeded random sequences of real actions over every page, checked after each one.

After every action: no Streamlit exception element, no "Something went wrong" message, no page
error, no console error, nothing requested off the machine, and (where a map is shown) the map
still draws its layers. A failure names the seed and every action so far, to replay it.

CI runs a short sequence; a long one: ``make monkey`` (or set ``MONKEY_SEEDS=1,2,3`` and
``MONKEY_ACTIONS=300``).
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.waits import app_idle

pytestmark = pytest.mark.browser

SEEDS = [int(s) for s in os.environ.get("MONKEY_SEEDS", "20261203").split(",") if s.strip()]
ACTIONS = int(os.environ.get("MONKEY_ACTIONS", "100"))
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
OPTION_TIMEOUT = 5_000  # milliseconds: an option shown is clickable at once, or it went away
EXPAND_TIMEOUT = 1_000  # milliseconds: a click that opens a list opens it at once
PAGES = ["Map", "Classroom tour", "Sources", "Numbers", "About"]


def settle(page: Page) -> None:
    """Wait until the app is idle: no script running for a moment (at most 30 s)."""
    app_idle(page)


def sidebar(page: Page):
    return page.get_by_test_id("stSidebar")


def nav_links(page: Page):
    """The navigation along the top (hidden in presenter mode)."""
    return page.get_by_test_id("stTopNav").get_by_test_id("stTopNavLink")


def nav_shown(page: Page) -> bool:
    return page.get_by_test_id("stTopNav").is_visible()


def sidebar_shown(page: Page) -> bool:
    """The map's filters (in the sidebar, on the map page only)."""
    return sidebar(page).get_by_text("Map filters").is_visible()


def on_page(page: Page, title: str) -> bool:
    link = nav_links(page).filter(has_text=title)
    if not nav_shown(page) or link.count() == 0:
        return False
    return link.first.get_attribute("aria-current") == "page" or (
        title == "Map" and page.url.split("?")[0].rstrip("/").count("/") == 2
    )


def presenting(page: Page) -> bool:
    return page.get_by_test_id("stCheckbox").filter(has_text="Presenter mode").count() > 0 and (
        not nav_shown(page)
    )


# --- actions: each returns a description, or None when it does not apply now ------------------


def go_page(page: Page, rng: random.Random) -> str | None:
    if not nav_shown(page):
        return None
    title = rng.choice(PAGES)
    nav_links(page).filter(has_text=title).first.click()
    return f"open page {title}"


def pick_multiselect(page: Page, rng: random.Random) -> str | None:
    if not sidebar_shown(page):
        return None
    boxes = sidebar(page).get_by_test_id("stMultiSelect")
    n = boxes.count()
    if n == 0:
        return None
    i = rng.randrange(n)
    box = boxes.nth(i)
    label = box.get_by_test_id("stWidgetLabel").inner_text().strip()
    removes = box.get_by_role("button", name=re.compile("^Remove "))
    if removes.count() and rng.random() < 0.4:
        k = rng.randrange(removes.count())
        text = removes.nth(k).get_attribute("aria-label")
        removes.nth(k).click()
        return f"{label}: {text}"
    # The open list can be redrawn or closed under us (a late rerun, the list scrolling one
    # option into view): then open it again, at most three times, rather than wait on a ghost.
    for _ in range(3):
        try:
            text = _choose_option(page, box, rng)
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
            settle(page)
            continue
        return f"{label}: open (no options left)" if text is None else f"{label}: add {text!r}"
    raise AssertionError(f"{label}: its options list kept changing while it was open")


def _choose_option(page: Page, box, rng: random.Random) -> str | None:
    """Open a multiselect and click a random option; its text, or None if none is left."""
    combo = box.get_by_role("combobox").first
    combo.click(timeout=OPTION_TIMEOUT)
    try:
        expect(combo).to_have_attribute("aria-expanded", "true", timeout=EXPAND_TIMEOUT)
    except AssertionError:  # a box whose every option is chosen opens at the second click
        combo.click(timeout=OPTION_TIMEOUT)
    page.get_by_role("option").first.wait_for(timeout=OPTION_TIMEOUT)  # "No results" counts
    options = page.get_by_role("option").filter(has_not_text="No results")
    n = options.count()
    if n == 0:
        page.keyboard.press("Escape")
        return None
    k = rng.randrange(n)
    text = options.nth(k).inner_text(timeout=OPTION_TIMEOUT)
    # By its text, not its place: the dropdown draws only the options in view, and scrolling
    # one into view redraws the list, so the k-th element may then be another or none.
    exact = re.compile(f"^{re.escape(text.strip())}$")
    options.filter(has_text=exact).first.click(timeout=OPTION_TIMEOUT)
    page.keyboard.press("Escape")
    return text


def toggle_match(page: Page, rng: random.Random) -> str | None:
    if not sidebar_shown(page):
        return None
    choice = rng.choice(["any of these risks", "all of them"])
    sidebar(page).get_by_text(choice).click()
    return f"match {choice}"


def move_period(page: Page, rng: random.Random) -> str | None:
    if not sidebar_shown(page):
        return None
    handles = sidebar(page).get_by_role("slider")
    if handles.count() == 0:
        return None
    k = rng.randrange(handles.count())
    key = rng.choice(["ArrowLeft", "ArrowRight"])
    steps = rng.randint(1, 6)
    handles.nth(k).focus()
    for _ in range(steps):
        page.keyboard.press(key)
    return f"period handle {k}: {key} x{steps}"


def show_everything(page: Page, rng: random.Random) -> str | None:
    if not sidebar_shown(page):
        return None
    sidebar(page).get_by_role("button", name="Show everything").click()
    return "show everything"


def matrix_click(page: Page, rng: random.Random) -> str | None:
    grid = page.get_by_test_id("stDataFrame")
    if not on_page(page, "Map") or grid.count() == 0:
        return None
    grid = grid.first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    if box is None:
        return None
    row = rng.randrange(max(1, min(10, int(box["height"] // 35) - 1)))
    x = rng.choice([15, 150, 420, 560, 700, 820])
    x = min(x, box["width"] - 10)
    page.mouse.click(box["x"] + x, box["y"] + 35 * (row + 1) + 17)
    return f"matrix click row {row} x {x:.0f}"


def matrix_toggle(page: Page, rng: random.Random) -> str | None:
    toggle = page.get_by_test_id("stCheckbox").filter(has_text="routes × risks table")
    if toggle.count() == 0:
        return None
    toggle.first.click()
    return "routes x risks table toggle"


def show_only(page: Page, rng: random.Random) -> str | None:
    button = page.get_by_role("button", name=re.compile("^Show only"))
    if button.count() == 0:
        return None
    button.first.click()
    return "show only the chosen route"


def map_click(page: Page, rng: random.Random) -> str | None:
    if page.locator(MAP_IFRAME).count() != 1:
        return None
    frame = page.frame_locator(MAP_IFRAME)
    items = frame.locator("path.leaflet-interactive")
    n = items.count()
    if n == 0:
        return None
    k = rng.randrange(n)
    name = items.nth(k).get_attribute("class") or ""
    items.nth(k).dispatch_event("click")
    ids = [c for c in name.split() if c.startswith("er-id-")]
    return f"map click {ids[0] if ids else k}"


def text_alternative(page: Page, rng: random.Random) -> str | None:
    toggle = page.get_by_test_id("stCheckbox").filter(has_text="Text alternative")
    if toggle.count() == 0:
        return None
    toggle.first.click()
    return "text alternative toggle"


def tour_keys(page: Page, rng: random.Random) -> str | None:
    if page.get_by_role("button", name=re.compile("Next")).count() == 0:
        return None
    key = rng.choice(["ArrowRight", "ArrowLeft", "ArrowRight"])
    page.get_by_test_id("stHeading").first.click()
    page.keyboard.press(key)
    return f"tour key {key}"


def tour_buttons(page: Page, rng: random.Random) -> str | None:
    name = rng.choice(["Next", "Previous"])
    button = page.get_by_role("button", name=re.compile(name))
    if button.count() == 0 or button.first.is_disabled():
        return None
    button.first.click()
    return f"tour button {name}"


def presenter(page: Page, rng: random.Random) -> str | None:
    toggle = page.get_by_test_id("stCheckbox").filter(has_text="Presenter mode")
    if toggle.count() == 0:
        return None
    toggle.first.click()
    return "presenter mode toggle"


def history(page: Page, rng: random.Random) -> str | None:
    if rng.random() < 0.5:
        page.go_back()
        return "back"
    page.go_forward()
    return "forward"


def reload(page: Page, rng: random.Random) -> str | None:
    page.goto(page.url)
    return f"reload {page.url.split('/', 3)[-1]}"


ACTION_WEIGHTS: list[tuple[Callable[[Page, random.Random], str | None], int]] = [
    (go_page, 8),
    (pick_multiselect, 12),
    (toggle_match, 3),
    (move_period, 4),
    (show_everything, 3),
    (matrix_toggle, 3),
    (matrix_click, 6),
    (show_only, 3),
    (map_click, 8),
    (text_alternative, 2),
    (tour_keys, 5),
    (tour_buttons, 4),
    (presenter, 3),
    (history, 3),
    (reload, 2),
]


def check(page: Page, map_frame_wait) -> None:
    assert page.get_by_test_id("stException").count() == 0, "Streamlit exception shown"
    assert page.get_by_text("Something went wrong").count() == 0, "error message shown"
    assert page.get_by_text("Page not found").count() == 0, "page-not-found notice shown"
    if page.locator(MAP_IFRAME).count():
        frame = map_frame_wait(page)
        drawn = frame.locator(".leaflet-container path").count()
        assert drawn > 0, "the map draws nothing"


@pytest.mark.parametrize("seed", SEEDS)
def test_monkey(page, app_url, map_frame, assert_clean, seed):
    """Random actions over every page never show an error and never break the map."""
    rng = random.Random(seed)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(app_url)
    map_frame(page)
    done: list[str] = []
    actions, weights = zip(*ACTION_WEIGHTS, strict=True)
    while len(done) < ACTIONS:
        action = rng.choices(actions, weights)[0]
        try:
            what = action(page, rng)
            if what is None:
                continue
            done.append(what)
            settle(page)
            check(page, map_frame)
            assert_clean(page)
        except BaseException as exc:  # name the seed and the way here, whatever broke
            steps = "\n".join(f"{n:4d}. {a}" for n, a in enumerate(done, 1))
            raise AssertionError(
                f"monkey seed {seed} failed after {len(done)} actions "
                f"(replay: MONKEY_SEEDS={seed} MONKEY_ACTIONS={len(done)}):\n{steps}\n{exc}"
            ) from exc
    print(f"monkey seed {seed}: {len(done)} actions, no error:", "; ".join(done))
