"""Rule 8c: the teacher's guide (``content/guide.yaml``) is held to the tour's own wording rules.

- every step a plan or an activity names is a tour step, and a plan's own question is for one
  of its steps;
- every place its text names is named in a passage of the steps that part of the guide is
  about (a plan's or an activity's steps; for the general parts, any tour step), and so is every
  number it states (rule 4); a name or number that only reader comments (or an excerpt) give is
  said to be theirs (rule 8).

A problem is reported (``validate`` fails on it), and the guide is still shown.
"""

from __future__ import annotations

from collections.abc import Iterator

from escape_routes.content.guide import FILE, Guide, read_guide
from escape_routes.content.model import Atlas, Effect, Problem, Quote
from escape_routes.content.paths import Paths
from escape_routes.content.textnorm import numbers_in
from escape_routes.rules import gazetteer
from escape_routes.rules.ourtext import attached, source_years
from escape_routes.rules.wording import ATTRIBUTION, ATTRIBUTION_EXAMPLE, KIND_NAMES, sentences


def _problem(rid: str | None, field: str, message: str) -> Problem:
    return Problem(FILE, rid, field, message, table="guide", effect=Effect.REPORT)


def _texts(guide: Guide) -> Iterator[tuple[str | None, str, str, tuple[str, ...]]]:
    """(id, field, text, step ids) of every piece of the guide's wording; no step ids: it may
    draw on every step."""
    yield None, "intro", guide.intro, ()
    for i, goal in enumerate(guide.goals, 1):
        yield None, f"goals.{i}", goal, ()
    yield None, "ages.text", guide.ages.text, ()
    yield None, "make_your_own", guide.make_your_own, ()
    for plan in guide.plans:
        yield plan.id, "title", plan.title, plan.steps
        yield plan.id, "text", plan.text, plan.steps
        yield plan.id, "before.text", plan.before.text, plan.steps
        yield plan.id, "after.text", plan.after.text, plan.steps
        for sid, question in plan.questions.items():
            yield plan.id, f"questions.{sid}", question, (sid,)
    for i, act in enumerate(guide.activities, 1):
        for fld, text in (("title", act.title), ("text", act.text)):
            yield f"activity {i}", fld, text, act.steps


def check_guide_steps(atlas: Atlas, guide: Guide) -> list[Problem]:
    """Every step the guide names is a tour step; a plan's own questions are for its steps."""
    known = {s.id for s in atlas.tour}
    out = []
    parts = [(p.id, p.steps) for p in guide.plans]
    parts += [(f"activity {i}", a.steps) for i, a in enumerate(guide.activities, 1)]
    for rid, steps in parts:
        out += [_problem(rid, "steps", f"no tour step {s!r}") for s in steps if s not in known]
    for plan in guide.plans:
        for sid in plan.questions:
            if sid not in plan.steps:
                out.append(_problem(plan.id, f"questions.{sid}", "not one of the plan's steps"))
    return out


def check_guide_wording(atlas: Atlas, guide: Guide, gaz: gazetteer.Gazetteer) -> list[Problem]:
    """Names and numbers in the guide's text, and whose words they rest on."""
    out = []
    every = tuple(q for s in atlas.tour for q in s.quotes)
    steps = {s.id: s for s in atlas.tour}
    for rid, fld, text, ids in _texts(guide):
        quote_ids = tuple(q for sid in ids if sid in steps for q in steps[sid].quotes) or every
        quotes = attached(atlas, quote_ids)
        for name in sorted(gaz.names_in(text)):
            if not any(gaz.named(name, q.text) for q in quotes):
                out.append(_problem(rid, fld, f"names {name}, which no passage of its steps names"))
        stated = set().union(*(numbers_in(q.text) for q in quotes)) | source_years(atlas, quotes)
        for n in sorted(numbers_in(text) - stated):
            out.append(_problem(rid, fld, f"number {n} is not in any passage of its steps"))
        out += [_problem(rid, fld, msg) for msg in _unattributed(atlas, gaz, text, quotes)]
    return out


def _unattributed(
    atlas: Atlas, gaz: gazetteer.Gazetteer, text: str, quotes: list[Quote]
) -> Iterator[str]:
    """A message for each sentence with a name or number that only reader comments (or only
    an excerpt, or the narrative) give, which does not say so."""
    years = source_years(atlas, quotes)
    for sentence in sentences(text):
        for token in sorted({*gaz.names_in(sentence), *(numbers_in(sentence) - years)}):
            support = [q for q in quotes if gaz.named(token, q.text) or token in numbers_in(q.text)]
            kinds = {q.kind for q in support}
            if not support or not kinds <= set(ATTRIBUTION):
                continue
            if not any(ATTRIBUTION[k].search(sentence) for k in kinds):
                kind = sorted(kinds)[0]
                yield (
                    f"“{sentence[:57]}…” rests on {KIND_NAMES[kind]} alone for {token}; say so "
                    f"(e.g. “{ATTRIBUTION_EXAMPLE[kind]}”)"
                )
                break


def check_guide(atlas: Atlas, paths: Paths) -> list[Problem]:
    """Rule 8c: the guide's steps exist and its wording says no more than the passages."""
    guide, problems = read_guide(paths.content)
    if guide is None:
        return problems
    gaz = gazetteer.of(atlas)
    return problems + check_guide_steps(atlas, guide) + check_guide_wording(atlas, guide, gaz)
