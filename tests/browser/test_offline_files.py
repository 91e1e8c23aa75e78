"""The one-file outputs opened from disk, network blocked: the map, the tour, the handout."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from escape_routes.outputs import handout, mapfile, tourfile
from tests.browser.lookup import town

pytestmark = pytest.mark.browser


def serious_axe_violations(page) -> list[str]:
    """axe's serious and critical findings on the page, one line each."""
    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(scope="module")
def export_file(atlas, tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "escape-routes.html"
    out.write_text(mapfile.standalone_html(atlas), encoding="utf-8")
    return out


def test_export_panel_shows_every_passage(page, atlas, export_file, assert_clean):
    """Clicking the place with the most quotes shows all of them in the panel beside the map."""
    pid = max(atlas.places, key=lambda p: len(atlas.places[p].quotes))
    page.goto(export_file.as_uri())
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(f"path.er-id-{pid}").dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(re.compile(r"more passages? in the evidence panel\."))
    card = page.locator(f"#ev-{pid}")
    expect(card).to_be_visible()
    expect(card.locator(".er-quote")).to_have_count(len(atlas.places[pid].quotes))
    for q in atlas.places[pid].quotes:
        expect(card).to_contain_text(atlas.quotes[q].text[:60])
    expect(page.locator("#er-pick")).to_have_value(pid)
    assert_clean(page)


def test_export_chooser_reaches_every_item(page, atlas, export_file, assert_clean):
    """Every place and segment can be chosen from the panel, with every one of its passages."""
    page.goto(export_file.as_uri())
    pick = page.locator("#er-pick")
    items = [*atlas.places.values(), *atlas.segments.values()]
    assert pick.locator("option[value]:not([value=''])").count() == len(items)
    for item in items:
        pick.select_option(item.id)
        card = page.locator(f"#ev-{item.id}")
        expect(card).to_be_visible()
        expect(card.locator(".er-quote")).to_have_count(len(item.quotes))
    expect(page.locator(".er-ev:visible")).to_have_count(1)
    expect(page.locator(".leaflet-popup")).to_have_count(1)  # the others have faded out
    expect(page.locator(".leaflet-popup-content")).to_contain_text(items[-1].name)
    assert_clean(page)


def test_export_risk_filter_hides_routes_without_that_risk(page, atlas, export_file, assert_clean):
    """Choosing a risk hides a route that has none of its passages; clearing shows it again."""
    from escape_routes.explore.filters import Filter
    from escape_routes.explore.visible import apply

    risk, hidden = next(
        (r, rid)
        for r in atlas.risks
        for rid in atlas.routes
        if rid not in apply(atlas, Filter(risks=frozenset({r}))).routes
    )
    shown = apply(atlas, Filter(risks=frozenset({risk})))
    page.goto(export_file.as_uri())
    expect(page.locator(f"path.er-route-{hidden}").first).to_be_attached()
    page.locator(".er-filter summary").click()
    page.locator(f"input[name=er-risk][value={risk}]").check()
    expect(page.locator(f"path.er-route-{hidden}")).to_have_count(0)
    for rid in shown.routes:
        expect(page.locator(f"path.er-route-{rid}").first).to_be_attached()
    expect(page.locator("#er-count")).to_have_text(f"Showing {shown.summary(atlas)}.")
    page.locator("#er-clear").click()
    expect(page.locator(f"path.er-route-{hidden}").first).to_be_attached()
    assert_clean(page)


def test_export_has_legend_and_no_serious_axe_findings(page, atlas, export_file, assert_clean):
    """The legend is on the map, and axe finds nothing serious or critical."""
    page.goto(export_file.as_uri())
    legend = page.locator(".er-legend")
    expect(legend).to_be_visible()
    legend.locator("details").first.evaluate("d => { d.open = true; }")
    expect(legend.locator(".er-routes").first).to_be_visible()
    page.locator(f"path.er-id-{town(atlas).id}").dispatch_event("click")
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")  # faded in
    assert serious_axe_violations(page) == []
    assert_clean(page)


@pytest.fixture(scope="module")
def tour_file(atlas, tmp_path_factory):
    out = tmp_path_factory.mktemp("tour") / "escape-routes-tour.html"
    out.write_text(tourfile.tour_html(atlas), encoding="utf-8")
    return out


def map_center(page) -> list[float]:
    return page.evaluate(
        "() => { const c = window.escapeRoutesTourState.map.getCenter(); return [c.lat, c.lng]; }"
    )


def test_tour_file_moves_with_arrow_keys(page, atlas, tour_file, assert_clean):
    """Right and Left change steps: counter, heading, quote, address and the map's view."""
    page.goto(tour_file.as_uri())
    n = len(atlas.tour)
    expect(page.locator("#t-count")).to_have_text(f"Step 1 of {n}")
    step = page.locator(".t-step:visible")
    expect(step).to_have_count(1)
    expect(step.locator("h2")).to_have_text(f"1. {atlas.tour[0].title}")
    before = map_center(page)
    page.keyboard.press("ArrowRight")
    expect(page.locator("#t-count")).to_have_text(f"Step 2 of {n}")
    expect(step.locator("h2")).to_have_text(f"2. {atlas.tour[1].title}")
    expect(page).to_have_url(f"{tour_file.as_uri()}#step-2")
    page.wait_for_function(
        "([lat, lon]) => { const c = window.escapeRoutesTourState.map.getCenter();"
        " return Math.abs(c.lat - lat) < 0.01 && Math.abs(c.lng - lon) < 0.01; }",
        arg=list(atlas.tour[1].view.center),
    )
    assert map_center(page) != before
    layers = atlas.tour[1].layers
    expect(page.locator(f"path.er-route-{layers[0]}").first).to_be_attached()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#t-count")).to_have_text(f"Step 1 of {n}")
    expect(page.locator(f"path.er-route-{layers[0]}")).to_have_count(0)
    assert_clean(page)


def test_tour_file_step_link_opens_that_step(page, atlas, tour_file, assert_clean):
    """`#step-3` opens step 3 with its quote, its question and its places on the map."""
    page.goto(f"{tour_file.as_uri()}#step-3")
    step = atlas.tour[2]
    expect(page.locator("#t-count")).to_have_text(f"Step 3 of {len(atlas.tour)}")
    shown = page.locator(".t-step:visible")
    expect(shown.locator("h2")).to_have_text(f"3. {step.title}")
    expect(shown.locator(".er-quote").first).to_contain_text(atlas.quotes[step.quotes[0]].text[:50])
    expect(shown.locator(".er-cite").first).to_be_visible()
    expect(shown.locator(".t-question")).to_contain_text(step.question[:40])
    for pid in step.places:
        expect(page.locator(f"path.er-id-{pid}").first).to_be_attached()
    page.get_by_role("button", name="Next ▶").click()
    expect(page).to_have_url(f"{tour_file.as_uri()}#step-4")
    page.goto(f"{tour_file.as_uri()}#step-99")
    expect(page.locator("#t-count")).to_have_text(f"Step {len(atlas.tour)} of {len(atlas.tour)}")
    assert_clean(page)


def test_tour_file_presenter_mode(page, atlas, tour_file, assert_clean):
    """The presenter toggle does what the app's presenter mode does: no notes, no body text,
    short citations, quotes of 18 px at least (more on a larger screen); P toggles it back."""
    page.goto(f"{tour_file.as_uri()}#step-2")
    notes = page.locator(".t-step:visible .t-notes")
    body = page.locator(".t-step:visible .t-body")
    expect(notes).to_be_visible()
    expect(body).to_be_visible()
    toggle = page.get_by_role("button", name="Presenter mode")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(notes).to_be_hidden()
    expect(body).to_be_hidden()
    expect(page.locator(".t-step:visible .t-full")).to_be_hidden()
    quote = page.locator(".t-step:visible .t-short .er-quote q").first
    expect(quote).to_be_visible()
    assert float(quote.evaluate("q => getComputedStyle(q).fontSize").removesuffix("px")) >= 18
    page.keyboard.press("p")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(notes).to_be_visible()
    assert_clean(page)


def test_tour_file_care_note_on_the_projector_has_no_markers(page, atlas, tour_file, assert_clean):
    """A care note warns the class: on the projector it is its first sentence without markers
    ([1]), as in the app; off it, the markers lead the teacher to the passages."""
    n = next(i for i, step in enumerate(atlas.tour, start=1) if step.care)
    page.goto(f"{tour_file.as_uri()}#step-{n}")
    care = page.locator(".t-step:visible .t-care-note")
    expect(care).to_be_visible()
    marks = care.locator(".er-mark")
    expect(marks.first).to_be_visible()
    page.get_by_role("button", name="Presenter mode").click()
    expect(care).to_be_visible()
    expect(care.locator(".t-off-projector")).to_be_hidden()
    for i in range(marks.count()):
        expect(marks.nth(i)).to_be_hidden()
    assert_clean(page)


@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "presenter"])
def test_tour_file_has_no_serious_axe_findings(page, tour_file, assert_clean, presenting):
    """axe finds nothing serious or critical in the tour file, in either mode."""
    page.goto(f"{tour_file.as_uri()}#step-2")
    if presenting:
        page.keyboard.press("p")
    page.locator(".t-all summary").click()
    assert serious_axe_violations(page) == []
    assert_clean(page)


def test_tour_page_button_gives_the_tour_file(page, app_url, map_frame, tmp_path, atlas):
    """The tour page's button saves the tour as one file that needs nothing else."""
    page.goto(f"{app_url}/tour")
    map_frame(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Download the tour as one offline presentation").click()
    path = tmp_path / "tour.html"
    info.value.save_as(path)
    html = path.read_text(encoding="utf-8")
    assert "escapeRoutesTour(" in html and "<script src=" not in html
    assert html.count('class="t-step"') == len(atlas.tour)
    expect(page.get_by_role("button", name="Download the printable tour handout")).to_be_visible()


@pytest.fixture(scope="module")
def handout_file(atlas, tmp_path_factory):
    out = tmp_path_factory.mktemp("handout") / "escape-routes-handout.html"
    out.write_text(handout.handout(atlas), encoding="utf-8")
    return out


LABEL_BOXES = """svg => Array.from(svg.querySelectorAll('.labels text')).map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, cls: t.getAttribute('class'),
            x0: r.left, y0: r.top, x1: r.right, y1: r.bottom};
})"""


def test_handout_maps_are_labelled_without_overlaps(page, atlas, handout_file, assert_clean):
    """Every step has a map with country names; no two labels' boxes overlap on any map;
    the rivers a step's title names are named on its map."""
    page.goto(handout_file.as_uri())
    maps = page.locator("section.step svg.stepmap")
    expect(maps).to_have_count(len(atlas.tour))
    for n in range(len(atlas.tour)):
        boxes = maps.nth(n).evaluate(LABEL_BOXES)
        assert [b for b in boxes if b["cls"] == "lc"], f"step {n + 1}: no country named"
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                apart = a["x1"] <= b["x0"] or b["x1"] <= a["x0"] or a["y1"] <= b["y0"]
                apart = apart or b["y1"] <= a["y0"]
                assert apart, f"step {n + 1}: {a['text']!r} overlaps {b['text']!r}"
    rivers = [f["properties"]["name"] for f in atlas.rivers["features"]]  # "Tumen River"
    named = [
        (n, [r for r in rivers if r.split()[0] in step.title]) for n, step in enumerate(atlas.tour)
    ]
    n, in_title = next((n, found) for n, found in named if found)
    drawn = maps.nth(n).locator("text.lr")
    for river in in_title:
        expect(drawn.filter(has_text=river.split()[0])).to_have_count(1)
    assert_clean(page)


def test_handout_lists_sources_and_numbers_its_pages(page, atlas, handout_file, tmp_path):
    """A numbered list of every source on the first page; printed, every page says its number; axe
    finds nothing serious or critical."""
    import pypdf

    page.goto(handout_file.as_uri())
    items = page.locator("#sources ol > li")
    expect(items).to_have_count(len(atlas.sources))
    for n, src in enumerate(atlas.sources.values()):
        expect(items.nth(n)).to_contain_text(src.title)
        expect(items.nth(n)).to_contain_text(src.url or "no address known")
    expect(page.locator(".howto")).to_contain_text("How to read these maps")
    assert serious_axe_violations(page) == []
    pdf = tmp_path / "handout.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = pypdf.PdfReader(str(pdf)).pages
    assert len(pages) == len(atlas.tour) + 1  # the first page, then one page per step
    for k, p in enumerate(pages, start=1):
        assert f"Page {k} of {len(pages)}" in p.extract_text(), f"page {k} has no number"
