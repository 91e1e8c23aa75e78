"""Rules 2, 3 and 3a: every risk is backed by an attached quote tagged with it; every id is unique
and every reference resolves; every term is a word of ``content/vocabulary.yaml``.

A reference that resolves to nothing costs only the reference (a place with one unknown risk
keeps its valid quotes on the map); a quote without its source, a figure without its quote, a
segment without its route, a route without segments are left out.
"""

from __future__ import annotations

from escape_routes.content.model import Atlas, Effect, Place, Problem, Segment
from escape_routes.content.tables import (
    FILES,
    TERM_TABLES,
    TERM_WORDS,
    VOCABULARY,
    did_you_mean,
    problem,
    segment_file,
    table_name,
    unknown,
)


def check_backed_risks(atlas: Atlas) -> list[Problem]:
    """Rule 2: each risk on a place or segment is carried by one of its attached quotes.

    A record with an unknown quote is not judged: its risks follow from that quote, and loading
    keeps only the risks its remaining quotes carry.
    """
    out: list[Problem] = []
    items: list[Place | Segment] = [*atlas.places.values(), *atlas.segments.values()]
    for item in items:
        if any(q not in atlas.quotes for q in item.quotes):
            continue
        tagged = {r for q in item.quotes for r in atlas.quotes[q].risks}
        for r in item.risks:
            if r in atlas.risks and r not in tagged:
                msg = f"no attached quote is tagged {r!r}: tag one of its quotes, or remove it here"
                ref = (FILES["risks"], r)
                out.append(problem(item, "risks", msg, effect=Effect.DROP_REFERENCE, refers=ref))
    return out


def check_references(atlas: Atlas) -> list[Problem]:
    """Rule 3: every reference resolves, and no segment shares a place's id (ids are unique
    within a file when it is read)."""
    out: list[Problem] = []
    sources, risks, quotes = atlas.sources, atlas.risks, atlas.quotes
    for q in quotes.values():
        if q.source not in sources:
            drop = Effect.DROP_RECORD
            out.append(
                unknown(q, "source", "source", q.source, sources, list_all=True, effect=drop)
            )
        out += [
            unknown(q, "risks", "risk", r, risks, list_all=True) for r in q.risks if r not in risks
        ]
    for item in [*atlas.places.values(), *atlas.segments.values()]:
        out += [unknown(item, "quotes", "quote", q, quotes) for q in item.quotes if q not in quotes]
        out += [
            unknown(item, "risks", "risk", r, risks, list_all=True)
            for r in item.risks
            if r not in risks
        ]
    for seg in atlas.segments.values():
        out += [
            unknown(seg, "places", "place", p, atlas.places)
            for p in seg.places
            if p not in atlas.places
        ]
        if seg.id in atlas.places:
            out.append(
                problem(seg, "id", "the same id is used by a place: give one of them another")
            )
        if seg.route not in atlas.routes:
            msg = f"route {seg.route!r} is not in {FILES['routes']}: add it there"
            ref = (FILES["routes"], seg.route)
            out.append(problem(seg, "route", msg, effect=Effect.DROP_RECORD, refers=ref))
    for route in atlas.routes.values():
        if not atlas.route_segments(route.id):
            msg = f"route has no segments: draw them in {segment_file(route.id)}"
            ref = (segment_file(route.id), None)
            out.append(problem(route, None, msg, effect=Effect.DROP_RECORD, refers=ref))
        jt = route.journey_time
        if jt is not None and jt.quote not in quotes:
            out.append(unknown(route, "journey_time", "quote", jt.quote, quotes))
    for fig in atlas.figures.values():
        if fig.quote not in quotes:
            out.append(unknown(fig, "quote", "quote", fig.quote, quotes, effect=Effect.DROP_RECORD))
    for step in atlas.tour:
        out += [unknown(step, "quotes", "quote", q, quotes) for q in step.quotes if q not in quotes]
        out += [
            unknown(step, "layers", "route", r, atlas.routes, list_all=True)
            for r in step.layers
            if r not in atlas.routes
        ]
        out += [
            unknown(step, "places", "place", p, atlas.places)
            for p in step.places
            if p not in atlas.places
        ]
    return out


def check_terms(atlas: Atlas) -> list[Problem]:
    """Rule 3a: every term a record uses is in content/vocabulary.yaml (not run when that file
    cannot be read: its own problem is reported, and labels fall back to the ids)."""
    records = [
        *atlas.sources.values(),
        *atlas.quotes.values(),
        *atlas.figures.values(),
        *atlas.places.values(),
        *atlas.segments.values(),
    ]
    out: list[Problem] = []
    for rec in records:
        for fld in ("kind", "topic", "precision", "status", "means"):
            table = TERM_TABLES.get((table_name(rec), fld))
            if table is None:
                continue
            term, terms = getattr(rec, fld), getattr(atlas.vocab, table)
            if term not in terms:
                msg = f"{term!r} is not {TERM_WORDS[table]} in {VOCABULARY}" + did_you_mean(
                    term, terms, list_all=True
                )
                out.append(problem(rec, fld, msg))
    return out
