"""Our own wording: every name, summary, tour text and figure description the project writes, each
with the passages it may draw on. Rules 4 (numbers) and 8 (names, attribution) read it.

A summary is marked sentence by sentence (:mod:`escape_routes.content.sentences`): each of its
sentences is a wording of its own that may draw only on the passages it names. A sentence that
names none (rule 8d reports it) may draw on all the feature's passages, as before; one marked
``[ours]`` (the tour's own notes on the map or the lesson) draws on none.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from escape_routes.content import sentences
from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas, Quote, Record


@dataclass(frozen=True)
class Wording:
    """One field of our own wording and the passages it may draw on."""

    record: Record
    field: str
    text: str
    quotes: tuple[str, ...]
    years: frozenset[str] = frozenset()  # years stated elsewhere for this item (a figure's)


def wordings(atlas: Atlas) -> Iterator[Wording]:
    """Every piece of our own wording, with the passages it may draw on."""
    for p in atlas.places.values():
        yield Wording(p, "name", p.name, tuple(p.quotes))
        yield from _sentences(p, p.summary, tuple(p.quotes))
    for s in atlas.segments.values():
        yield Wording(s, "name", s.name, tuple(s.quotes))
        yield from _sentences(s, s.summary, tuple(s.quotes))
    for r in atlas.routes.values():
        quotes = route_quotes(atlas, r.id)
        yield Wording(r, "name", r.name, quotes)
        yield from _sentences(r, r.summary, quotes)
    for step in atlas.tour:
        for fld in ("title", "body", "question", "notes", "care"):
            text = getattr(step, fld, None)
            if text:  # an unmarked title or question draws on all the step's quotes
                yield from _sentences(step, text, tuple(step.quotes), fld)
    for fig in atlas.figures.values():
        years = frozenset(str(y) for y in (fig.year, fig.since) if y is not None)
        for w in _sentences(fig, fig.measures, (fig.quote,), "measures"):
            yield replace(w, years=w.years | years)
    for q in atlas.quotes.values():
        for fld in ("contested", "note"):
            if getattr(q, fld):
                yield from _sentences(q, getattr(q, fld), (q.id,), fld, atlas)
    for fig in atlas.figures.values():
        if fig.contested:
            yield from _sentences(fig, fig.contested, (fig.quote,), "contested", atlas)


def _sentences(
    record: Record,
    text: str,
    quotes: tuple[str, ...],
    fld: str = "summary",
    atlas: Atlas | None = None,
) -> Iterator[Wording]:
    """One wording per marked sentence, drawing only on its own passages. A contest note (with
    ``atlas``) may also give the date and time printed under a reader comment it rests on."""
    for sentence in sentences.parse(text):
        own = sentence.quotes or (() if sentence.ours else quotes)
        printed = comment_numbers(attached(atlas, own)) if atlas else frozenset()
        yield Wording(record, fld, sentence.text, own, printed)


def comment_numbers(quotes: Iterable[Quote]) -> frozenset[str]:
    """The numbers of the dates and times printed under reader comments ("1 October 2005, 7:44
    pm" for a comment of 2005-10-01 at 7:44 pm)."""
    out: set[str] = set()
    for q in quotes:
        if q.comment_date:
            out |= {str(int(part)) for part in q.comment_date.split("-")} | {q.comment_date[:4]}
        if q.comment_time:
            out |= {part.split()[0] for part in q.comment_time.split(":")}
    return frozenset(out)


def route_quotes(atlas: Atlas, route_id: str) -> tuple[str, ...]:
    """The passages a route's summary may rest on: its segments' and their places'."""
    segs = atlas.route_segments(route_id)
    ids = [q for s in segs for q in s.quotes]
    ids += [q for s in segs for p in s.places if p in atlas.places for q in atlas.places[p].quotes]
    return tuple(dict.fromkeys(ids))


def attached(atlas: Atlas, quote_ids: Iterable[str]) -> list[Quote]:
    """The attached quotes that exist (an unknown one is rule 3's problem)."""
    return [atlas.quotes[q] for q in quote_ids if q in atlas.quotes]


def source_years(atlas: Atlas, quotes: Iterable[Quote]) -> set[str]:
    """The years of the quotes' sources (a text's date is sourced in sources.yaml)."""
    return {str(y) for y in derived(atlas).years(q.id for q in quotes)}
