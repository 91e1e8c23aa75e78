"""Hostile content in every text field: shown as text, never run, nothing leaves the machine."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from escape_routes.outputs import handout, mapfile, tourfile
from escape_routes.rules.validator import load_atlas
from tests.browser.lookup import town
from tests.browser.waits import app_idle
from tests.conftest import CROSSING
from tests.hostile import write_hostile_copy

pytestmark = pytest.mark.browser
VISIBLE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "`;alert(1);`"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A valid copy of the fixture content with payloads everywhere."""
    return write_hostile_copy(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def hostile_url(serve_copy, hostile):
    return serve_copy(hostile)


@pytest.fixture(scope="module")
def hostile_town(hostile) -> str:
    """The id of a town in the hostile copy (its name, summary and quotes carry payloads)."""
    return town(load_atlas(hostile)).id


def no_injected_markup(frame_or_page) -> None:
    count = frame_or_page.locator('img[src="x"], iframe[src^="javascript"], svg[onload]').count()
    assert count == 0, "an injected element reached the DOM"


@pytest.mark.parametrize("path", ["", "tour?step=2", "sources", "numbers", "about"])
def test_pages_show_payloads_as_text(page, hostile_url, map_frame, assert_clean, path):
    """Every page renders hostile content inertly: no dialog, no request out, no error."""
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{hostile_url}/{path}")
    if path in ("", "tour?step=2"):
        frame = map_frame(page)
        no_injected_markup(frame)
    else:
        expect(page.get_by_test_id("stMain")).to_be_visible()
        app_idle(page)
    if path == "sources":
        page.get_by_label("Search all quotes").fill("alert")
        page.keyboard.press("Enter")
        expect(page.locator(".er-quote").first).to_contain_text(VISIBLE[0], timeout=20_000)
    no_injected_markup(page)
    assert dialogs == []
    expect(page.get_by_test_id("stAlert").filter(has_text="problem")).to_have_count(0)
    assert_clean(page)


def test_clicked_place_shows_payload_text(page, hostile_url, hostile_town, map_frame, assert_clean):
    """The evidence panel and the popup show the payloads literally."""
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_url)
    frame = map_frame(page)
    frame.locator(f"path.er-id-{hostile_town}").dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    panel = page.locator(".er-panel")
    for text in VISIBLE:
        expect(popup).to_contain_text(text, timeout=20_000)
        expect(panel).to_contain_text(text, timeout=20_000)
    no_injected_markup(frame)
    no_injected_markup(page)
    assert dialogs == []
    assert_clean(page)


def test_export_of_hostile_copy_is_inert(page, hostile, hostile_town, tmp_path, assert_clean):
    """The standalone file built from the hostile copy shows the payloads as text, offline."""
    atlas = load_atlas(hostile)
    assert atlas.problems == ()
    out = tmp_path / "hostile.html"
    out.write_text(mapfile.standalone_html(atlas), encoding="utf-8")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(out.as_uri())
    expect(page.locator(".leaflet-container")).to_be_visible()
    page.locator(f"path.er-id-{hostile_town}").dispatch_event("click")
    for text in VISIBLE:
        expect(page.locator(".leaflet-popup-content")).to_contain_text(text)
        expect(page.locator(f"#ev-{hostile_town}")).to_contain_text(text)
    expect(page.locator(".er-risks")).to_contain_text(VISIBLE[1])
    page.locator("#er-pick").select_option(f"{CROSSING}-1")  # a leg, chosen from the list
    expect(page.locator(f"#ev-{CROSSING}-1")).to_contain_text(VISIBLE[0])
    no_injected_markup(page)
    assert dialogs == []
    assert_clean(page)


@pytest.mark.parametrize("output", ["tour", "handout"])
def test_tour_file_and_handout_of_hostile_copy_are_inert(
    page, hostile, tmp_path, assert_clean, output
):
    """The tour file and the handout built from the hostile copy show payloads as text."""
    atlas = load_atlas(hostile)
    build = tourfile.tour_html if output == "tour" else handout.handout
    out = tmp_path / f"{output}.html"
    out.write_text(build(atlas), encoding="utf-8")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{out.as_uri()}#step-1")
    step = page.locator(".t-step:visible" if output == "tour" else "#step-1")
    for text in VISIBLE:
        expect(step.locator(".er-quote").first).to_contain_text(text)
    if output == "tour":
        page.keyboard.press("ArrowRight")
        expect(page.locator("#t-count")).to_contain_text("Step 2 of")
    no_injected_markup(page)
    assert dialogs == []
    assert_clean(page)
