"""The map explorer in real Chromium, offline: clicks show evidence, filters and links work."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import apply
from tests.browser.lookup import dividing_risk, risk_told_of_a_shared_place, town

pytestmark = pytest.mark.browser


def route_paths(frame, route_id: str):
    return frame.locator(f"path.er-route-{route_id}")


def test_clicking_a_town_shows_its_quote(page, app_url, map_frame, assert_clean, atlas):
    """A click on a town's point opens its popup and the evidence panel with a quote."""
    page.goto(app_url)
    frame = map_frame(page)
    place = town(atlas)
    first_quote = atlas.quotes[place.quotes[0]].text
    snippet = first_quote[:40]
    frame.locator(f"path.er-id-{place.id}").dispatch_event("click")
    expect(frame.locator(".leaflet-popup-content")).to_contain_text(snippet, timeout=15_000)
    panel = page.locator(".er-panel")
    expect(panel).to_contain_text(place.name, timeout=20_000)
    expect(panel).to_contain_text(snippet)
    expect(page).to_have_url(f"{app_url}/?sel={place.id}", timeout=10_000)
    assert_clean(page)


def test_risk_filter_removes_and_keeps_routes(page, app_url, map_frame, assert_clean, atlas):
    """Choosing a risk in the sidebar drops a route without it and keeps one with it."""
    risk, shown, dropped_routes = dividing_risk(atlas)
    kept, dropped = shown[0], dropped_routes[0]
    page.goto(app_url)
    frame = map_frame(page)
    expect(route_paths(frame, dropped).first).to_be_attached()
    frame.locator(".leaflet-container").evaluate(
        "() => { window.__sameFrame = 1; window.map.setView([40.5, 121.5], 6); }"
    )
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stMultiSelect").filter(has_text="Risks").locator("input").click()
    page.get_by_role("option", name=atlas.risks[risk].label).click()
    page.keyboard.press("Escape")
    expect(route_paths(frame, dropped)).to_have_count(0, timeout=20_000)
    expect(route_paths(frame, kept).first).to_be_attached()
    assert frame.locator(".leaflet-container").evaluate("() => window.__sameFrame") == 1, (
        "the map's iframe reloaded on a filter change"
    )
    view = frame.locator(".leaflet-container").evaluate(
        "() => [window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]"
    )
    assert view == pytest.approx([40.5, 121.5, 6], abs=0.01), "the filter moved the map"
    expect(page).to_have_url(f"{app_url}/?risks={risk}", timeout=10_000)
    assert_clean(page)


def test_risk_filter_keeps_only_routes_whose_own_passages_carry_it(
    page, app_url, map_frame, assert_clean, atlas
):
    """A risk told of a place several routes share (northeast China) keeps none of the routes
    that merely start there; a route whose own legs carry it stays."""
    risk, own, only_shared = risk_told_of_a_shared_place(atlas)
    page.goto(f"{app_url}/?risks={risk}")
    frame = map_frame(page)
    for rid in own:
        expect(route_paths(frame, rid).first).to_be_attached(timeout=20_000)
    for rid in only_shared:
        expect(route_paths(frame, rid)).to_have_count(0)
    shown = frame.locator("path[class*='er-route-']")
    classes = " ".join(shown.evaluate_all("els => els.map(e => e.getAttribute('class'))"))
    assert {r for r in atlas.routes if f"er-route-{r} " in classes + " "} == set(own)
    assert_clean(page)


def test_pasted_link_restores_view(page, app_url, map_frame, assert_clean, atlas):
    """A link with filters and a selection opens with the same filters and the item selected:
    forced returns, a risk of a place on one, that place selected."""
    status = "repatriation"
    risk, view = next(
        (risk, v)
        for risk in atlas.risks
        if (v := apply(atlas, Filter(risks=frozenset({risk}), statuses=frozenset({status}))))
        .places and len(v.routes) < len(atlas.routes)
    )  # fmt: skip
    place = next(iter(view.places))
    hidden = next(r for r in atlas.routes if r not in view.routes)
    page.goto(f"{app_url}/?risks={risk}&status={status}&sel={place}")
    frame = map_frame(page)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_contain_text(atlas.risks[risk].label)
    expect(sidebar).to_contain_text(atlas.vocab.label("statuses", status))
    expect(page.locator(".er-panel")).to_contain_text(atlas.places[place].name)
    expect(route_paths(frame, view.routes[0]).first).to_be_attached()
    expect(route_paths(frame, hidden)).to_have_count(0)
    assert_clean(page)


def test_bad_link_warns_and_map_still_draws(page, app_url, map_frame, assert_clean):
    """Unknown link parameters give a warning; the map still appears."""
    page.goto(f"{app_url}/?risks=nope&zoom=banana")
    map_frame(page)
    expect(page.get_by_test_id("stAlert").first).to_contain_text("not understood")
    expect(page.locator("body")).to_contain_text("'nope'")
    assert_clean(page)
