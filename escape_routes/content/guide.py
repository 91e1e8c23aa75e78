"""The teacher's guide (``content/guide.yaml``): learning goals, age guidance, lesson plans built
from the tour's steps, activities, and how to make a lesson of one's own.

Its text is our own wording, written sentence by sentence as the tour is: each sentence ends
with the passages it rests on (``[@quote-id]``), or with ``[ours]`` when it is a teaching
instruction or a note on the app that states no fact (it may then name no place and give no
number); a question that only asks needs neither. The validator checks it as it checks the tour
(:mod:`escape_routes.rules.guide`); what can be worked out from the tour (the steps' numbers,
the plans' minutes, which steps carry care notes) is not written here but worked out when the
guide is shown (:mod:`escape_routes.outputs.guide`). Reading never raises: a file that cannot be
read or a record without the fields it needs is a :class:`Problem`, and there is then no guide.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from escape_routes.content.model import Effect, Ids, Problem, Record, Slug, Text
from escape_routes.content.syntax import MISSING, read_yaml

FILE = "content/guide.yaml"


class Ages(Record):
    """Who the tour is for, and why some steps need care."""

    from_age: int = Field(ge=6, le=21)
    text: Text


class Part(Record):
    """A part of a plan that is not a tour step: its minutes and what the class does."""

    minutes: int = Field(ge=1, le=60)
    text: Text


class Plan(Record):
    """A lesson plan: tour steps in order (by id), with its own questions, care choice, what
    comes before and after the steps, and how to run it."""

    id: Slug
    title: Text
    from_age: int = Field(ge=6, le=21)
    steps: Ids = Field(min_length=1)
    care: Literal["warn", "skip"] = "warn"
    questions: dict[Slug, Text] = Field(default_factory=dict)
    before: Part
    after: Part
    text: Text


class Activity(Record):
    """A suggested activity, and the tour steps it draws on."""

    title: Text
    steps: Ids = Field(min_length=1)
    text: Text


class Guide(Record):
    """The whole guide."""

    title: Text
    intro: Text
    goals: tuple[Text, ...] = Field(min_length=1)
    ages: Ages
    plans: tuple[Plan, ...] = Field(min_length=1)
    activities: tuple[Activity, ...] = ()
    make_your_own: Text


#: The fields of the guide that are names (titles), not sentences: no markers.
TITLES = ("title",)


def wordings(guide: Guide) -> Iterator[tuple[str | None, str, str, tuple[str, ...]]]:
    """(id, field, text, step ids) of every piece of the guide's wording, in the order the
    guide shows them; no step ids: it may draw on every step (the general parts). A plan's or an
    activity's ``title`` is a name; every other field is marked sentence by sentence."""
    yield None, "intro", guide.intro, ()
    for i, goal in enumerate(guide.goals, 1):
        yield None, f"goals.{i}", goal, ()
    yield None, "ages.text", guide.ages.text, ()
    for plan in guide.plans:
        yield plan.id, "title", plan.title, plan.steps
        yield plan.id, "before.text", plan.before.text, plan.steps
        for sid, question in plan.questions.items():
            yield plan.id, f"questions.{sid}", question, (sid,)
        yield plan.id, "after.text", plan.after.text, plan.steps
        yield plan.id, "text", plan.text, plan.steps
    for i, act in enumerate(guide.activities, 1):
        for fld, text in (("title", act.title), ("text", act.text)):
            yield f"activity {i}", fld, text, act.steps
    yield None, "make_your_own", guide.make_your_own, ()


def read_guide(content: Path) -> tuple[Guide | None, list[Problem]]:
    """The guide in a content folder, or None with the problems that stop it being read. A
    folder without ``guide.yaml`` has no guide, and no problem: the guide is optional."""
    if not (content / "guide.yaml").is_file():
        return None, []
    read: list[Problem] = []
    data = read_yaml(content / "guide.yaml", FILE, read)
    # Reported only: a broken guide leaves nothing out of the map, the tour or the files.
    problems = [replace(p, table="guide", effect=Effect.REPORT) for p in read]
    if data is MISSING:
        return None, problems
    try:
        return Guide.model_validate(data), problems
    except ValidationError as exc:
        for err in exc.errors():
            where = ".".join(str(x) for x in err["loc"]) or None
            msg = f"{err['msg']}; the guide is not shown until this is fixed"
            problems.append(Problem(FILE, None, where, msg, table="guide", effect=Effect.REPORT))
        return None, problems
