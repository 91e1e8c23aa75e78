"""Pure functions from an Atlas and a Filter to what is visible, and the routes x risks matrix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from escape_routes.geometry import drawn_line
from escape_routes.model import Atlas, Place, Quote, Segment
from escape_routes.scoping import evidence

#: What the year filter filters by: when a text reported something, or when it happened.
DATES = {
    "reported": "when a text reported it",
    "happened": "when it happened (only where a text dates it)",
}


@dataclass(frozen=True)
class Filter:
    """What the user asked to see. Empty sets mean "no restriction"."""

    risks: frozenset[str] = frozenset()
    mode: Literal["any", "all"] = "any"
    routes: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    period: tuple[int, int] | None = None
    dates: Literal["reported", "happened"] = "reported"
    kinds: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Shown:
    """One visible place or segment with the quotes and risks that survive the filter."""

    id: str
    quotes: tuple[str, ...]
    risks: tuple[str, ...]


@dataclass
class Visible:
    """The result of applying a Filter: ids in drawing order, with their surviving evidence."""

    routes: list[str] = field(default_factory=list)
    segments: dict[str, Shown] = field(default_factory=dict)
    places: dict[str, Shown] = field(default_factory=dict)

    def summary(self, atlas: Atlas) -> str:
        """The "what is shown" line."""
        return (
            f"{len(self.routes)} of {len(atlas.routes)} routes, "
            f"{len(self.places)} of {len(atlas.places)} places"
        )


def evidence_kind(atlas: Atlas, quote: Quote) -> str:
    """A quote's kind of evidence: its own kind where the vocabulary gives that kind its own
    badge (a reader comment stands apart from the blog it appears under), else its source's."""
    term = atlas.vocab.quote_kinds.get(quote.kind)
    if term is not None and term.badge:
        return quote.kind
    return atlas.sources[quote.source].kind


def _shown(atlas: Atlas, fid: str, quotes: Iterable[str], risks: Iterable[str], f: Filter) -> Shown:
    qs = tuple(q for q in quotes if not f.kinds or evidence_kind(atlas, atlas.quotes[q]) in f.kinds)
    tagged = {r for q in qs for r in atlas.quotes[q].risks}
    return Shown(fid, qs, tuple(r for r in risks if r in tagged))


def _risk_match(risks: Iterable[str], f: Filter) -> bool:
    if not f.risks:
        return True
    have = set(risks)
    return f.risks <= have if f.mode == "all" else bool(f.risks & have)


def _years(atlas: Atlas, quotes: Iterable[str]) -> set[int]:
    return {atlas.sources[atlas.quotes[q].source].year for q in quotes}


def dated(atlas: Atlas, item: Place | Segment, f: Filter, quotes: Iterable[str] = ()) -> bool:
    """Whether an item falls in the filter's years.

    By ``reported``: one of the years its texts were written (a segment's ``reported``; a
    place's quotes' sources) is in the period; a leg reported in 2005 and 2023 is not "reported
    in 2010". By ``happened``: the years a text gives for the event overlap the period; an
    item no text dates is left out.
    """
    if f.period is None:
        return True
    lo, hi = f.period
    if f.dates == "happened":
        h = item.happened
        return h is not None and h.start <= hi and h.end >= lo
    years = item.reported if isinstance(item, Segment) else _years(atlas, quotes)
    return any(lo <= y <= hi for y in years)


def apply(atlas: Atlas, f: Filter) -> Visible:
    """Apply a filter.

    A route is shown (its segments that pass the status and year filters) when its own
    passages carry the risks asked for where they happen (:func:`escape_routes.scoping.evidence`:
    its segments and the places no other route passes, each counting only for the risks it
    lists); this is what the routes x risks matrix counts. Passages of places several routes
    share do not keep a route. A place is shown when its own surviving quotes carry the risks
    asked for, it is dated in the years, and, if routes were chosen, a shown segment passes it.

    Parameters
    ----------
    atlas
        The loaded content.
    f
        The filter.

    Returns
    -------
    Visible
        Visible route ids in content order, segments and places with their surviving evidence.
    """
    out = Visible()
    for rid in atlas.routes:
        if f.routes and rid not in f.routes:
            continue
        segs = [_shown(atlas, s.id, s.quotes, s.risks, f) for s in _segments(atlas, rid, f)]
        segs = [s for s in segs if s.quotes]
        if not segs:
            continue
        if not _risk_match(evidence(atlas, rid, f).own_risks(), f):
            continue
        out.routes.append(rid)
        out.segments.update((s.id, s) for s in segs)
    on_route = {p for sid in out.segments for p in atlas.segments[sid].places}
    for pid, place in atlas.places.items():
        shown = _shown(atlas, pid, place.quotes, place.risks, f)
        if not shown.quotes or not dated(atlas, place, f, shown.quotes):
            continue
        if (f.routes or f.statuses) and pid not in on_route:
            continue
        if _risk_match(shown.risks, f):
            out.places[pid] = shown
    return out


def _segments(atlas: Atlas, route_id: str, f: Filter) -> list[Segment]:
    return [
        s
        for s in atlas.route_segments(route_id)
        if (not f.statuses or s.status in f.statuses) and dated(atlas, s, f)
    ]


def risk_matrix(atlas: Atlas, route_ids: Iterable[str], f: Filter | None = None) -> dict:
    """``{route: {risk: [quote ids]}}``: the route's own passages tying each risk to it."""
    return {rid: evidence(atlas, rid, f).own for rid in route_ids}


def shared_matrix(atlas: Atlas, route_ids: Iterable[str], f: Filter | None = None) -> dict:
    """``{route: {risk: [quote ids]}}``: passages of places the route shares with others.

    Shown apart (greyed) and never counted: they may describe what happens on another route.
    """
    return {rid: evidence(atlas, rid, f).shared for rid in route_ids}


def route_length_km(atlas: Atlas, route_id: str) -> float:
    """Geodesic length of a route's drawn line (WGS84), in kilometres."""
    return _length_km(tuple(drawn_line(s) for s in atlas.route_segments(route_id)))


def segment_length_km(seg) -> float:
    """Geodesic length of one segment's drawn line (WGS84), in kilometres."""
    return _length_km((tuple(drawn_line(seg)),))


@lru_cache(maxsize=256)
def _length_km(lines: tuple[tuple[tuple[float, float], ...], ...]) -> float:
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    total = 0.0
    for coords in lines:
        lons, lats = zip(*coords, strict=True)
        total += geod.line_length(lons, lats)
    return total / 1000
