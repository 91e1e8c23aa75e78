"""The one-file outputs opened from disk, network blocked: the map, the tour, the handout."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from escape_routes import export

pytestmark = pytest.mark.browser


def serious_axe_violations(page) -> list[str]:
    """axe's serious and critical findings on the page, one line each."""
    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(scope="module")
def export_file(atlas, tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "escape-routes.html"
    out.write_text(export.standalone_html(atlas), encoding="utf-8")
    return out


def test_export_panel_shows_every_passage(page, atlas, export_file, assert_clean):
    """Clicking the place with the most quotes shows all of them in the panel beside the map."""
    pid = max(atlas.places, key=lambda p: len(atlas.places[p].quotes))
    page.goto(export_file.as_uri())
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(f"path.er-id-{pid}").dispatch_event("click")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("more passage(s) in the panel")
    card = page.locator(f"#ev-{pid}")
    expect(card).to_be_visible()
    expect(card.locator(".er-quote")).to_have_count(len(atlas.places[pid].quotes))
    for q in atlas.places[pid].quotes:
        expect(card).to_contain_text(atlas.quotes[q].text[:60])
    expect(page.locator("#er-pick")).to_have_value(pid)
    assert_clean(page)


def test_export_chooser_reaches_every_item(page, atlas, export_file, assert_clean):
    """Every place and segment can be chosen from the panel, with every one of its passages."""
    page.goto(export_file.as_uri())
    pick = page.locator("#er-pick")
    items = [*atlas.places.values(), *atlas.segments.values()]
    assert pick.locator("option[value]:not([value=''])").count() == len(items)
    for item in items:
        pick.select_option(item.id)
        card = page.locator(f"#ev-{item.id}")
        expect(card).to_be_visible()
        expect(card.locator(".er-quote")).to_have_count(len(item.quotes))
    expect(page.locator(".er-ev:visible")).to_have_count(1)
    expect(page.locator(".leaflet-popup")).to_have_count(1)  # the others have faded out
    expect(page.locator(".leaflet-popup-content")).to_contain_text(items[-1].name)
    assert_clean(page)


def test_export_risk_filter_hides_routes_without_that_risk(page, atlas, export_file, assert_clean):
    """Choosing a risk hides a route that has none of its passages; clearing shows it again."""
    from escape_routes.filters import Filter, apply

    risk, hidden = next(
        (r, rid)
        for r in atlas.risks
        for rid in atlas.routes
        if rid not in apply(atlas, Filter(risks=frozenset({r}))).routes
    )
    shown = apply(atlas, Filter(risks=frozenset({risk})))
    page.goto(export_file.as_uri())
    expect(page.locator(f"path.er-route-{hidden}").first).to_be_attached()
    page.locator(".er-filter summary").click()
    page.locator(f"input[name=er-risk][value={risk}]").check()
    expect(page.locator(f"path.er-route-{hidden}")).to_have_count(0)
    for rid in shown.routes:
        expect(page.locator(f"path.er-route-{rid}").first).to_be_attached()
    expect(page.locator("#er-count")).to_have_text(f"Showing {shown.summary(atlas)}.")
    page.get_by_role("button", name="Show everything").click()
    expect(page.locator(f"path.er-route-{hidden}").first).to_be_attached()
    assert_clean(page)


def test_export_has_legend_and_no_serious_axe_findings(page, export_file, assert_clean):
    """The legend is on the map, and axe finds nothing serious or critical."""
    page.goto(export_file.as_uri())
    legend = page.locator(".er-legend")
    expect(legend).to_be_visible()
    legend.locator("summary").first.click()
    expect(legend.locator("table").first).to_be_visible()
    page.locator("path.er-id-yanji").dispatch_event("click")
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")  # faded in
    assert serious_axe_violations(page) == []
    assert_clean(page)
