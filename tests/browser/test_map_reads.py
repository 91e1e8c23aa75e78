"""The map reads without clicking (issue 18, 3-4): every symbol has a name, the places a view is
about before country names, no name repeats a country's beside it; the legend fits the map at a
laptop's and a projector's size and never covers the places a tour step is about."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.screen import (
    SIZE_IDS,
    SIZES,
    in_page,
    in_page_each,
    inside,
    labels_settled,
    map_box,
    overlap,
)

pytestmark = pytest.mark.browser


def heading(page, n: int, title: str):
    return page.get_by_test_id("stHeading").filter(has_text=f"{n}. {title}").first


def marker_ids(frame) -> list[str]:
    return frame.locator("path.er-place").evaluate_all(
        "els => els.map(e => [...e.classList].find(c => c.startsWith('er-id-')).slice(6))"
    )


def assert_every_symbol_named(page, frame, where: str) -> None:
    """Each place marker in view (not under a control) has its name beside it, visible; no
    place's name is a country name also written on the map."""
    labels_settled(page, frame)
    area = map_box(page, frame)
    controls = [c["box"] for c in in_page(page, frame, ".leaflet-control")]
    ids = marker_ids(frame)
    marks = [f"path.er-id-{pid}" for pid in ids]  # each marker, and its name
    found = in_page_each(page, frame, marks + [f'.er-maplabel-place[data-id="{i}"]' for i in ids])
    markers, names = found[: len(ids)], found[len(ids) :]
    for pid, drawn, named in zip(ids, markers, names, strict=True):
        if not drawn or not inside(drawn[0]["box"], area):  # Leaflet skips what is far away
            continue
        if any(overlap(drawn[0]["box"], c) for c in controls):
            continue
        assert named, f"{where}: the place {pid} has no name on the map"
    countries = {lab["text"].casefold() for lab in in_page(page, frame, ".er-maplabel-country")}
    places = {lab["text"].casefold() for lab in in_page(page, frame, ".er-maplabel-place")}
    assert not countries & places, f"{where}: named twice: {countries & places}"


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_every_symbol_is_named_at_the_first_view(page, app_url, map_frame, size):
    """The map page's first view: every place marker in view has its name, the dashed
    schematic symbols included."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(app_url)
    assert_every_symbol_named(page, map_frame(page), "first view")


def test_every_symbol_is_named_on_every_tour_step(page, app_url, map_frame, atlas):
    """At 1280x720, on each tour step, every place marker in view is named: the step's own
    places before any country name (they are all on the map)."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/tour?step=1")
    frame = map_frame(page)
    for n, step in enumerate(atlas.tour, start=1):
        expect(heading(page, n, step.title)).to_be_visible(timeout=20_000)
        assert_every_symbol_named(page, frame, f"step {n}")
        if n < len(atlas.tour):
            page.get_by_role("button", name=re.compile("Next")).click()


def test_a_country_wide_symbol_reads_as_the_whole_country(page, app_url, map_frame, atlas):
    """The symbol for China as a whole keeps its note, so it never reads as a second CHINA."""
    china = next(p for p in atlas.places.values() if p.name.startswith("China ("))
    page.goto(f"{app_url}/?sel={china.id}")
    frame = map_frame(page)
    labels_settled(page, frame)
    expect(frame.locator(f'.er-maplabel-place[data-id="{china.id}"]')).to_have_text(china.name)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_open_legend_fits_the_map(page, app_url, map_frame, size):
    """On the map page the legend is open and wholly inside the map, its last entry included,
    with nothing scrolled out of sight inside it."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(app_url)
    frame = map_frame(page)
    labels_settled(page, frame)
    area = map_box(page, frame)
    legend = frame.locator(".er-legend")
    expect(legend.locator("details").first).to_have_attribute("open", "")
    box = in_page(page, frame, ".er-legend")[0]["box"]
    last = in_page(page, frame, ".er-legend .er-cues summary")[0]["box"]
    assert inside(box, area) and inside(last, area), f"{box} {last} not inside {area}"
    hidden = legend.evaluate("e => e.scrollHeight - e.clientHeight")
    assert hidden <= 1, f"{hidden} px of the legend are scrolled out of sight"


def test_the_legend_never_covers_a_steps_places(page, app_url, map_frame, atlas):
    """Opened on the first step and left open, the legend never lies over the places of the
    step shown (it closes where it would)."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/tour?step=1")
    frame = map_frame(page)
    details = frame.locator(".er-legend details").first
    expect(details).not_to_have_attribute("open", "")  # the tour's legend starts closed
    frame.locator(".er-legend summary").first.click()
    expect(details).to_have_attribute("open", "")
    for n, step in enumerate(atlas.tour, start=1):
        expect(heading(page, n, step.title)).to_be_visible(timeout=20_000)
        labels_settled(page, frame)
        legend = in_page(page, frame, ".er-legend")[0]["box"]
        for pid in step.places:
            for marker in in_page(page, frame, f"path.er-id-{pid}"):
                assert not overlap(legend, marker["box"]), f"step {n}: the legend covers {pid}"
        if n < len(atlas.tour):
            page.get_by_role("button", name=re.compile("Next")).click()
