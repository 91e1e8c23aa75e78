"""A deep link works however the server was started: a fresh plain ``streamlit run app.py``, never
warmed up, answers a first request to ``/tour?step=3`` or ``/sources`` with the page whole and
no "Page not found" dialog (escape_routes/ui/pages.py: the stand-ins)."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from testkit.servers import start_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "heading"),
    [("tour?step=3", "3. "), ("sources", "Sources"), ("numbers?risks=terrain", "Numbers")],
    ids=["tour step 3", "sources", "numbers"],
)
def test_first_request_to_a_fresh_server_is_a_deep_link(
    page, tmp_path, atlas, assert_clean, path, heading
):
    """The very first request a new process serves is a deep link: no "Page not found" at any
    moment, the page with its frame (navigation along the top), the address and query kept."""
    server = start_app(tmp_path / "server.log", warm=False)
    try:
        if path.startswith("tour"):
            heading = f"3. {atlas.tour[2].title}"
        page.goto(f"{server.url}/{path}", wait_until="commit")
        dialog = page.get_by_role("dialog")
        deadline = time.monotonic() + 60
        title = page.get_by_test_id("stHeading").filter(has_text=heading).first
        while not title.is_visible():  # watched all along: the dialog must never show
            assert dialog.count() == 0, dialog.first.inner_text()
            assert time.monotonic() < deadline, "the page did not appear"
            page.wait_for_timeout(50)
        page.wait_for_timeout(1000)
        assert page.get_by_text("Page not found").count() == 0
        expect(page.get_by_test_id("stTopNav")).to_be_visible()
        expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
        assert page.url == f"{server.url}/{path}"
        assert_clean(page)
    finally:
        server.stop()
