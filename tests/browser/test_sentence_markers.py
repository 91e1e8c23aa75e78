"""Which passage says which sentence, in the app: the Tumen River card without reader comments
hides the reader's sentence and says so; a sentence's marker reveals and jumps to its passage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

READER = "An anonymous reader wrote (2005)"
SHOTS = Path("/tmp/prov")


def test_kinds_filter_hides_the_readers_sentence(page, app_url, map_frame, assert_clean, atlas):
    """With reader comments unticked, the Tumen card keeps no sentence resting only on one."""
    kinds = ",".join(sorted(set(atlas.vocab.evidence_kinds()) - {"reader_comment"}))
    page.goto(f"{app_url}/?sel=tumen-crossing&kinds={kinds}")
    map_frame(page)
    panel = page.locator(".er-panel")
    expect(panel).to_contain_text(
        "1 sentence hidden: it rests only on reader comments.", timeout=20_000
    )
    expect(panel).to_contain_text("In the 2025 narrative, Ji-young stands")
    expect(panel).not_to_contain_text(READER)
    assert_clean(page)


def test_marker_reveals_and_jumps_to_its_passage(page, app_url, map_frame, assert_clean, atlas):
    """Each sentence's [n] names its passage on hover and, clicked, brings it into view; the
    map's popup carries the same markers."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/?sel=tumen-crossing")
    frame = map_frame(page)
    panel = page.locator(".er-panel")
    expect(panel).to_contain_text(READER, timeout=20_000)
    expect(panel.locator(".er-hidden-note")).to_have_count(0)
    marks = panel.locator("a.er-mark")
    expect(marks).to_have_count(3)
    reader_mark = marks.nth(2)
    expect(reader_mark).to_have_text("[3]")
    expect(reader_mark).to_have_attribute("title", re.compile("^“but i suspect all of DPRK"))
    target = panel.locator("#er-p-tumen-crossing-rc-border-easy-to-cross")
    expect(target).to_contain_text("[3]")
    expect(target).to_contain_text("relatively easy to cross")
    expect(target).not_to_be_in_viewport()
    reader_mark.click()
    expect(target).to_be_in_viewport()
    page.screenshot(path=str(SHOTS / "provenance-marker-1280.png"))
    popup_marks = frame.locator(".leaflet-popup-content .er-mark")
    expect(popup_marks.first).to_have_text("[1]", timeout=15_000)
    assert_clean(page)
