"""The student worksheet: every question of the lesson with space to write the answer, two
steps to a printed page (A4 or Letter). Students read the passages in the handout; the
worksheet holds only what they write on. Presenter notes and the teacher's own notes stay out.
"""

from __future__ import annotations

from escape_routes.content.model import Atlas
from escape_routes.explore import lesson as lessons
from escape_routes.html.styles import stylesheet
from escape_routes.html.templates import render
from escape_routes.map import folium_map

TITLE = "Escape Routes — student worksheet"
ANSWER_LINES = 9


def worksheet(atlas: Atlas, lesson: lessons.Lesson | None = None) -> str:
    """The printable worksheet of ``lesson`` (by default the whole tour), as one HTML page."""
    lesson = lesson or lessons.whole_tour(atlas)
    steps = [
        {"n": n, "title": s.step.title, "question": s.shown_question}
        for n, s in enumerate(lesson.steps, 1)
    ]
    title = f"{lesson.title} — student worksheet" if lesson.title else TITLE
    return str(
        render(
            "handout/worksheet.html",
            title=title,
            css=stylesheet("worksheet.css"),
            note=folium_map.NOTE,
            steps=steps,
            lines=ANSWER_LINES,
        )
    )
