"""Rule 8c: the teacher's guide (``content/guide.yaml``) is held to the tour's own wording rules.

- every step a plan or an activity names is a tour step, and a plan's own question is for one
  of its steps;
- every sentence of its text (all but the titles) names the passages it rests on (``[@id]``),
  each one the tour shows for the steps that part of the guide is about (beside a step or on
  its map: a plan's or an activity's steps; for the general parts, any step), or is marked
  ``[ours]`` (a teaching instruction or a note on the app, stating no fact: it names no place
  and gives no number); a question that only asks needs no marker (rule 8d);
- every place a sentence names and every number it states is in one of its own passages, or is
  the year of their text (rules 8 and 4); a name or number that only reader comments (or an
  excerpt) give is said to be theirs (rule 8), as is a sentence resting only on them (rule 8e);
  and where every passage of a sentence qualifies the claim, the sentence keeps the qualifier
  (rule 8f). A title is a name: its places and numbers are checked against its steps' passages.

A problem is reported (``validate`` fails on it), and the guide is still shown.
"""

from __future__ import annotations

from collections.abc import Iterator

from escape_routes.content import sentences
from escape_routes.content.guide import FILE, TITLES, Guide, read_guide, wordings
from escape_routes.content.model import Atlas, Effect, Problem, Quote
from escape_routes.content.paths import Paths
from escape_routes.content.textnorm import numbers_in
from escape_routes.rules import gazetteer
from escape_routes.rules.hedges import hedge_messages
from escape_routes.rules.ourtext import attached, source_years
from escape_routes.rules.sentences import attribution_messages, marked_messages
from escape_routes.rules.wording import ATTRIBUTION, ATTRIBUTION_EXAMPLE, KIND_NAMES


def _problem(rid: str | None, field: str, message: str) -> Problem:
    return Problem(FILE, rid, field, message, table="guide", effect=Effect.REPORT)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def passages(atlas: Atlas, step_ids: tuple[str, ...]) -> tuple[str, ...]:
    """The passages a part of the guide may rest on: those the tour shows for its steps (beside
    a step or on its map); no steps (a general part): those of every step."""
    steps = {s.id: s for s in atlas.tour}
    chosen = [steps[s] for s in step_ids if s in steps] or list(atlas.tour)
    return tuple(dict.fromkeys(q for s in chosen for q in sentences.step_map_quotes(atlas, s)))


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
    """Each sentence of the guide against its own passages (a title against its steps')."""
    out = []
    for rid, fld, text, step_ids in wordings(guide):
        allowed = passages(atlas, step_ids)
        if fld in TITLES:
            msgs = list(_said(atlas, gaz, text, attached(atlas, allowed), "its steps' passages"))
            out += [_problem(rid, fld, m) for m in msgs]
            continue
        for s in sentences.parse(text):
            asked = not s.quotes and not s.ours and _only_asks(s.text)
            msgs = marked_messages(atlas, gaz, s, allowed, asked)
            if not s.ours:  # [ours] names nothing: marked_messages says so if it does
                # An unmarked sentence (reported above) is read against the part's passages.
                own = attached(atlas, s.quotes or allowed)
                msgs += _said(atlas, gaz, s.text, own, "its passages")
            msgs += attribution_messages(atlas, gaz, s) + hedge_messages(atlas, s)
            out += [_problem(rid, fld, m) for m in msgs]
    return out


def _only_asks(text: str) -> bool:
    return all(x.endswith("?") for x in sentences.split(text))


def _said(
    atlas: Atlas, gaz: gazetteer.Gazetteer, text: str, quotes: list[Quote], whose: str
) -> Iterator[str]:
    """Rules 8 and 4 for a text and the passages it rests on: the places it names and the numbers
    it states are in them (a number may be the year of their text), and a name or number that
    only reader comments (or only an excerpt) give is said to be theirs."""
    where = f"“{_short(text)}”"
    for name in sorted(gaz.names_in(text)):
        if not any(gaz.named(name, q.text) for q in quotes):
            yield f"{where} names {name}, which none of {whose} names"
    years = source_years(atlas, quotes)
    stated = set().union(*(numbers_in(q.text) for q in quotes)) | years
    for n in sorted(numbers_in(text) - stated):
        yield f"{where}: number {n} is not in any of {whose}"
    for token in sorted({*gaz.names_in(text), *(numbers_in(text) - years)}):
        support = [q for q in quotes if gaz.named(token, q.text) or token in numbers_in(q.text)]
        kinds = {q.kind for q in support}
        if not support or not kinds <= set(ATTRIBUTION):
            continue
        if not any(ATTRIBUTION[k].search(text) for k in kinds):
            kind = sorted(kinds)[0]
            yield (
                f"{where} rests on {KIND_NAMES[kind]} alone for {token}; say so "
                f"(e.g. “{ATTRIBUTION_EXAMPLE[kind]}”)"
            )
            return


def check_guide(atlas: Atlas, paths: Paths) -> list[Problem]:
    """Rule 8c: the guide's steps exist and its wording says no more than its passages."""
    guide, problems = read_guide(paths.content)
    if guide is None:
        return problems
    gaz = gazetteer.of(atlas)
    return problems + check_guide_steps(atlas, guide) + check_guide_wording(atlas, guide, gaz)
