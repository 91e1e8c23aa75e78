"""A contest note's markers on a phone (issue 16): its [a], [b] name passages shown elsewhere, so
a tap (or a click, or Space on the keyboard) opens the passage's opening words and who says it
under the line, in the app's panel and in the one-file map; hovering is not needed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from escape_routes.outputs import mapfile

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SEGMENT = "northeast-china-1"  # its 2005 passage carries a contest note lettering four passages
OPENING = "“You should read the full report"  # passage [d] of that note


@pytest.fixture
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": PHONE, "has_touch": True, "is_mobile": True}


def _note_mark(card: Locator) -> tuple[Locator, Locator]:
    """The contest note's marker [d] and the passage it opens."""
    mark = card.locator(".er-contested .er-mark-tap").filter(has_text="[d]").first
    return mark, mark.locator(".er-mark-pop")


def _tap_opens_and_closes(page: Page, card: Locator, shot: str) -> None:
    mark, passage = _note_mark(card)
    mark.scroll_into_view_if_needed()
    expect(passage).to_be_hidden()
    mark.locator(".er-mark").tap()
    expect(passage).to_be_visible()
    expect(passage).to_contain_text(OPENING)
    expect(passage).to_contain_text("anonymous reader")
    page.screenshot(path=f"/tmp/prov/{shot}")
    mark.locator(".er-mark").tap()
    expect(passage).to_be_hidden()


def test_app_contest_note_marker_opens_its_passage_on_tap(page, app_url, map_frame, assert_clean):
    page.goto(f"{app_url}/?sel={SEGMENT}")
    map_frame(page)
    card = page.locator(".er-panel")
    expect(card.locator(".er-contested").first).to_be_attached(timeout=20_000)
    _tap_opens_and_closes(page, card, "contest-mark-app-390.png")
    assert_clean(page)


def test_export_contest_note_marker_opens_its_passage_on_tap_and_key(
    page, atlas, tmp_path, assert_clean
):
    out = tmp_path / "map.html"
    out.write_text(mapfile.standalone_html(atlas), encoding="utf-8")
    page.goto(out.as_uri())
    page.select_option("#er-pick", SEGMENT)
    card = page.locator(f"#ev-{SEGMENT}")
    expect(card).to_be_visible()
    _tap_opens_and_closes(page, card, "contest-mark-export-390.png")
    # The keyboard on a page of its own: no tap of the part above is still on its way.
    page.goto(out.as_uri())
    page.select_option("#er-pick", SEGMENT)
    expect(card).to_be_visible()
    mark, passage = _note_mark(card)
    expect(passage).to_be_hidden()
    mark.locator(".er-mark-box").focus()
    page.keyboard.press("Space")
    expect(passage).to_be_visible()
    expect(passage).to_contain_text(OPENING)
    page.keyboard.press("Space")
    expect(passage).to_be_hidden()
    assert_clean(page)
