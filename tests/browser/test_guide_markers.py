"""The teacher's guide's markers in a real browser: on the Guide page and in the guide file a
sentence's [n] names its passage on hover and, clicked, brings passage n (listed at the guide's
end) into view; no raw marker is shown."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from escape_routes.content.guide import read_guide
from escape_routes.content.paths import ROOT
from escape_routes.outputs import guide as guide_out

pytestmark = pytest.mark.browser

PASSAGE = "q-crisis-studies-disagree"  # the third goal's first passage


def _jumps(page: Page, shot: str) -> None:
    guide = page.locator(".er-guide")
    mark = guide.locator(f'a.er-mark[href="#er-g-{PASSAGE}"]').first
    expect(mark).to_have_text(re.compile(r"^\[\d+\]$"), timeout=20_000)
    expect(mark).to_have_attribute("title", re.compile("^“The three studies hence rely"))
    target = guide.locator(f"#er-g-{PASSAGE}")
    expect(target).to_contain_text(mark.inner_text())
    expect(target).not_to_be_in_viewport()
    mark.click()
    expect(target).to_be_in_viewport()
    page.screenshot(path=f"/tmp/prov/{shot}")
    assert not re.search(r"\[@|\[ours\]", guide.inner_text())


def test_guide_page_marker_jumps_to_its_passage(page, app_url, assert_clean):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/guide")
    _jumps(page, "guide-page-1366.png")
    assert_clean(page)


def test_guide_file_marker_jumps_to_its_passage(page, atlas, tmp_path, assert_clean):
    guide, _ = read_guide(ROOT / "content")
    assert guide is not None
    out = tmp_path / "guide.html"
    out.write_text(guide_out.guide_html(atlas, guide), encoding="utf-8")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(out.as_uri())
    _jumps(page, "guide-file-390.png")
    assert_clean(page)
