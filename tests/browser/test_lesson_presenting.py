"""The teacher's lesson in real Chromium: care under the teacher's control, a lesson from the
link, two windows in step (the app and the tour file), and the printed handout's pages."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from escape_routes.content.sentences import plain
from escape_routes.explore import tour_steps
from escape_routes.explore.lesson import from_link
from escape_routes.outputs import handout, tourfile, worksheet
from testkit.browser import PageLog, watch
from tests.browser.screen import in_page, inside, map_box, scrolled
from tests.browser.waits import map_settled

pytestmark = pytest.mark.browser

HOSTILE = '<img src=x onerror="window.__pwned=1"> **bold** {{7*7}} $x$'


def heading(page: Page):
    return page.get_by_test_id("stHeading").filter(has_text=". ").first


def care_step(atlas) -> int:
    return next(n for n, s in enumerate(atlas.tour, 1) if s.care)


def second_page(page: Page) -> Page:
    """Another window of the same browser (BroadcastChannel reaches it), offline like the first."""
    other = page.context.new_page()
    other.set_viewport_size(page.viewport_size or {"width": 1280, "height": 720})
    log = PageLog()
    watch(other, log)
    other._er_log = log  # type: ignore[attr-defined]
    return other


def test_care_passages_hidden_in_presenter_mode_until_shown(page, app_url, map_frame, atlas):
    """At `/tour?step=4&present=1` no passage of step 4 is on screen; the key help names S,
    and S shows them."""
    n = care_step(atlas)
    step = atlas.tour[n - 1]
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/tour?step={n}&present=1")
    map_frame(page)
    expect(heading(page)).to_contain_text(f"{n}. {step.title}")
    hidden = page.locator(".er-hidden")
    expect(hidden).to_contain_text("press S")
    for q in step.quotes:
        expect(page.get_by_text(atlas.quotes[q].text[:40])).to_have_count(0)
    heading(page).click()
    page.keyboard.press("s")
    expect(hidden).to_have_count(0, timeout=20_000)
    for q in step.quotes:
        expect(page.locator(".er-tour").get_by_text(atlas.quotes[q].text[:40])).to_be_visible()


def test_step_before_announces_the_care_note(page, app_url, map_frame, atlas):
    """The step before a care step says what comes next and why, in both modes; on the
    projector in one line: the note's first sentence, without the advice to the teacher."""
    n = care_step(atlas)
    nxt = atlas.tour[n - 1]
    care = plain(nxt.care)
    said = tour_steps.first_sentence(care)
    assert said != care, "the first care note should carry advice after its first sentence"
    for present, shown in (("0", care), ("1", said)):
        page.goto(f"{app_url}/tour?step={n - 1}&present={present}")
        map_frame(page)
        ahead = page.locator("p.er-care-ahead")
        expect(ahead).to_have_text(re.compile(re.escape(f"Next: {n}. {nxt.title} — {shown}")))
        expect(ahead).to_have_text(re.compile(re.escape(shown) + r"\s*$"))


def test_lesson_link_chooses_and_orders_the_steps(page, app_url, map_frame, atlas, assert_clean):
    """`/tour?steps=4,2,9` shows "Step 1 of 3" with step 4's title, and → goes to step 2's."""
    page.goto(f"{app_url}/tour?steps=4,2,9")
    map_frame(page)
    expect(page.get_by_text("Step 1 of 3")).to_be_visible()
    expect(heading(page)).to_contain_text(f"1. {atlas.tour[3].title}")
    heading(page).click()
    page.keyboard.press("ArrowRight")
    expect(heading(page)).to_contain_text(f"2. {atlas.tour[1].title}", timeout=20_000)
    expect(page.get_by_text("Step 2 of 3")).to_be_visible()
    expect(page).to_have_url(re.compile(r"steps=4(,|%2C)2(,|%2C)9"))
    expect(page).to_have_url(re.compile(r"step=2"))
    assert_clean(page)


def test_own_question_from_the_link_is_shown_as_text(page, app_url, map_frame, atlas):
    """A teacher's question in the link is shown as typed, never as HTML or Markdown, on the
    page and in presenter mode."""
    for present in ("0", "1"):
        page.goto(f"{app_url}/tour?steps=2&q2={quote(HOSTILE)}&present={present}")
        map_frame(page)
        expect(page.locator("p.er-question")).to_contain_text(HOSTILE)
        assert page.evaluate("() => window.__pwned") is None
        expect(page.locator(".er-tour img")).to_have_count(0)


def test_unknown_step_in_the_link_warns_and_is_dropped(page, app_url, map_frame, atlas):
    """`steps=4,99` warns about 99 and shows the one step left."""
    page.goto(f"{app_url}/tour?steps=4,99")
    map_frame(page)
    expect(page.get_by_text("no tour step '99'")).to_be_visible()
    expect(page.get_by_text("Step 1 of 1")).to_be_visible()


def test_care_steps_left_out_and_the_tour_says_so(page, app_url, map_frame, atlas):
    """`care=skip` leaves out every care step, and the page says how many were left out."""
    care = sum(1 for s in atlas.tour if s.care)
    page.goto(f"{app_url}/tour?care=skip")
    map_frame(page)
    expect(page.get_by_text(f"Step 1 of {len(atlas.tour) - care}")).to_be_visible()
    expect(page.locator("p.er-left-out")).to_contain_text(f"{care} steps with distressing")


def test_every_step_change_scrolls_to_the_top(page, app_url, map_frame, atlas):
    """Pressing → from a step scrolled down shows the next step from its title."""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/tour?step=3")
    map_frame(page)
    page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTo(0, 5000)")
    page.wait_for_function("() => document.querySelector('[data-testid=stMain]').scrollTop > 300")
    page.keyboard.press("ArrowRight")
    expect(heading(page)).to_contain_text(f"4. {atlas.tour[3].title}", timeout=20_000)
    page.wait_for_function("() => document.querySelector('[data-testid=stMain]').scrollTop === 0")
    assert scrolled(page) == 0
    expect(page.locator("p.er-care-ahead, [data-testid=stAlert]").first).to_be_in_viewport()


def test_speaker_and_projector_windows_stay_in_step(page, app_url, map_frame, atlas):
    """Two windows of one browser: → in the speaker view moves the projector, → on the
    projector moves the speaker view, and S in the speaker view shows the hidden passages on
    the projector. Nothing is kept on the server: each window is its own session."""
    page.set_viewport_size({"width": 1280, "height": 720})
    lesson = "steps=3,4,2"
    page.goto(f"{app_url}/tour?{lesson}&present=1")
    map_frame(page)
    speaker = second_page(page)
    speaker.goto(f"{app_url}/tour?{lesson}&speaker=1")
    expect(heading(speaker)).to_contain_text(f"1. {atlas.tour[2].title}")
    expect(speaker.get_by_text("Presenter notes")).to_be_visible()
    expect(speaker.get_by_role("timer")).to_contain_text("Lesson clock")
    expect(speaker.locator(".er-speaker-next")).to_contain_text(f"Next: 2. {atlas.tour[3].title}")
    heading(speaker).click()
    speaker.keyboard.press("ArrowRight")
    expect(heading(speaker)).to_contain_text(f"2. {atlas.tour[3].title}", timeout=20_000)
    expect(heading(page)).to_contain_text(f"2. {atlas.tour[3].title}", timeout=20_000)
    expect(page.locator(".er-hidden")).to_be_visible()
    speaker.keyboard.press("s")
    expect(page.locator(".er-hidden")).to_have_count(0, timeout=20_000)
    heading(page).click()
    page.keyboard.press("ArrowRight")
    expect(heading(page)).to_contain_text(f"3. {atlas.tour[1].title}", timeout=20_000)
    expect(heading(speaker)).to_contain_text(f"3. {atlas.tour[1].title}", timeout=20_000)
    page.keyboard.press("ArrowLeft")
    expect(heading(speaker)).to_contain_text(f"2. {atlas.tour[3].title}", timeout=20_000)
    log = speaker._er_log  # type: ignore[attr-defined]
    assert not log.page_errors and not log.blocked, log.errors()


@pytest.fixture(scope="module")
def lesson_file(atlas, tmp_path_factory):
    lesson, _ = from_link("steps=3,4,2", atlas)
    out = tmp_path_factory.mktemp("lesson") / "escape-routes-lesson.html"
    out.write_text(tourfile.tour_html(atlas, lesson), encoding="utf-8")
    return out


def test_tour_file_windows_stay_in_step(page, atlas, lesson_file, assert_clean):
    """The one-file lesson opened twice from disk: its speaker view and its presenter view
    move each other, and S in the speaker view shows the projector's hidden passages."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(lesson_file.as_uri())
    page.keyboard.press("p")
    expect(page.locator("body")).to_have_class(re.compile("t-present"))
    speaker = second_page(page)
    speaker.goto(f"{lesson_file.as_uri()}?speaker=1")
    expect(speaker.locator(".t-clock")).to_contain_text("Lesson clock")
    count = page.locator("#t-count")
    speaker.keyboard.press("ArrowRight")
    expect(speaker.locator("#t-count")).to_have_text("Step 2 of 3")
    expect(count).to_have_text("Step 2 of 3")
    hidden = page.locator("#step-2 .t-hidden")
    expect(hidden).to_be_visible()
    expect(page.locator("#step-2 .t-short")).to_be_hidden()
    speaker.keyboard.press("s")
    expect(hidden).to_be_hidden()
    expect(page.locator("#step-2 .t-short")).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect(speaker.locator("#t-count")).to_have_text("Step 3 of 3")
    page.keyboard.press("ArrowLeft")
    expect(speaker.locator("#t-count")).to_have_text("Step 2 of 3")
    expect(speaker.locator("#step-2 .t-notes")).to_be_visible()
    assert_clean(page)


def test_tour_file_presenter_mode_is_the_apps(page, atlas, tmp_path, assert_clean):
    """The tour file in presenter mode at 1280x720: no body text, short citations, and every
    step's question on the first screen."""
    out = tmp_path / "tour.html"
    out.write_text(tourfile.tour_html(atlas), encoding="utf-8")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{out.as_uri()}#step-1")
    page.keyboard.press("p")
    for n in range(1, len(atlas.tour) + 1):
        section = page.locator(f"#step-{n}")
        expect(page.locator("#t-count")).to_have_text(f"Step {n} of {len(atlas.tour)}")
        expect(section.locator(".t-body")).to_be_hidden()
        expect(section.locator(".t-full")).to_be_hidden()
        box = section.locator(".t-question").bounding_box()
        assert box and box["y"] + box["height"] <= 720, f"step {n}: the question is below"
        page.keyboard.press("ArrowRight")
    assert_clean(page)


def test_no_tour_popup_mentions_a_panel(page, app_url, map_frame, atlas):
    """In presenter mode at 1280x720 a place with many passages opens a popup with all of them
    (no "panel beside the map", which the tour has not), wholly inside the map."""
    n, pid = next(
        (n, p) for n, s in enumerate(atlas.tour, 1) for p in s.places
        if len(atlas.places[p].quotes) > 2
    )  # fmt: skip
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/tour?step={n}&present=1")
    frame = map_frame(page)
    map_settled(page)  # the view settles
    frame.locator(f"path.er-id-{pid}").dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_be_visible()
    expect(popup.locator(".er-quote")).to_have_count(len(atlas.places[pid].quotes))
    expect(popup).not_to_contain_text("panel")
    map_settled(page)  # the popup pans into view
    box = in_page(page, frame, ".leaflet-popup")[0]["box"]
    assert inside(box, map_box(page, frame), slack=2), "the popup is cut by the map's edge"


def test_presenter_type_grows_with_the_screen(page, app_url, map_frame):
    """A quote in presenter mode is larger on a 1920x1080 screen than at 1280x720."""
    sizes = {}
    for w, h in ((1280, 720), (1920, 1080)):
        page.set_viewport_size({"width": w, "height": h})
        page.goto(f"{app_url}/tour?step=2&present=1")
        map_frame(page)
        q = page.locator(".er-tour .er-quote q").first
        sizes[w] = q.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert sizes[1280] >= 18 and sizes[1920] >= 1.4 * sizes[1280], sizes


def test_the_guide_is_one_click_from_the_tour_and_opens_its_plans(page, app_url, map_frame):
    """The tour links to the teacher's guide; a plan there opens as a lesson in the tour."""
    page.goto(f"{app_url}/tour")
    map_frame(page)
    page.get_by_role("link", name="Teacher's guide").last.click()
    expect(page.get_by_role("heading", name="Learning goals")).to_be_visible(timeout=20_000)
    plan = page.get_by_role("link", name="Open this lesson in the tour").last
    plan.click()
    map_frame(page)
    expect(page.get_by_text(re.compile(r"Step 1 of \d+"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"care=skip"))


def _pdf_pages(page: Page, path, fmt: str) -> list[str]:
    import pypdf

    page.pdf(path=str(path), format=fmt)
    return [p.extract_text() for p in pypdf.PdfReader(str(path)).pages]


@pytest.mark.parametrize("fmt", ["A4", "Letter"])
def test_printed_handout_and_worksheet_fit(page, atlas, tmp_path, fmt):
    """Printed, the handout of the whole tour is one page plus one page per step (16 at most),
    each step on a page of its own with its question; the worksheet is 8 pages at most."""
    out = tmp_path / "handout.html"
    out.write_text(handout.handout(atlas), encoding="utf-8")
    page.goto(out.as_uri())
    pages = _pdf_pages(page, tmp_path / "handout.pdf", fmt)
    assert len(pages) <= 16 and len(pages) == len(atlas.tour) + 1, len(pages)
    for n, step in enumerate(atlas.tour, 1):
        text = " ".join(pages[n].split())
        assert f"{n}. {' '.join(step.title.split())}" in text, f"step {n} is not on page {n + 1}"
        assert "Discuss:" in text, f"step {n}'s question is not on its page"
    out = tmp_path / "worksheet.html"
    out.write_text(worksheet.worksheet(atlas), encoding="utf-8")
    page.goto(out.as_uri())
    assert len(_pdf_pages(page, tmp_path / "worksheet.pdf", fmt)) <= 8
