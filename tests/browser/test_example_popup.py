"""About's worked example in the app: done to a copy of the content as About says, the new
passage is in China's popup, with its speaker, and in the panel beside the map."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.worked_example import add_example, target

pytestmark = pytest.mark.browser


def test_the_example_shows_in_chinas_popup(
    page, serve_copy, real_content_copy, sources_dir, map_frame, assert_clean
):
    """A click on China opens a popup that shows the new passage and who said it (the shipped
    content with the example added, served by the server the broken and hostile copies share)."""
    add_example(real_content_copy)
    page.goto(serve_copy(real_content_copy))
    frame = map_frame(page)
    expect(page.get_by_text("problem(s) in the content")).to_have_count(0)
    frame.locator(f"path.er-id-{target()}").dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("I was going to find her", timeout=15_000)
    expect(popup).to_contain_text("Park Hye Soon")
    expect(page.locator(".er-panel")).to_contain_text("I was going to find her", timeout=20_000)
    assert_clean(page)
