"""Classroom mode in real Chromium: the tour by keyboard and link, presenter mode, the export."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from escape_routes.outputs import handout, mapfile
from tests.browser.lookup import town

pytestmark = pytest.mark.browser


def heading(page):
    return page.get_by_test_id("stHeading").filter(has_text=". ").first


def test_arrow_keys_move_through_the_tour(page, app_url, map_frame, assert_clean, atlas):
    """Right goes to the next step and Left back; the map moves without reloading."""
    page.goto(f"{app_url}/tour")
    frame = map_frame(page)
    expect(heading(page)).to_contain_text(f"1. {atlas.tour[0].title}")
    frame.locator(".leaflet-container").evaluate("() => { window.__sameFrame = 1; }")
    heading(page).click()  # focus on the page, not inside the map
    page.keyboard.press("ArrowRight")
    expect(heading(page)).to_contain_text(f"2. {atlas.tour[1].title}", timeout=20_000)
    page.keyboard.press("ArrowRight")
    expect(heading(page)).to_contain_text(f"3. {atlas.tour[2].title}", timeout=20_000)
    page.keyboard.press("ArrowLeft")
    expect(heading(page)).to_contain_text(f"2. {atlas.tour[1].title}", timeout=20_000)
    expect(page).to_have_url(f"{app_url}/tour?step=2")
    assert frame.locator(".leaflet-container").evaluate("() => window.__sameFrame") == 1
    assert_clean(page)


def test_step_link_opens_that_step(page, app_url, map_frame, assert_clean, atlas):
    """`/tour?step=N` opens step N with its quote in large type."""
    n = min(5, len(atlas.tour))
    page.goto(f"{app_url}/tour?step={n}")
    map_frame(page)
    step = atlas.tour[n - 1]
    expect(heading(page)).to_contain_text(f"{n}. {step.title}")
    expect(page.locator(".er-tour")).to_contain_text(atlas.quotes[step.quotes[0]].text[:40])
    assert_clean(page)


def test_presenter_mode_hides_sidebar_and_notes(page, app_url, map_frame, assert_clean, atlas):
    """Presenter mode hides the navigation (along the top; the tour has no sidebar) and the
    presenter notes; it can be switched off."""
    page.goto(f"{app_url}/tour?step=3")
    map_frame(page)
    nav = page.get_by_test_id("stTopNav")
    expect(nav).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    expect(page.get_by_text("Presenter notes")).to_be_visible()
    page.get_by_test_id("stCheckbox").get_by_text("Presenter mode").click()
    expect(nav).to_be_hidden(timeout=20_000)
    expect(page.get_by_text("Presenter notes")).to_have_count(0)
    expect(heading(page)).to_contain_text(f"3. {atlas.tour[2].title}")
    page.get_by_test_id("stCheckbox").get_by_text("Presenter mode").click()
    expect(nav).to_be_visible(timeout=20_000)
    assert_clean(page)


def test_export_opens_from_disk_offline(page, atlas, tmp_path, assert_clean):
    """The exported file, opened from file:// with every request blocked, draws and clicks."""
    out = tmp_path / "escape-routes.html"
    out.write_text(mapfile.standalone_html(atlas), encoding="utf-8")
    page.goto(out.as_uri())
    expect(page.locator(".leaflet-container")).to_be_visible()
    expect(page.locator(f"path.er-route-{next(iter(atlas.routes))}").first).to_be_attached()
    place = town(atlas)
    page.locator(f"path.er-id-{place.id}").dispatch_event("click")
    quote = atlas.quotes[place.quotes[0]].text[:40]
    expect(page.locator(".leaflet-popup-content")).to_contain_text(quote)
    assert_clean(page)


def test_handout_lists_every_step_with_citations(page, atlas, tmp_path, assert_clean):
    """The printable handout shows every step, its quotes and their sources."""
    out = tmp_path / "handout.html"
    out.write_text(handout.handout(atlas), encoding="utf-8")
    page.goto(out.as_uri())
    steps = page.locator("section.step")
    expect(steps).to_have_count(len(atlas.tour))
    for n, step in enumerate(atlas.tour):
        section = steps.nth(n)
        expect(section.locator("h2")).to_have_text(f"{n + 1}. {step.title}")
        src = atlas.sources[atlas.quotes[step.quotes[0]].source]
        expect(section.locator(".er-cite").first).to_contain_text(src.title)
    assert_clean(page)


def test_download_button_gives_the_offline_file(page, app_url, map_frame, tmp_path, atlas):
    """The map page's download button saves one self-contained HTML file."""
    page.goto(app_url)
    map_frame(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Download the map as one offline HTML file").click()
    path = tmp_path / "download.html"
    info.value.save_as(path)
    html = path.read_text(encoding="utf-8")
    assert "L.map(" in html and "<script src=" not in html
    pid = next(iter(atlas.places))
    assert "er-legend" in html and f"er-id-{pid}" in html
    assert f'id="ev-{pid}"' in html and 'name="er-risk"' in html  # evidence panel, risk filter
