"""The app on broken content, in Chromium: a banner names the problem and everything valid is
still drawn. (Every broken-file case is run through AppTest: tests/test_broken_app.py.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from escape_routes.rules.validator import load_atlas
from tests.broken import CASES
from tests.conftest import copy_fixture

pytestmark = pytest.mark.browser
CASE = "wrong_geometry_type"  # one place left out, every other place and route drawn


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """A copy of the fixture content with one place's geometry broken, and the message."""
    paths = copy_fixture(tmp_path_factory.mktemp("broken"))
    return paths, CASES[CASE](paths)


def test_banner_names_problem_and_map_draws(page, serve_copy, broken, map_frame, assert_clean):
    """The app shows a banner with the message and still draws every valid route and place."""
    paths, expected = broken
    url = serve_copy(paths)
    page.goto(url)
    frame = map_frame(page)
    expect(page.get_by_test_id("stAlert").first).to_contain_text("problem(s) in the content")
    expect(page.get_by_test_id("stText").first).to_contain_text(expected)
    valid = load_atlas(paths)  # what is still valid must be drawn
    assert valid.places and valid.routes
    for rid in valid.routes:
        if valid.route_segments(rid):
            expect(frame.locator(f"path.er-route-{rid}").first).to_be_attached()
    for pid in valid.places:
        expect(frame.locator(f"path.er-id-{pid}")).to_have_count(1)
    expect(frame.locator(".er-legend")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert_clean(page)
