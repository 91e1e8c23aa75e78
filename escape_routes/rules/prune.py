"""The atlas without what the problems say to leave out, and without what depends on it.

:func:`prune` reads only a problem's table, id, field, effect and the reference it names:

- ``DROP_RECORD``: the record is left out, and with it what cannot stand without it: a source's
  quotes, a quote's figures, a route's segments, and every reference to it (a place or segment
  whose quotes are all gone is left out too: nothing on the map stands without a passage);
- ``DROP_REFERENCE``: only the reference named in ``refers`` is left out of the record's
  ``field`` (a journey time, the whole of it); a risk stays only while a kept quote carries it;
- ``FILE`` and ``REPORT``: nothing more (a file that could not be read gave no records).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TypeVar

from pydantic import BaseModel

from escape_routes.content.model import (
    Atlas,
    Effect,
    JourneyTime,
    Place,
    Problem,
    Route,
    Segment,
)

R = TypeVar("R", bound=BaseModel)


def prune(atlas: Atlas, found: Iterable[Problem]) -> Atlas:
    """A new atlas without the records the problems leave out, and without broken references."""
    drop: set[tuple[str | None, str]] = set()
    refs: dict[tuple[str | None, str], dict[str, set[str | None]]] = {}
    for p in found:
        if p.id is None:
            continue
        if p.effect is Effect.DROP_RECORD:
            drop.add((p.table, p.id))
        elif p.effect is Effect.DROP_REFERENCE and p.field and p.refers:
            refs.setdefault((p.table, p.id), {}).setdefault(p.field, set()).add(p.refers[1])

    def kept(table: str, records: Mapping[str, R]) -> dict[str, R]:
        return {k: v for k, v in records.items() if (table, k) not in drop}

    def without(table: str, rid: str, field: str, ids: Iterable[str], keep: Mapping) -> tuple:
        gone = refs.get((table, rid), {}).get(field, set())
        return tuple(i for i in ids if i in keep and i not in gone)

    sources = kept("sources", atlas.sources)
    risks = kept("risks", atlas.risks)
    quotes = {
        k: _only(q, risks=without("quotes", k, "risks", q.risks, risks))
        for k, q in kept("quotes", atlas.quotes).items()
        if q.source in sources
    }

    def evidence(table: str, rec: Place | Segment) -> Place | Segment:
        """Only references that resolve, and only risks one of the kept quotes carries."""
        kept_quotes = without(table, rec.id, "quotes", rec.quotes, quotes)
        tagged = {r for q in kept_quotes for r in quotes[q].risks}
        carried = [r for r in without(table, rec.id, "risks", rec.risks, risks) if r in tagged]
        return _only(rec, quotes=kept_quotes, risks=tuple(carried))

    def journey_time(route: Route) -> JourneyTime | None:
        jt, gone = route.journey_time, "journey_time" in refs.get(("routes", route.id), {})
        return jt if jt is not None and jt.quote in quotes and not gone else None

    figures = {k: f for k, f in kept("figures", atlas.figures).items() if f.quote in quotes}
    routes = {
        k: _only(r, journey_time=journey_time(r)) for k, r in kept("routes", atlas.routes).items()
    }
    places = {
        k: e for k, p in kept("places", atlas.places).items() if (e := evidence("places", p)).quotes
    }
    segments = {
        k: _only(e, places=without("segments", k, "places", e.places, places))
        for k, s in kept("segments", atlas.segments).items()
        if s.route in routes and (e := evidence("segments", s)).quotes
    }
    tour = tuple(
        _only(
            s,
            quotes=without("tour", s.id, "quotes", s.quotes, quotes),
            layers=without("tour", s.id, "layers", s.layers, routes),
            places=without("tour", s.id, "places", s.places, places),
        )
        for s in atlas.tour
        if ("tour", s.id) not in drop
    )
    return replace(
        atlas,
        sources=sources,
        risks=risks,
        quotes=quotes,
        figures=figures,
        routes=routes,
        places=places,
        segments=segments,
        tour=tour,
    )


def _only(record: R, **fields: object) -> R:
    """The record with these fields, or the record itself when nothing changes."""
    changed = {k: v for k, v in fields.items() if getattr(record, k) != v}
    return record.model_copy(update=changed) if changed else record
