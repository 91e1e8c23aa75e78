"""What a class sees on a laptop (1366x768) and a projector (1280x720), in real Chromium.

The map is read without clicking (country, river and place names that never overlap and are
never cut), it fills most of the first screen, the first click opens its popup, a linked popup
is wholly in view, the tour's arrow keys survive a click on the map, and a presenter-mode step
fits one 1280x720 screen.
"""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import expect

from escape_routes.content.derived import derived
from escape_routes.content.geometry import drawn_line
from escape_routes.content.sentences import plain
from escape_routes.map import folium_map
from escape_routes.map.labels import place_label
from tests.browser.lookup import town, towns
from tests.browser.screen import (
    SIZE_IDS,
    SIZES,
    frame_box,
    in_page,
    inside,
    labels_settled,
    map_box,
    overlap,
    scrolled,
    share_of_screen,
)
from tests.browser.waits import map_frame_of, map_settled

pytestmark = pytest.mark.browser

MIN_SHARE = 0.60
KOREA = ((33.1, 124.2), (43.0, 130.9))  # the peninsula's bounding box, (south, west), (north, east)


@pytest.fixture(params=SIZES, ids=SIZE_IDS)
def size(request, page):
    """The page at a laptop's and a projector's size."""
    w, h = request.param
    page.set_viewport_size({"width": w, "height": h})
    return request.param


def heading(page):
    return page.get_by_test_id("stHeading").filter(has_text=". ").first


def assert_labels_readable(page, frame) -> list[dict]:
    """No two visible labels overlap; none is cut at the map's edge or hidden by a control."""
    labels = labels_settled(page, frame)
    area = map_box(page, frame)
    controls = in_page(page, frame, ".leaflet-control")
    for a, b in itertools.combinations(labels, 2):
        assert not overlap(a["box"], b["box"]), f"{a['text']!r} overlaps {b['text']!r}"
    for lab in labels:
        assert inside(lab["box"], area), f"{lab['text']!r} is cut at the map's edge"
        for c in controls:
            assert not overlap(lab["box"], c["box"]), f"{lab['text']!r} is under a control"
    return labels


def test_map_labels_countries_rivers_places(page, size, app_url, map_frame, assert_clean, atlas):
    """The first view names Korea's neighbours, the Tumen and the Yalu and the places, with no
    two names overlapping and none cut; the legend is open, on screen and not over Korea."""
    page.goto(app_url)
    frame = map_frame(page)
    labels = assert_labels_readable(page, frame)
    texts = {lab["text"] for lab in labels}
    for name in ("North Korea", "South Korea", "China", "Tumen River", "Yalu River"):
        assert name in texts, f"{name} is not written on the map ({sorted(texts)})"
    places = {lab["text"] for lab in in_page(page, frame, ".er-maplabel-place")}
    (south, west), (north, east) = KOREA
    korean = [p for p in towns(atlas) if south <= p.lat <= north and west <= p.lon <= east]
    assert korean, "no town on or beside the peninsula"
    assert {place_label(atlas, p) for p in korean} <= places, "a town around Korea is not named"
    assert min(lab["px"] for lab in labels) >= folium_map.LABEL_PX
    legend = in_page(page, frame, ".er-legend")[0]["box"]
    assert frame.locator(".er-legend details").first.get_attribute("open") is not None
    assert inside(legend, [0, 0, size[0], size[1]]), "the legend is not on the first screen"
    south_west, north_east = (
        frame.locator(".leaflet-container").evaluate(
            "(c, ll) => { const p = window.map.latLngToContainerPoint(ll); return [p.x, p.y]; }",
            list(corner),
        )
        for corner in KOREA
    )
    fx, fy = frame_box(page)[:2]
    korea = [south_west[0] + fx, north_east[1] + fy, north_east[0] + fx, south_west[1] + fy]
    assert not overlap(legend, korea), "the legend covers Korea"
    assert_clean(page)


@pytest.mark.parametrize("path", ["", "tour?step=2"], ids=["map", "tour"])
def test_map_takes_most_of_the_first_screen(page, size, app_url, map_frame, path):
    """At least 60 % of the first screen is map, on the map page and in the tour."""
    page.goto(f"{app_url}/{path}")
    frame = map_frame(page)
    map_settled(page)  # the frame is sized to the window as the page settles
    share = share_of_screen(page, map_box(page, frame))
    print(f"map share at {size[0]}x{size[1]} /{path}: {share:.1%}")
    assert share >= MIN_SHARE, f"the map is {share:.0%} of the first screen"


def clickable_place(page, frame, atlas):
    """The first place (towns first) whose point, at its centre, is its own marker on top (no
    label, control or other marker over it), and that centre on the page."""
    fx, fy = frame_box(page)[:2]
    for place in [*towns(atlas), *atlas.places.values()]:
        found = in_page(page, frame, f"path.er-id-{place.id}")
        if not found:
            continue
        box = found[0]["box"]
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        on_top = frame.locator("body").evaluate(
            "(b, [x, y, cls]) => { const e = document.elementFromPoint(x, y);"
            " return Boolean(e) && e.classList.contains(cls); }",
            [x - fx, y - fy, f"er-id-{place.id}"],
        )
        if on_top:
            return place, (x, y)
    raise AssertionError("no place's marker can be clicked at its centre")


def test_first_click_opens_the_popup(page, size, app_url, map_frame, assert_clean, atlas):
    """A real mouse click on a place opens its popup at once; the page does not jump."""
    page.goto(app_url)
    frame = map_frame(page)
    labels_settled(page, frame)
    place, (x, y) = clickable_place(page, frame, atlas)
    before = scrolled(page)
    page.mouse.click(x, y)
    expect(frame.locator(".leaflet-popup-content")).to_contain_text(place.name, timeout=5_000)
    assert scrolled(page) == before, "pressing the mouse scrolled the page"
    expect(page).to_have_url(re.compile(rf"sel={place.id}"), timeout=15_000)
    assert_clean(page)


def test_linked_popup_is_wholly_in_view(page, size, app_url, map_frame, assert_clean, atlas):
    """`?sel=ID` opens that town's popup inside the map, clear of every control."""
    page.goto(f"{app_url}/?sel={town(atlas).id}")
    frame = map_frame(page)
    expect(frame.locator(".leaflet-popup")).to_be_visible(timeout=15_000)
    map_settled(page)
    popup = in_page(page, frame, ".leaflet-popup")[0]["box"]
    assert inside(popup, map_box(page, frame)), f"the popup is cut: {popup}"
    for control in in_page(page, frame, ".leaflet-control"):
        assert not overlap(popup, control["box"]), "a control covers the popup"
    assert_clean(page)


def test_schematic_note_is_beside_the_map_not_on_it(page, app_url, map_frame):
    """The "not guidance" note is shown on the page, outside the map, on the first screen."""
    page.goto(app_url)
    frame = map_frame(page)
    note = page.get_by_text("Not guidance for anyone making the journey").first
    expect(note).to_be_visible()
    box = note.bounding_box()
    assert box is not None and box["y"] + box["height"] <= frame_box(page)[1]
    expect(frame.locator(".er-schematic")).to_have_count(0)


def route_bounds(atlas, rid: str) -> list[list[float]]:
    """[[south, west], [north, east]] of a route's drawn lines."""
    points = [p for s in atlas.route_segments(rid) for p in drawn_line(s)]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def test_legend_entry_and_region_control_move_the_map(page, app_url, map_frame, atlas):
    """A click on a route in the legend fits the map to it; "Whole region" shows every route."""
    page.goto(app_url)
    frame = map_frame(page)
    container = frame.locator(".leaflet-container")
    map_settled(page)
    zoom = container.evaluate("() => window.map.getZoom()")
    shortest = min(atlas.routes, key=lambda r: derived(atlas).route_km[r])
    frame.locator(f'.er-legend [data-route="{shortest}"]').click()
    fitted = "([b, z]) => window.map.getZoom() > z && window.map.getBounds().pad(0.01).contains(b)"
    map_frame_of(page).wait_for_function(fitted, arg=[route_bounds(atlas, shortest), zoom])
    frame.get_by_role("button", name="Whole region").click()
    shown = "(b) => window.map.getBounds().pad(0.01).contains(b)"
    map_frame_of(page).wait_for_function(shown, arg=folium_map.region_bounds(atlas))


@pytest.mark.parametrize("zoom", [3, 5, 7])
def test_short_routes_stay_visible(page, app_url, map_frame, atlas, zoom):
    """Legs a few km long (the river crossings), in view around Korea, are drawn at least 30 px
    long at any zoom."""
    short = [
        s
        for s in atlas.segments.values()
        if derived(atlas).segment_km[s.id] < folium_map.SHORT_ROUTE_KM
    ]
    page.goto(app_url)
    frame = map_frame(page)
    container = frame.locator(".leaflet-container")
    # A statement: setView() returns the map, which evaluate() would serialise back (seconds).
    container.evaluate("(c, z) => { window.map.setView([41.5, 127], z, {animate: false}); }", zoom)
    map_settled(page)
    in_view = "(c, ends) => ends.every((ll) => window.map.getBounds().contains(ll))"
    shown = [s.id for s in short if container.evaluate(in_view, [c[::-1] for c in s.coords])]
    assert any(atlas.segments[s].means == "river_crossing" for s in shown), "a river crossing"
    for sid in shown:
        box = in_page(page, frame, f"path.er-id-{sid}")[0]["box"]
        length = ((box[2] - box[0]) ** 2 + (box[3] - box[1]) ** 2) ** 0.5
        assert length >= 30, f"{sid} is {length:.0f} px long at zoom {zoom}"


def test_arrow_keys_work_after_a_click_on_the_tour_map(page, size, app_url, map_frame, atlas):
    """After a click on the tour's map, → and ← still change steps."""
    page.goto(f"{app_url}/tour?step=2")
    frame = map_frame(page)
    box = map_box(page, frame)
    page.mouse.click((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    page.keyboard.press("ArrowRight")
    expect(heading(page)).to_contain_text(f"3. {atlas.tour[2].title}", timeout=20_000)
    frame.locator(".leaflet-container").click(position={"x": 300, "y": 200})
    page.keyboard.press("ArrowLeft")
    expect(heading(page)).to_contain_text(f"2. {atlas.tour[1].title}", timeout=20_000)


def test_presenter_steps_fit_one_projector_screen(page, app_url, map_frame, assert_clean, atlas):
    """At 1280x720 in presenter mode every step's title, map, quotes and question fit the screen
    without scrolling; map labels and citations are 18 px or larger."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/tour?step=1&present=1")
    frame = map_frame(page)
    for n, step in enumerate(atlas.tour, start=1):
        expect(heading(page)).to_contain_text(f"{n}. {step.title}", timeout=20_000)
        map_settled(page)
        question = page.locator("p.er-question")
        expect(question).to_contain_text(plain(step.question)[:30])
        bottom = question.bounding_box()
        assert bottom is not None and bottom["y"] + bottom["height"] <= 720, f"step {n}: question"
        assert scrolled(page) == 0
        overflow = page.evaluate(
            "() => { const m = document.querySelector('[data-testid=stMain]');"
            " return m.scrollHeight - m.clientHeight; }"
        )
        assert overflow <= 1, f"step {n}: the page scrolls by {overflow} px"
        assert inside(map_box(page, frame), [0, 0, 1280, 720]), f"step {n}: the map is cut"
        cites = page.locator(".er-tour .er-cite").evaluate_all(
            "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        for px in cites:
            assert px >= 18, f"step {n}: a citation is {px} px"
        labels = in_page(page, frame, ".er-maplabel")
        assert labels and min(lab["px"] for lab in labels) >= 18, f"step {n}: map labels"
        if n < len(atlas.tour):
            page.get_by_role("button", name=re.compile("Next")).click()
    assert_clean(page)


def test_presenter_mode_is_in_the_step_link(page, app_url, map_frame, assert_clean, atlas):
    """`&present=1` opens presenter mode and survives a reload; "Link to this step" keeps it
    and opens in the same tab."""
    page.goto(f"{app_url}/tour?step=3&present=1")
    map_frame(page)
    expect(page.get_by_test_id("stTopNav")).to_be_hidden()
    link = page.get_by_role("link", name="Link to this step")
    expect(link).to_have_attribute("href", re.compile(r"step=3.*present=1|present=1.*step=3"))
    assert link.get_attribute("target") in (None, "_self")
    page.reload()
    map_frame(page)
    expect(heading(page)).to_contain_text(f"3. {atlas.tour[2].title}")
    expect(page.get_by_test_id("stTopNav")).to_be_hidden()
    link.click()
    map_frame(page)
    expect(page).to_have_url(re.compile(r"present=1"))
    assert len(page.context.pages) == 1, "the link opened another tab"
    assert_clean(page)


def test_unknown_step_warns_and_shows_the_nearest(page, app_url, map_frame, atlas):
    """`?step=99` says there is no such step and shows the last one."""
    page.goto(f"{app_url}/tour?step=99")
    map_frame(page)
    last = len(atlas.tour)
    expect(page.get_by_test_id("stAlert").first).to_contain_text("not understood")
    expect(page.get_by_text(f"showing step {last}")).to_be_visible()
    expect(heading(page)).to_contain_text(f"{last}. {atlas.tour[-1].title}")
