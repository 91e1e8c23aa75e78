"""The map explorer in real Chromium, offline: clicks show evidence, filters and links work."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import apply

pytestmark = pytest.mark.browser


def route_paths(frame, route_id: str):
    return frame.locator(f"path.er-route-{route_id}")


def test_clicking_yanji_shows_its_quote(page, app_url, map_frame, assert_clean, atlas):
    """A click on the Yanji point opens its popup and the evidence panel with a quote."""
    page.goto(app_url)
    frame = map_frame(page)
    yanji = atlas.places["yanji"]
    first_quote = atlas.quotes[yanji.quotes[0]].text
    snippet = first_quote[:40]
    frame.locator("path.er-id-yanji").dispatch_event("click")
    expect(frame.locator(".leaflet-popup-content")).to_contain_text(snippet, timeout=15_000)
    panel = page.locator(".er-panel")
    expect(panel).to_contain_text(yanji.name, timeout=20_000)
    expect(panel).to_contain_text(snippet)
    expect(page).to_have_url(f"{app_url}/?sel=yanji", timeout=10_000)
    assert_clean(page)


def test_risk_filter_removes_and_keeps_routes(page, app_url, map_frame, assert_clean, atlas):
    """Choosing a risk in the sidebar drops a route without it and keeps one with it."""
    risk = "terrain"
    shown = apply(atlas, Filter(risks=frozenset({risk}))).routes
    kept = shown[0]
    dropped = next(r for r in atlas.routes if r not in shown)
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
    """A risk told only of a place several routes share (northeast China) keeps none of the
    routes that merely start there; a route whose own legs carry it stays."""
    from escape_routes.explore.scoping import evidence, routes_of_places

    risk = "trafficking-forced-marriage"
    own = [r for r in atlas.routes if risk in evidence(atlas, r).own_risks()]
    only_shared = [
        r
        for r in routes_of_places(atlas)["northeast-china"]
        if r not in own and evidence(atlas, r).shared[risk]
    ]
    assert own and only_shared, "the content should have both kinds of route"
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
    """A link with filters and a selection opens with the same filters and the item selected."""
    # the camps are where punishment after return happens (the return itself is on the line)
    page.goto(f"{app_url}/?risks=punishment-after-return&status=repatriation&sel=prison-camps")
    frame = map_frame(page)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_contain_text(atlas.risks["punishment-after-return"].label)
    expect(sidebar).to_contain_text("Forced return")
    expect(page.locator(".er-panel")).to_contain_text(atlas.places["prison-camps"].name)
    expect(route_paths(frame, "forced-repatriation").first).to_be_attached()
    expect(route_paths(frame, "tumen-crossing")).to_have_count(0)
    assert_clean(page)


def test_bad_link_warns_and_map_still_draws(page, app_url, map_frame, assert_clean):
    """Unknown link parameters give a warning; the map still appears."""
    page.goto(f"{app_url}/?risks=nope&zoom=banana")
    map_frame(page)
    expect(page.get_by_test_id("stAlert").first).to_contain_text("not understood")
    expect(page.locator("body")).to_contain_text("'nope'")
    assert_clean(page)
