"""The teacher's guide as HTML: for the Guide page and as one printable file.

Its text is ``content/guide.yaml`` (:mod:`escape_routes.content.guide`); what the tour already
says is worked out from it here: each plan's steps with their numbers and minutes, the plan's
length (its steps' minutes and the parts before and after them), its lesson link
(:mod:`escape_routes.explore.lesson`: the steps in order, the plan's own questions, care
steps left out where the plan says so), and the steps that carry care notes, with those notes.
Every sentence carries the numbers of the passages it rests on ([1], linking to the passage),
and the passages are listed, numbered, at the guide's end.
Lesson links are relative to the app (``tour?steps=…``), or to ``app_url`` when it is given (a
file opened from disk has no app around it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlencode

from markupsafe import Markup

from escape_routes.content.guide import Guide, Plan, wordings
from escape_routes.content.model import Atlas
from escape_routes.content.sentences import cited, plain
from escape_routes.explore import lesson as lessons
from escape_routes.html.provenance import SentenceView, listed_views, step_anchor
from escape_routes.html.render import quote_view
from escape_routes.html.styles import stylesheet
from escape_routes.html.templates import render

TITLE = "Escape Routes — teacher's guide"
#: The guide's passages' anchors: ``er-g-<quote id>``.
PREFIX = "g"


def plan_lesson(atlas: Atlas, plan: Plan) -> lessons.Lesson:
    """The lesson a plan describes (steps the tour does not have are left out)."""
    numbers = {s.id: n for n, s in enumerate(atlas.tour, 1)}
    params = {"steps": ",".join(str(numbers[s]) for s in plan.steps if s in numbers)}
    if plan.care == "skip":
        params["care"] = "skip"
    params.update({f"q{numbers[s]}": plain(q) for s, q in plan.questions.items() if s in numbers})
    params["title"] = plan.title
    return lessons.parse(params, atlas, [])


def _href(app_url: str, params: dict[str, str]) -> str:
    query = urlencode(params, safe=",")
    return f"{app_url.rstrip('/')}/tour?{query}" if app_url else f"tour?{query}"


def shown_texts(atlas: Atlas, guide: Guide) -> list[str]:
    """The guide's marked texts in the order it shows them, which number its passages: its
    wordings (:func:`~escape_routes.content.guide.wordings`) but the names and the plans'
    questions, which carry no markers here, and the tour's care notes after the ages."""
    care = [s.care for s in atlas.tour if s.care]
    texts = []
    for _, field, text, _ in wordings(guide):
        if field == "title" or field.startswith("questions."):
            continue
        texts.append(text)
        if field == "ages.text":
            texts += care
    return texts


def _plan(
    atlas: Atlas, plan: Plan, app_url: str, views: Callable[[str], list[SentenceView]]
) -> dict:
    lesson = plan_lesson(atlas, plan)
    link = _href(app_url, lessons.to_params(lesson))
    left = len(lesson.left_out)
    return {
        "id": plan.id,
        "title": plan.title,
        "from_age": plan.from_age,
        "minutes": plan.before.minutes + lesson.minutes + plan.after.minutes,
        "href": link,
        "link": link,
        "left_out": f"{left} care step(s) left out" if left else "",
        "before": views(plan.before.text),
        "before_minutes": plan.before.minutes,
        "after": views(plan.after.text),
        "after_minutes": plan.after.minutes,
        "text": views(plan.text),
        "steps": [
            {
                "n": n,
                "title": f"{s.step.title} (tour step {s.number})",
                "minutes": s.minutes,
                "care": bool(s.step.care),
                "question": plain(s.question or ""),
            }
            for n, s in enumerate(lesson.steps, 1)
        ],
    }


def guide_fragment(atlas: Atlas, guide: Guide, app_url: str = "") -> Markup:
    """The guide's content (an ``<article>``), for the page or the file."""
    numbers = {s.id: n for n, s in enumerate(atlas.tour, 1)}

    def step(sid: str) -> dict:
        n = numbers[sid]
        return {"number": n, "title": atlas.tour[n - 1].title,
                "href": _href(app_url, {"step": str(n)})}  # fmt: skip

    ids = list(dict.fromkeys(q for text in shown_texts(atlas, guide) for q in cited(text)))
    passages = [q for q in ids if q in atlas.quotes]
    number = {q: n for n, q in enumerate(passages, 1)}

    def views(text: str) -> list[SentenceView]:
        return listed_views(atlas, text, number, PREFIX)

    care = [{**step(s.id), "care": views(s.care)} for s in atlas.tour if s.care]
    return render(
        "guide/guide.html",
        title=guide.title,
        intro=views(guide.intro),
        goals=[views(g) for g in guide.goals],
        from_age=guide.ages.from_age,
        ages=views(guide.ages.text),
        care_steps=care,
        plans=[_plan(atlas, p, app_url, views) for p in guide.plans],
        activities=[
            {
                "title": a.title,
                "text": views(a.text),
                "steps": [step(s) for s in a.steps if s in numbers],
            }
            for a in guide.activities
        ],
        make_your_own=[views(p) for p in guide.make_your_own.splitlines() if p.strip()],
        passages=[
            replace(quote_view(atlas, atlas.quotes[q]), number=n, anchor=step_anchor(PREFIX, q))
            for q, n in number.items()
        ],
    )


def guide_html(atlas: Atlas, guide: Guide, app_url: str = "") -> str:
    """The guide as one printable HTML page."""
    return str(
        render(
            "guide/file.html",
            title=TITLE,
            css=stylesheet("base.css", "cards.css", "guide.css"),
            guide_html=guide_fragment(atlas, guide, app_url),
        )
    )
