"""Filtering by risk, seen on the map itself (issue 18, 1-2): a line on the map says what is
filtered, an empty result says so with a way back, the legs and places whose own passages carry
the risk are emphasised with its cue and the rest of each route dimmed, the layers control is
gone; the one-file map does the same, and a place it hides loses its name."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import expect

from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import apply
from escape_routes.outputs import mapfile
from tests.browser.waits import map_still

pytestmark = pytest.mark.browser

DIMMED, FULL = "0.3", "1"


def mixed_risk(atlas) -> str:
    """A risk that some shown route carries on one leg and not on another (content-chosen)."""
    for risk in atlas.risks:
        visible = apply(atlas, Filter(risks=frozenset({risk})))
        for rid in visible.routes:
            legs = [visible.segments[s.id] for s in atlas.route_segments(rid)
                    if s.id in visible.segments]  # fmt: skip
            if {risk in leg.risks for leg in legs} == {True, False}:
                return risk
    pytest.fail("no route carries a risk on one leg and not on another")


def test_the_filter_is_said_on_the_map(page, app_url, map_frame, atlas, assert_clean):
    """A line at the top of the map names the chosen risk with its cue and the count; there is
    no layers control (the Routes filter is the one way to hide routes)."""
    risk = mixed_risk(atlas)
    shown = apply(atlas, Filter(risks=frozenset({risk})))
    page.goto(f"{app_url}/?risks={risk}")
    frame = map_frame(page)
    line = frame.locator(".er-filterline")
    expect(line).to_contain_text(atlas.risks[risk].label)
    expect(line).to_contain_text(f"{len(shown.routes)} of {len(atlas.routes)} routes")
    expect(line.locator(".er-cue").first).to_have_text(atlas.risks[risk].cue)
    expect(line.get_by_role("button", name="Show everything")).to_be_visible()
    expect(frame.locator(".leaflet-control-layers")).to_have_count(0)
    assert_clean(page)


def test_an_empty_result_says_so_and_one_click_brings_everything_back(
    page, app_url, map_frame, atlas, assert_clean
):
    """ "All of" two risks no route has together: the map says nothing matches; its "Show
    everything" clears the filters, the link and the line."""
    pair = next(
        (a, b)
        for a, b in itertools.combinations(atlas.risks, 2)
        if not apply(atlas, Filter(risks=frozenset({a, b}), mode="all")).routes
        and not apply(atlas, Filter(risks=frozenset({a, b}), mode="all")).places
    )
    page.goto(f"{app_url}/?risks={','.join(sorted(pair))}&mode=all")
    frame = map_frame(page)
    line = frame.locator(".er-filterline")
    expect(line).to_contain_text("Nothing matches")
    expect(frame.locator("path[class*='er-route-']")).to_have_count(0)
    line.get_by_role("button", name="Show everything").click()
    expect(page).to_have_url(f"{app_url}/", timeout=20_000)
    for rid in atlas.routes:
        expect(frame.locator(f"path.er-route-{rid}").first).to_be_attached()
    expect(line).to_be_hidden()
    assert_clean(page)


def assert_emphasis(root, atlas, risk: str, visible) -> None:
    """Each shown leg is drawn full strength iff its own passages carry the risk, dimmed
    otherwise; one cue per carrying leg; every shown place's name carries the cue."""
    carrying = [sid for sid, leg in visible.segments.items() if risk in leg.risks]
    assert carrying and len(carrying) < len(visible.segments)
    for sid, leg in visible.segments.items():
        want = FULL if risk in leg.risks else DIMMED
        expect(root.locator(f"path.er-id-{sid}").first).to_have_attribute("stroke-opacity", want)
    cue = atlas.risks[risk].cue
    expect(root.locator(".er-cue-icon")).to_have_count(len(carrying))
    for i in range(len(carrying)):
        expect(root.locator(".er-cue-icon").nth(i)).to_have_text(cue)
    for pid in visible.places:
        expect(root.locator(f'.er-maplabel-place[data-id="{pid}"] .er-cue')).to_have_text(cue)


def test_legs_and_places_carrying_the_risk_are_emphasised(
    page, app_url, map_frame, atlas, assert_clean
):
    """Where on a route the risk is: its carrying legs full strength with the cue, the rest of
    the route dimmed (checked against the content's passages)."""
    risk = mixed_risk(atlas)
    page.goto(f"{app_url}/?risks={risk}")
    frame = map_frame(page)
    frame.locator(".er-cue-icon").first.wait_for(timeout=20_000)
    assert_emphasis(frame, atlas, risk, apply(atlas, Filter(risks=frozenset({risk}))))
    assert_clean(page)


@pytest.fixture(scope="module")
def export_file(atlas, tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "escape-routes.html"
    out.write_text(mapfile.standalone_html(atlas), encoding="utf-8")
    return out


def test_the_export_filters_like_the_app(page, export_file, atlas, assert_clean):
    """In the one-file map a chosen risk gives the same line, the same emphasis, names only on
    the places still shown, and a caption and legend that agree."""
    risk = mixed_risk(atlas)
    shown = apply(atlas, Filter(risks=frozenset({risk})))
    page.goto(export_file.as_uri())
    names = page.locator(".er-maplabel-place:visible")
    names.first.wait_for()
    before = {names.nth(i).get_attribute("data-id") for i in range(names.count())}
    assert before - set(shown.places), "the first view should name places the risk hides"
    page.locator(".er-filter summary").click()
    page.locator(f"input[name=er-risk][value={risk}]").check()
    expect(page.locator(".er-filterline")).to_contain_text(atlas.risks[risk].label)
    expect(page.locator("path.er-place")).to_have_count(len(shown.places))
    # A hidden place loses its name: only places still shown are named.
    map_still(page)  # labels are placed at the next frame
    after = {names.nth(i).get_attribute("data-id") for i in range(names.count())}
    assert after <= set(shown.places), after - set(shown.places)
    caption = f"Showing {shown.summary(atlas)}."
    expect(page.locator("#er-count")).to_have_text(caption)
    expect(page.locator(".er-filterline")).to_contain_text(shown.summary(atlas))
    on = page.locator(".er-routes button:not(.er-off)")
    expect(on).to_have_count(len(shown.routes))
    assert {on.nth(i).get_attribute("data-route") for i in range(on.count())} == set(shown.routes)
    assert_emphasis(page, atlas, risk, shown)
    page.locator(".er-filterline").get_by_role("button", name="Show everything").click()
    expect(page.locator(".er-filterline")).to_be_hidden()
    expect(page.locator("path.er-place")).to_have_count(len(atlas.places))
    assert_clean(page)
