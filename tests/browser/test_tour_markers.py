"""The tour's sentence markers in a real browser: on the tour page and in the tour file, a
sentence's [n] names its passage on hover and, clicked, brings it into view, in the same step."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from escape_routes.outputs import tourfile

pytestmark = pytest.mark.browser

STEP = 6  # what-returns-mean: a long text and four passages


def test_tour_page_marker_jumps_to_its_passage(page, app_url, map_frame, assert_clean, atlas):
    """On the tour page a sentence's [4] names the diplomat's passage and brings it into view."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/tour?step={STEP}")
    map_frame(page)
    body = page.locator(".er-tour .er-body")
    mark = body.locator('a.er-mark[href="#er-tp-q-npr-jiang-not-refugees"]')
    expect(mark).to_have_text("[4]", timeout=20_000)
    expect(mark).to_have_attribute("title", re.compile('^“"Those North Koreans who have entered'))
    target = page.locator("#er-tp-q-npr-jiang-not-refugees")
    expect(target).to_contain_text("[4]")
    expect(target).not_to_be_in_viewport()
    mark.click()
    expect(target).to_be_in_viewport()
    expect(
        page.get_by_text(re.compile(f"^{STEP}\\. {re.escape(atlas.tour[STEP - 1].title)}"))
    ).to_have_count(1)
    assert "[@" not in page.locator("body").inner_text()
    assert_clean(page)


def test_tour_file_marker_jumps_within_its_step(page, atlas, tmp_path, assert_clean):
    """In the tour file a marker brings its passage into view and the step stays the same."""
    out = tmp_path / "tour.html"
    out.write_text(tourfile.tour_html(atlas), encoding="utf-8")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{out.as_uri()}#step-{STEP}")
    n = len(atlas.tour)
    expect(page.locator("#t-count")).to_have_text(f"Step {STEP} of {n}")
    step = page.locator(".t-step:visible")
    mark = step.locator(f'.t-body a.er-mark[href="#er-t{STEP}-q-npr-jiang-not-refugees"]')
    expect(mark).to_have_text("[4]")
    target = step.locator(f"#er-t{STEP}-q-npr-jiang-not-refugees")
    expect(target).not_to_be_in_viewport()
    mark.click()
    expect(target).to_be_in_viewport()
    expect(page.locator("#t-count")).to_have_text(f"Step {STEP} of {n}")
    expect(page).to_have_url(f"{out.as_uri()}#step-{STEP}")
    assert "[@" not in page.locator("body").inner_text()
    assert_clean(page)
