"""Our stylesheet in the app: linked once per page from static/, applied, never pasted again."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from escape_routes.html.render import CSS

pytestmark = pytest.mark.browser

# How many of the page's style elements paste the cards' stylesheet, and how many sheets the
# page has loaded from our linked file (an @import counts as a sheet of its own).
STYLES = """() => {
    const pasted = [...document.querySelectorAll("style")]
        .filter(s => s.textContent.includes(".er-card{")).length;
    const linked = [];
    for (const sheet of document.styleSheets) {
        for (const rule of sheet.cssRules) {
            if (rule instanceof CSSImportRule) linked.push(rule.href);
        }
    }
    return {pasted, linked};
}"""


def test_sources_page_links_the_stylesheet_once_and_uses_it(page, app_url, assert_clean):
    """The Sources page: one link to static/escape_routes/app.css, no pasted copy, and the
    quotes styled by it (background, badge, the font stack from base.css)."""
    responses = []
    page.on(
        "response", lambda r: "/app/static/escape_routes/app.css" in r.url and responses.append(r)
    )
    page.goto(f"{app_url}/sources")
    quote = page.locator(".er-quote").first
    expect(quote).to_have_css("background-color", "rgb(250, 250, 250)", timeout=30_000)
    expect(quote.locator(".er-badge").first).to_have_css("display", "inline-block")
    expect(page.locator(".er-facts").first).to_have_css("display", "grid")
    found = page.evaluate(STYLES)
    assert found["pasted"] == 0, "the cards' stylesheet is pasted into the page"
    assert len(found["linked"]) == 1 and "app.css?v=" in found["linked"][0], found
    assert [r.status for r in responses] == [200]
    assert responses[0].headers["content-type"].startswith("text/css")
    assert CSS.split("\n")[0] in responses[0].text()  # :root{--er-font:…}: what base.css names
    assert_clean(page)


def test_map_panel_card_uses_the_linked_font_stack(page, app_url, map_frame, assert_clean):
    """The panel beside the map: its card in the font stack of base.css, at the panel's size."""
    page.goto(f"{app_url}/?sel=yanji")
    map_frame(page)
    card = page.locator(".er-panel .er-card")
    expect(card).to_have_css("font-size", "17.92px", timeout=30_000)  # 1.12rem
    family = card.evaluate("e => getComputedStyle(e).fontFamily")
    assert family.startswith("system-ui"), family
    assert_clean(page)
