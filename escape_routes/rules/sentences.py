"""Rules 8d and 8e: each sentence of a summary, a contest note or the tour names its passages
and says whose words they are (rule 8f, that it keeps their hedges, is :mod:`.hedges`).

Summaries are marked sentence by sentence (:mod:`escape_routes.content.sentences`); rules 4 and 8
already check each sentence's numbers, years and names against its own passages only
(:mod:`.ourtext`). These rules add, for every marked sentence:

- 8d: it names at least one passage, every id it names is a quote attached to the place or
  segment (a route: to its segments or their places; a contest note and what a figure
  measures: any quote; a tour step's
  text and care note: the step's quotes; its notes and question: those, its places' and
  routes' quotes, which its map shows, or another step's), and a marker follows one sentence
  only. A tour sentence may instead be our own note on the map or the lesson (``[ours]``): then
  it names no place and gives no number; a question asked (ending in "?") needs no marker;
- 8e: a sentence resting only on reader comments says so in its words ("an anonymous reader
  wrote …"); one resting only on an excerpt a text quotes from elsewhere names the article and
  does not credit the blogger (a sentence with a name or a number already gets rule 8's message,
  at that word).

:func:`marked` gives every marked sentence, with the passages it may rest on, to all three.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from escape_routes.content import sentences
from escape_routes.content.model import Atlas, Problem, Record, TourStep
from escape_routes.content.tables import problem
from escape_routes.content.textnorm import numbers_in
from escape_routes.rules import gazetteer
from escape_routes.rules.ourtext import attached, route_quotes, source_years
from escape_routes.rules.wording import ATTRIBUTION, ATTRIBUTION_EXAMPLE, KIND_NAMES

BLOGGER = re.compile(r"\bblogger\b", re.I)
POST_SAYS = re.compile(r"\bpost (says|writes|reports|argues|states)\b", re.I)


def marked(
    atlas: Atlas,
) -> Iterator[tuple[Record, str, sentences.Sentence, tuple[str, ...] | None]]:
    """(record, field, sentence, the quote ids it may cite) for every sentence of every summary
    and contest note; a contest note may cite any quote (None: no limit)."""
    for item in (*atlas.places.values(), *atlas.segments.values()):
        for s in sentences.parse(item.summary):
            yield item, "summary", s, tuple(item.quotes)
    for route in atlas.routes.values():
        for s in sentences.parse(route.summary):
            yield route, "summary", s, route_quotes(atlas, route.id)
    for rec in (*atlas.quotes.values(), *atlas.figures.values()):
        for s in sentences.parse(rec.contested or ""):
            yield rec, "contested", s, None
    for q in atlas.quotes.values():
        for s in sentences.parse(q.note or ""):
            yield q, "note", s, None
    for fig in atlas.figures.values():
        for s in sentences.parse(fig.measures):
            yield fig, "measures", s, None
    in_tour = {q for step in atlas.tour for q in step.quotes}
    for step in atlas.tour:
        own, shown = tuple(step.quotes), (*sentences.step_map_quotes(atlas, step), *in_tour)
        for fld in TOUR_FIELDS:
            for s in sentences.parse(getattr(step, fld) or ""):
                yield step, fld, s, own if fld in ("body", "care") else shown


#: The tour's fields of our wording that are marked sentence by sentence (the title is a name).
TOUR_FIELDS = ("body", "care", "notes", "question")


def _asked(fld: str, s: sentences.Sentence) -> bool:
    """A question the tour asks (no claim): unmarked, every sentence of it ends in "?"."""
    return (
        fld == "question" and not s.quotes and all(x.endswith("?") for x in sentences.split(s.text))
    )


def short(text: str) -> str:
    """A sentence as a message quotes it: its first 60 characters."""
    return text if len(text) <= 60 else text[:57] + "..."


def check_marked(atlas: Atlas) -> list[Problem]:
    """Rule 8d: every sentence names its passages, and they are attached where it stands."""
    out: list[Problem] = []
    gaz = gazetteer.of(atlas)
    for rec, fld, s, allowed in marked(atlas):
        if s.ours and not isinstance(rec, TourStep):
            where = f"“{short(s.text)}”"
            out.append(problem(rec, fld, f"{where} is marked [ours]: only the tour's notes may be"))
            continue
        msgs = marked_messages(atlas, gaz, s, allowed, asked=_asked(fld, s))
        out += [problem(rec, fld, msg) for msg in msgs]
    return out


def marked_messages(
    atlas: Atlas,
    gaz: gazetteer.Gazetteer,
    s: sentences.Sentence,
    allowed: tuple[str, ...] | None,
    asked: bool = False,
) -> list[str]:
    """Rule 8d for one sentence: it names passages (none if it only asks, ``asked``), each a
    known quote among ``allowed`` (None: any), one sentence per marker; one marked [ours] names
    no place and gives no number."""
    if asked:
        return []
    where = f"“{short(s.text)}”"
    out: list[str] = []
    if s.ours:
        said = sorted(gaz.names_in(s.text)) + sorted(numbers_in(s.text))
        if said:
            out.append(
                f"{where} is marked [ours] but names {', '.join(said)}: end it with the quotes "
                "that say so, [@quote-id]"
            )
    elif not s.quotes:
        out.append(f"{where} names no passage: end it with the quotes it rests on, [@quote-id]")
    for q in s.quotes:
        if q not in atlas.quotes:
            out.append(f"{where} rests on unknown quote {q!r}")
        elif allowed is not None and q not in allowed:
            out.append(f"{where} rests on {q}, which is not attached here: attach it, or cite one")
    count = len(sentences.split(s.text))
    if count > 1:
        out.append(f"{where} holds {count} sentences before its marker: give each its own")
    return out


def check_attribution(atlas: Atlas) -> list[Problem]:
    """Rule 8e: a sentence resting only on reader comments (or only on an excerpt) says whose
    words they are; one resting only on an excerpt does not credit the blogger with it."""
    gaz = gazetteer.of(atlas)
    return [
        problem(rec, fld, msg)
        for rec, fld, s, _ in marked(atlas)
        for msg in attribution_messages(atlas, gaz, s)
    ]


def attribution_messages(
    atlas: Atlas, gaz: gazetteer.Gazetteer, s: sentences.Sentence
) -> list[str]:
    """Rule 8e for one sentence (:func:`check_attribution`)."""
    quotes = attached(atlas, s.quotes)
    kinds = {q.kind for q in quotes}
    if len(kinds) != 1 or (kind := next(iter(kinds))) not in ("reader_comment", "excerpt"):
        return []
    where = f"“{short(s.text)}”"
    # A name or number in the sentence: rule 8 asks for the attribution at that word.
    named = gaz.names_in(s.text) or numbers_in(s.text) - source_years(atlas, quotes)
    credits_post = BLOGGER.search(s.text) or (
        POST_SAYS.search(s.text) and not ATTRIBUTION["excerpt"].search(s.text)
    )
    if kind == "excerpt" and credits_post:
        return [f"{where} rests only on an excerpt the post quotes: credit it, not the blogger"]
    if not named and not ATTRIBUTION[kind].search(s.text):
        return [
            f"{where} rests only on {KIND_NAMES[kind]}; say so (e.g. “{ATTRIBUTION_EXAMPLE[kind]}”)"
        ]
    return []
