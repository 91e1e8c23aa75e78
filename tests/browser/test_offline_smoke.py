"""The app's map appears with every request off this machine aborted."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_map_renders_offline(page, app_url, map_frame, assert_clean):
    """The map draws from /app/static alone; nothing is blocked, nothing logs an error."""
    page.goto(app_url)
    frame = map_frame(page)
    expect(frame.locator(".leaflet-container")).to_be_visible()
    assert_clean(page)
