"""The app on broken content: a banner names the problem and everything valid is still drawn."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from escape_routes.content.paths import ROOT, Paths
from escape_routes.rules.validator import load_atlas
from tests.broken import CASES, NEEDS_SOURCES
from tests.conftest import LOOKED, SOURCES, need_sources

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """One content copy for a server that reloads content when a file changes."""
    root = tmp_path_factory.mktemp("broken")
    paths = Paths(root / "content", root / "geodata", SOURCES, LOOKED)
    shutil.copytree(ROOT / "content", paths.content)
    shutil.copytree(ROOT / "geodata", paths.geodata)
    return paths


@pytest.fixture(scope="module")
def broken_url(app_server, workspace):
    return app_server(
        env={
            "ESCAPE_ROUTES_CONTENT": str(workspace.content),
            "ESCAPE_ROUTES_GEODATA": str(workspace.geodata),
        }
    )


@pytest.mark.parametrize("case", list(CASES))
def test_banner_names_problem_and_map_draws(page, broken_url, workspace, map_frame, case):
    """Each broken-file case: the app shows a banner with the message and still draws routes."""
    if case in NEEDS_SOURCES:
        need_sources()
    shutil.rmtree(workspace.content)
    shutil.rmtree(workspace.geodata)
    shutil.copytree(ROOT / "content", workspace.content)
    shutil.copytree(ROOT / "geodata", workspace.geodata)
    expected = CASES[case](workspace)
    page.goto(broken_url)
    frame = map_frame(page)
    expect(page.get_by_test_id("stAlert").first).to_contain_text("problem(s) in the content")
    expect(page.get_by_test_id("stText").first).to_contain_text(expected)
    valid = load_atlas(workspace)  # what is still valid must be drawn
    for rid in valid.routes:
        if valid.route_segments(rid):
            expect(frame.locator(f"path.er-route-{rid}").first).to_be_attached()
    for pid in valid.places:
        expect(frame.locator(f"path.er-id-{pid}")).to_have_count(1)
    expect(frame.locator(".er-legend")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
