"""A deep link works however the server was started: a fresh plain ``streamlit run app.py``, never
warmed up, answers a first request to ``/tour?step=3`` or ``/sources`` with the page whole and
no "Page not found" dialog (escape_routes/ui/pages.py: the stand-ins)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from testkit.servers import start_app
from tests.browser.waits import app_idle

pytestmark = pytest.mark.browser


# Every dialog shown while the page lives, recorded as it appears (not polled: one shown for a
# moment is caught too).
WATCH_DIALOGS = """(() => {
    const seen = (window.__erDialogs = []);
    new MutationObserver(() => {
        for (const d of document.querySelectorAll('[role="dialog"], dialog[open]'))
            if (d.getClientRects().length && !seen.includes(d.innerText)) seen.push(d.innerText);
    }).observe(document, {childList: true, subtree: true, attributes: true});
})()"""


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
        page.add_init_script(WATCH_DIALOGS)
        page.goto(f"{server.url}/{path}", wait_until="commit")
        title = page.get_by_test_id("stHeading").filter(has_text=heading).first
        expect(title).to_be_visible(timeout=60_000)
        app_idle(page)  # the run that routes the link is done: a notice would have come with it
        dialogs = page.evaluate("() => window.__erDialogs")
        assert dialogs == [], f"a dialog was shown: {dialogs}"
        assert page.get_by_text("Page not found").count() == 0
        expect(page.get_by_test_id("stTopNav")).to_be_visible()
        expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
        assert page.url == f"{server.url}/{path}"
        assert_clean(page)
    finally:
        server.stop()
