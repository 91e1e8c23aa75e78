"""The tour page's parts: the bar of controls, the notices above a step, the step's text (its
passages hidden on the projector until shown), and the speaker view for the teacher's laptop.

Markup is in templates (``html/templates/tour/``), styles in ``html/css/tour-*.css``; content
and the teacher's own text reach the page escaped, or through :func:`frame.md` in Markdown.
"""

from __future__ import annotations

import streamlit as st

from escape_routes.content.model import Atlas
from escape_routes.content.sentences import plain
from escape_routes.explore import tour_steps
from escape_routes.explore.lesson import Lesson, LessonStep
from escape_routes.html.provenance import step_plain, step_views
from escape_routes.html.styles import stylesheet
from escape_routes.html.templates import render
from escape_routes.ui import frame, layout, pages, tour_state
from escape_routes.ui import keys as K
from escape_routes.ui.tour_sync import Role, tour_sync

KEY_HELP = "← → keys: steps · S shows passages hidden in presenter mode"
#: The ids of the step's passages on the page, which its sentences' markers link to.
STEP_PREFIX = "tp"


def style(presenting: bool) -> None:
    """The tour page's own CSS: on a phone, compact controls (css/tour-phone.css); in
    presenter mode, type that grows with the screen."""
    layout.style(
        "tour-page.css",
        "tour-phone.css",
        *(["tour-present.css"] if presenting else []),
        head=K.HEAD,
        presenter=K.PRESENTER,
        sync=K.TOUR_SYNC,
        narrow_px=layout.NARROW_PX,
        presenting=presenting,
    )


def map_style(presenting: bool) -> str:
    """The CSS the tour's map adds inside its frame (popups that fit; presenting, no view
    buttons)."""
    names = ["tour-map.css", *(["tour-map-present.css"] if presenting else [])]
    return render("page/style.html", css=stylesheet(*names))


def title(lesson: Lesson, n: int) -> str:
    """The step's heading: its place in the lesson and its title (Markdown-safe)."""
    return f"{n}. {frame.md(lesson.at(n).step.title)}"


def where(lesson: Lesson, n: int, keys: str) -> None:
    """ "Step 1 of 3 (tour step 4) · lesson ≈ 12 min": the lesson's count, the tour's number
    when they differ, and the lesson's planned length; then ``keys``, how the keys work (not
    on a phone)."""
    st.html(
        render(
            "tour/where.html",
            n=n,
            count=len(lesson),
            number=lesson.at(n).number,
            minutes=lesson.minutes,
            keys=keys,
        )
    )


def bar(lesson: Lesson, n: int, role: Role, params: dict[str, str]) -> None:
    """Previous and Next (← →), where we are, presenter mode, the step's link and the second
    window (or, in the speaker view, the lesson clock)."""
    count = len(lesson)
    presenting = role == "projector"
    widths = (
        [1.1, 1.1, 4.6, 2.4]
        if role == "speaker"
        else [1.1, 1.1, 4.6 if presenting else 3.0, 1.6, 1.2, 1.3]
    )
    nav = st.columns(widths, vertical_alignment="center")
    nav[0].button(
        "◀ Previous",
        shortcut="Left",
        disabled=n == 1,
        width="stretch",
        on_click=tour_state.move,
        args=(-1, count),
    )
    nav[1].button(
        "Next ▶",
        shortcut="Right",
        disabled=n == count,
        width="stretch",
        on_click=tour_state.move,
        args=(1, count),
        type="primary",
    )
    with nav[2]:
        if presenting:
            st.title(title(lesson, n))
        elif role == "speaker":
            where(lesson, n, "speaker view · ← → move both windows · S shows hidden passages")
        else:
            where(lesson, n, KEY_HELP)
    if role == "speaker":
        with nav[3]:
            tour_sync(lesson, n, role, params)
        return
    nav[3].toggle(
        "Presenter mode",
        key=K.PRESENTER,
        help="Large type, no sidebar: for the projector. Presenter notes are hidden; a care "
        "step's passages stay hidden until you show them (S).",
    )
    with nav[4]:
        layout.step_link(params)
        if not presenting:
            st.page_link(pages.GUIDE.script, label="Teacher's guide")
    with nav[5]:
        tour_sync(lesson, n, role, params)


def notices(
    atlas: Atlas, lesson: Lesson, n: int, ahead: bool = True, presenting: bool = False
) -> None:
    """Above a step: its care note, the next step's care note (announced now; not with
    ``ahead`` false: the speaker view names the next step itself), and how many steps this
    lesson leaves out. Presenting, each care note is its first sentence: what the step holds,
    not the advice to the teacher that may follow it, and without markers. Off the projector,
    the step's own care note carries its markers ([1]: the passage numbered so below)."""
    here = lesson.at(n).step
    if here.care:  # in presenter mode too: the class should be warned before the quotes
        care = _care_line(here.care, True) if presenting else step_plain(atlas, here, here.care)
        st.warning(frame.md(care), icon="⚠️")
    coming = tour_steps.care_ahead(lesson, n) if ahead else None
    html = render(
        "tour/notices.html",
        ahead_title=f"{n + 1}. {coming.step.title}" if coming else "",
        ahead_care=_care_line(coming.step.care, presenting) if coming and coming.step.care else "",
        left_out=len(lesson.left_out),
    )
    if html.strip():
        st.html(html)


def _care_line(care: str, presenting: bool) -> str:
    return tour_steps.first_sentence(plain(care)) if presenting else plain(care)


def step_text(atlas: Atlas, here: LessonStep, presenting: bool) -> None:
    """The step's text column: body (not on the projector), passages or the note that hides
    them, the routes' drawn lengths, the question; and the button that shows hidden passages."""
    step = here.step
    hidden = tour_steps.passages_hidden(step, presenting, tour_state.revealed(here.number))
    st.html(
        render(
            "tour/step.html",
            body=[] if presenting else step_views(atlas, step, step.body, STEP_PREFIX),
            hidden=hidden,
            quotes_html=tour_steps.quote_blocks(
                atlas, step, compact=presenting, prefix=STEP_PREFIX
            ),
            routes=[] if presenting else tour_steps.route_key(atlas, step),
            question=here.shown_question,
        )
    )
    if hidden:
        st.button(
            "Show the passages",
            shortcut="S",
            on_click=tour_state.reveal,
            args=(here.number,),
            type="primary",
        )


def teacher_notes(atlas: Atlas, here: LessonStep) -> None:
    """Below the step (not in presenter mode): the teacher's own note and the presenter notes."""
    with st.expander("Presenter notes (hidden in presenter mode)"):
        if here.note:
            st.html(
                render("page/paragraph.html", css_class="er-text", text=f"Your note: {here.note}")
            )
        notes = step_views(atlas, here.step, here.step.notes, STEP_PREFIX)
        st.html(render("page/sentences.html", css_class="er-text", sentences=notes))


def speaker(atlas: Atlas, lesson: Lesson, n: int, params: dict[str, str]) -> None:
    """The speaker view: for the teacher's laptop, beside the projector's window."""
    here, nxt = lesson.at(n), lesson.next_after(n)
    step = here.step
    with st.container(key=K.HEAD):
        bar(lesson, n, "speaker", params)
        st.title(title(lesson, n))
        notices(atlas, lesson, n, ahead=False)
    with st.container(key=K.SPEAKER_COLS):
        left, right = st.columns([1, 1], gap="medium")
    with right:
        if step.care:
            shown = tour_state.revealed(here.number)
            st.markdown(
                "**On the projector these passages are "
                + ("shown.**" if shown else "hidden** until you show them.")
            )
            if not shown:
                st.button(
                    "Show the passages on the projector",
                    shortcut="S",
                    on_click=tour_state.reveal,
                    args=(here.number,),
                    type="primary",
                )
        st.html(
            render(
                "tour/step.html",
                body=[],
                hidden="",
                quotes_html=tour_steps.quote_blocks(atlas, step, compact=True, prefix=STEP_PREFIX),
                routes=tour_steps.route_key(atlas, step),
                question="",
            )
        )
    outline = [
        {
            "title": f"{i}. {s.step.title}",
            "minutes": s.minutes,
            "care": bool(s.step.care),
            "current": i == n,
        }
        for i, s in enumerate(lesson.steps, 1)
    ]
    with left:
        st.html(
            render(
                "tour/speaker.html",
                next_title=f"{n + 1}. {nxt.step.title}" if nxt else "",
                next_care=plain(nxt.step.care) if nxt and nxt.step.care else "",
                question=here.shown_question,
                tour_question=plain(step.question) if here.question else "",
                own_note=here.note,
                notes=step_views(atlas, step, step.notes, STEP_PREFIX),
                body=step_views(atlas, step, step.body, STEP_PREFIX),
                outline=outline,
            )
        )
