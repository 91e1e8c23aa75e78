"""The classroom tour as one offline HTML file: a presentation for a school computer.

Opened from a USB stick, with no Python and no network, it shows one step of the lesson at a
time: the map moves to the step's view with its routes and places, beside the step's text, its
quotes with citations and its discussion question. Arrow keys, Previous/Next buttons and
``#step-N`` links change steps. Presenter mode (P) is the projector's: no body text, short
citations, type that grows with the screen, and a care step's passages hidden until shown (S).
The speaker view (``?speaker``, opened by its button in a second window) shows the notes, the
next step and a clock; the two windows keep in step (js/tour.js).

The lesson (:mod:`escape_routes.explore.lesson`: the steps, their order, the teacher's own
questions and notes) is fixed when the file is made. The map is the live tour's
(:func:`.folium_map.base_map` and :func:`.folium_map.layers`, one hidden set of layers per step,
every popup with all its passages); all text comes from the content, the lesson and the
templates (``html/templates/tourfile/``), escaped there. The script gets layers, views and
numbers, never text. Each sentence of a step's text, care note and notes carries markers ([1])
that link to its passages in the step (the full citations'; presenter mode hides the text).
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from markupsafe import Markup

from escape_routes.content.model import Atlas
from escape_routes.content.sentences import plain
from escape_routes.explore import lesson as lessons
from escape_routes.explore import tour_steps
from escape_routes.html.provenance import step_views
from escape_routes.html.styles import stylesheet
from escape_routes.html.templates import render
from escape_routes.map import assets, folium_map
from escape_routes.outputs import onefile

TITLE = "Escape Routes — classroom tour"


def _steps(atlas: Atlas, lesson: lessons.Lesson) -> list[dict]:
    out = []
    for n, here in enumerate(lesson.steps, 1):
        step, ahead, nxt = here.step, tour_steps.care_ahead(lesson, n), lesson.next_after(n)
        care = step_views(atlas, step, step.care or "", f"t{n}")
        ahead_care = plain(ahead.step.care or "") if ahead else ""
        ahead_first = tour_steps.first_sentence(ahead_care)
        out.append(
            {
                "n": n,
                "number": here.number,
                "title": step.title,
                # On the projector a care note is its first sentence: what the step holds, not
                # the advice to the teacher after it (as in the app).
                "care": care[:1],
                "care_rest": care[1:],
                "ahead_title": f"{n + 1}. {ahead.step.title}" if ahead else "",
                "ahead_care": ahead_first,
                "ahead_rest": ahead_care.removeprefix(ahead_first).strip(),
                "body": step_views(atlas, step, step.body, f"t{n}"),
                "quotes_html": tour_steps.quote_blocks(atlas, step, prefix=f"t{n}"),
                "short_html": tour_steps.quote_blocks(atlas, step, compact=True),
                "routes": tour_steps.route_key(atlas, step),
                "question": here.shown_question,
                "tour_question": plain(step.question) if here.question else "",
                "own_note": here.note,
                "notes": step_views(atlas, step, step.notes, f"t{n}"),
                "next_title": f"{n + 1}. {nxt.step.title}" if nxt else "",
            }
        )
    return out


def page_html(atlas: Atlas, lesson: lessons.Lesson) -> Markup:
    """The bar of controls and every step's text (the map is beside it)."""
    return render(
        "tourfile/body.html",
        title=lesson.title or TITLE,
        note=folium_map.NOTE,
        steps=_steps(atlas, lesson),
        left_out=len(lesson.left_out),
    )


def tour_html(atlas: Atlas, lesson: lessons.Lesson | None = None) -> str:
    """The lesson (by default the whole tour) as one self-contained HTML presentation.

    Parameters
    ----------
    atlas
        The content; its tour must have at least one step.
    lesson
        The steps to show, in order, with the teacher's own questions and notes.

    Returns
    -------
    str
        The HTML document: Leaflet, the basemap, every step's layers, text and script
        inlined; it loads nothing from anywhere.

    Raises
    ------
    ValueError
        If the tour has no steps.
    """
    if not atlas.tour:
        raise ValueError("the tour has no steps (content/tour.yaml)")
    lesson = lesson or lessons.whole_tour(atlas)
    first = lesson.steps[0].step.view
    m = folium_map.base_map(
        atlas,
        center=first.center,
        zoom=first.zoom,
        keyboard=False,
        note=False,
        legend_open=False,
    )
    step_groups, views = [], []
    for n, here in enumerate(lesson.steps, 1):
        step = here.step
        visible = tour_steps.visible(atlas, step)
        groups = folium_map.layers(
            atlas, visible, named_first=frozenset(step.places), popup_quotes=None
        )
        for group in groups:
            group.show, group.control = False, False
            m.add_child(group)
        step_groups.append([onefile.Ref(g.get_name()) for g in groups])
        (lat, lon), zoom = tour_steps.presenter_view(atlas, step)
        views.append(
            {
                "center": list(step.view.center),
                "zoom": step.view.zoom,
                "presenter": {"center": [lat, lon], "zoom": zoom},
                "planned": [lesson.minutes_before(n), lesson.minutes_before(n + 1), lesson.minutes],
            }
        )
    css = stylesheet("base.css", "cards.css", "tourfile.css", "tour-map.css")
    title = lesson.title or TITLE
    onefile.add_head(m, str(render("tourfile/head.html", title=title, css=css)))
    onefile.add_body(m, str(page_html(atlas, lesson)))
    # Which lesson this is, for the windows that keep in step: a digest, never the text.
    lesson_id = hashlib.sha1(urlencode(sorted(lessons.to_params(lesson).items())).encode())
    onefile.add_call(
        m,
        "tour",
        "escapeRoutesTour",
        onefile.Ref(m.get_name()),
        step_groups,
        views,
        lesson_id.hexdigest()[:16],
    )
    return onefile.finish(assets.inline_html(m))
