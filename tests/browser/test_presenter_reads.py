"""Presenter mode reads from the back row (issue 18's leftovers): every passage's citation names
its text by its short title, a care step still fits one screen once its passages are shown, and
the map names the places a step is about (step 7's Beijing embassy among them) at a projector's
and a laptop's size; and in a narrow window (a speaker view beside the projector's, a small
laptop) no control or download button is cut short and no citation's date is broken."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from escape_routes.ui import keys as K
from tests.browser.screen import SIZE_IDS, SIZES, in_page_each, inside, labels_settled, map_box
from tests.browser.waits import map_settled

pytestmark = pytest.mark.browser


def heading(page: Page, n: int, title: str):
    return page.get_by_test_id("stHeading").filter(has_text=f"{n}. {title}").first


def short_titles(atlas, step) -> list[str]:
    """The short title of each of a step's passages, in the step's order."""
    return [f"“{atlas.sources[atlas.quotes[q].source].short_title}”" for q in step.quotes]


def assert_citations_name_their_texts(page: Page, atlas, step, where: str) -> None:
    cites = page.locator(".er-tour .er-cite")
    expect(cites).to_have_count(len(step.quotes))
    texts = cites.all_inner_texts()
    for q, title, cite in zip(step.quotes, short_titles(atlas, step), texts, strict=True):
        assert title in cite, f"{where}: the citation of {q} does not name its text: {cite!r}"


def test_presenter_citations_name_the_text(page, app_url, map_frame, atlas, assert_clean):
    """In a presenter lesson, each passage's citation carries its text's short title (a care
    step's once S shows them)."""
    steps = [3, 4, 7, 9]
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/tour?steps={','.join(map(str, steps))}&present=1")
    map_frame(page)
    for i, number in enumerate(steps, start=1):
        step = atlas.tour[number - 1]
        expect(heading(page, i, step.title)).to_be_visible(timeout=20_000)
        if step.care:
            page.get_by_role("button", name="Show the passages").click()
            expect(page.locator(".er-hidden")).to_have_count(0, timeout=20_000)
        assert_citations_name_their_texts(page, atlas, step, f"step {number}")
        if i < len(steps):
            page.get_by_role("button", name=re.compile("Next")).click()
    assert_clean(page)


def test_speaker_view_citations_name_the_text(page, app_url, atlas, assert_clean):
    """The speaker view's passages are cited as on the projector: with the text's title."""
    step = atlas.tour[2]
    page.goto(f"{app_url}/tour?step=3&speaker=1")
    expect(heading(page, 3, step.title)).to_be_visible(timeout=30_000)
    assert_citations_name_their_texts(page, atlas, step, "speaker view")
    assert_clean(page)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_a_care_step_fits_once_its_passages_are_shown(page, size, app_url, map_frame, atlas):
    """Each care step in presenter mode, its passages shown (S), still fits the screen: the
    question on it, nothing to scroll, citations of 18 px or more."""
    w, h = size
    page.set_viewport_size({"width": w, "height": h})
    for n, step in enumerate(atlas.tour, start=1):
        if not step.care:
            continue
        page.goto(f"{app_url}/tour?step={n}&present=1")
        map_frame(page)
        page.get_by_role("button", name="Show the passages").click()
        expect(page.locator(".er-tour .er-quote")).to_have_count(len(step.quotes), timeout=20_000)
        map_settled(page)  # the rerun done: no stale button left below the question
        question = page.locator("p.er-question").bounding_box()
        assert question and question["y"] + question["height"] <= h, f"step {n}: question below"
        overflow = page.evaluate(
            "() => { const m = document.querySelector('[data-testid=stMain]');"
            " return m.scrollHeight - m.clientHeight; }"
        )
        assert overflow <= 1, f"step {n}: the page scrolls by {overflow} px"
        sizes = page.locator(".er-tour .er-cite").evaluate_all(
            "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        assert sizes and min(sizes) >= 18, f"step {n}: citations of {sizes} px"


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_presenter_map_names_each_steps_places(page, size, app_url, map_frame, atlas):
    """On the live presenter map of every step, each of the step's own places is in view with
    its name beside it, visible: "The embassies" names Beijing's embassy as well as Shanghai's
    and Hong Kong's consulates, however crowded the narrow presenter map is."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{app_url}/tour?step=1&present=1")
    frame = map_frame(page)
    for n, step in enumerate(atlas.tour, start=1):
        expect(heading(page, n, step.title)).to_be_visible(timeout=20_000)
        labels_settled(page, frame)
        area = map_box(page, frame)
        for pid in step.places:
            drawn, label = in_page_each(
                page, frame, [f"path.er-id-{pid}", f'.er-maplabel-place[data-id="{pid}"]']
            )
            assert drawn and inside(drawn[0]["box"], area), f"step {n}: {pid} is not in view"
            assert label and inside(label[0]["box"], area), f"step {n}: {pid} has no name"
        if n < len(atlas.tour):
            page.get_by_role("button", name=re.compile("Next")).click()


_CUT_SHORT = """(within) => Array.from(document.querySelectorAll(
      [`button`, `a`, `[data-testid="stWidgetLabel"]`].map((c) => `${within} ${c}`).join(", ")))
    .filter((el) => el.offsetParent !== null)
    .flatMap((el) => {
      const text = el.querySelector("p, [data-testid='stMarkdownContainer']") || el;
      const box = el.getBoundingClientRect();
      const out = [];
      if (text.scrollWidth > text.clientWidth + 1) out.push(`cut short: ${el.innerText.trim()}`);
      if (box.right > window.innerWidth + 1) out.push(`past the edge: ${el.innerText.trim()}`);
      return out;
    })"""


@pytest.mark.parametrize(
    ("where", "width", "height"),
    [
        ("tour?step=3&speaker=1", 683, 768),
        ("tour?step=3", 800, 800),
        ("tour?step=3&present=1", 1024, 768),
    ],
    ids=["speaker view, half a laptop", "tour, small window", "presenter, 1024x768"],
)
def test_controls_are_whole_in_a_narrow_window(
    page, app_url, atlas, assert_clean, where, width, height
):
    """Beside the projector's window, or on a small screen, Previous, Next, presenter mode and
    the links keep their whole labels inside the window (they wrap to a second row instead),
    and no date of a citation is broken at its hyphens."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/{where}")
    expect(heading(page, 3, atlas.tour[2].title)).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name=re.compile("Next"))).to_be_visible()
    try:  # the layout settles (presenter type grows with the screen) before it is read
        page.wait_for_function(f"(w) => ({_CUT_SHORT})(w).length === 0", arg=f".st-key-{K.HEAD}")
    except PlaywrightTimeoutError:
        pass
    assert page.evaluate(_CUT_SHORT, f".st-key-{K.HEAD}") == []
    dates = page.locator(".er-tour .er-date")
    expect(dates.first).to_be_visible()
    lines = "Array.from(document.querySelectorAll('.er-tour .er-date'))"
    lines += ".map((e) => [e.innerText, e.getClientRects().length])"
    try:  # the app's linked stylesheet (which keeps a date whole) arrives a moment after the page
        page.wait_for_function(f"{lines}.every(([, n]) => n === 1)")
    except PlaywrightTimeoutError:
        pass
    assert all(n == 1 for _, n in page.evaluate(lines)), page.evaluate(lines)
    assert_clean(page)


def test_download_buttons_are_whole_beside_the_sidebar(page, app_url, assert_clean):
    """In a small window with the sidebar open, a download button's label wraps to a second line
    rather than ending in "…"."""
    page.set_viewport_size({"width": 800, "height": 800})
    page.goto(app_url)
    buttons = page.get_by_test_id("stDownloadButton")
    expect(buttons.first).to_be_visible(timeout=30_000)
    assert page.evaluate(_CUT_SHORT, '[data-testid="stDownloadButton"]') == []
    assert_clean(page)
