"""The printable handout a teacher copies for students, for the lesson shown (by default the
whole tour): at most one page per step.

The first page holds a short "how to read these maps", the list of steps and the numbered list
of sources. Then each step on its own page: its map fitted to the step's own places and routes
(countries and rivers named, labels that never overlap: :mod:`.svgmap`) with a key that gives
each route's drawn length, beside the step's text; its quotes with citations and the number of
their source; the discussion question (the teacher's own where the lesson has one). Printed,
every page has its number. Presenter notes and the teacher's notes are left out: they are for
the teacher. The markup is ``html/templates/handout/handout.html``.
"""

from __future__ import annotations

from escape_routes.content.model import Atlas
from escape_routes.explore import lesson as lessons
from escape_routes.explore import tour_steps
from escape_routes.html.provenance import step_views
from escape_routes.html.render import source_date
from escape_routes.html.styles import stylesheet
from escape_routes.html.templates import render
from escape_routes.map import folium_map
from escape_routes.outputs import svgmap
from escape_routes.outputs.mapframe import Basemap

TITLE = "Escape Routes — classroom handout"


def sources(atlas: Atlas) -> list[dict]:
    """The sources in their order (their numbers are 1, 2, …): what the list shows of each."""
    return [
        {
            "title": src.title,
            "outlet": src.outlet or "Outlet not stated",
            "date": source_date(src),
            "kind": atlas.vocab.label("source_kinds", src.kind),
            "url": src.url or "",
        }
        for src in atlas.sources.values()
    ]


def handout(atlas: Atlas, lesson: lessons.Lesson | None = None) -> str:
    """The printable handout of ``lesson`` (by default the whole tour), as one HTML page."""
    lesson = lesson or lessons.whole_tour(atlas)
    basemap = Basemap.of(atlas)
    numbers = {sid: n for n, sid in enumerate(atlas.sources, start=1)}
    steps = []
    for n, here in enumerate(lesson.steps, 1):
        step = here.step
        steps.append(
            {
                "n": n,
                "title": step.title,
                "care": step_views(atlas, step, step.care or "", f"h{n}"),
                "map": svgmap.step_map(atlas, step, basemap),
                "routes": tour_steps.route_key(atlas, step),
                "body": step_views(atlas, step, step.body, f"h{n}"),
                "quotes": [
                    {"html": html, "source": numbers[atlas.quotes[q].source]}
                    for html, q in zip(
                        tour_steps.quote_blocks(atlas, step, prefix=f"h{n}"),
                        [q for q in step.quotes if q in atlas.quotes],
                        strict=True,
                    )
                ],
                "question": here.shown_question,
            }
        )
    css = stylesheet("base.css", "cards.css", "handout.css") + "\n" + svgmap.svg_css()
    return str(
        render(
            "handout/handout.html",
            title=f"{lesson.title} — classroom handout" if lesson.title else TITLE,
            css=css,
            note=folium_map.NOTE,
            left_out=len(lesson.left_out),
            statuses=[
                {"label": t.label.lower(), "dash": t.dash or ""}
                for t in atlas.vocab.statuses.values()
            ],
            steps=steps,
            sources=sources(atlas),
        )
    )
