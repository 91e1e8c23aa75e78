"""Pure functions from an Atlas and a Filter to what is visible, and the routes x risks matrix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from escape_routes.model import Atlas, Quote


@dataclass(frozen=True)
class Filter:
    """What the user asked to see. Empty sets mean "no restriction"."""

    risks: frozenset[str] = frozenset()
    mode: Literal["any", "all"] = "any"
    routes: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    period: tuple[int, int] | None = None
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


def _in_period(start: int, end: int, f: Filter) -> bool:
    return f.period is None or (start <= f.period[1] and end >= f.period[0])


def apply(atlas: Atlas, f: Filter) -> Visible:
    """Apply a filter.

    A route is shown (its segments that pass the status and period filters) when the passages
    tied to it (:func:`route_evidence`: its segments and the places they join) are tagged with
    the risks asked for; this is what the routes x risks matrix counts. A place is
    shown when its own surviving quotes carry the risks asked for, it is dated in the period, and,
    if routes were chosen, a shown segment passes through it.

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
        route_risks = {r for q in route_evidence(atlas, rid, f) for r in atlas.quotes[q].risks}
        if not _risk_match(route_risks, f):
            continue
        out.routes.append(rid)
        out.segments.update((s.id, s) for s in segs)
    on_route = {p for sid in out.segments for p in atlas.segments[sid].places}
    for pid, place in atlas.places.items():
        shown = _shown(atlas, pid, place.quotes, place.risks, f)
        years = _years(atlas, shown.quotes)
        if not shown.quotes or not _in_period(min(years), max(years), f):
            continue
        if (f.routes or f.statuses) and pid not in on_route:
            continue
        if _risk_match(shown.risks, f):
            out.places[pid] = shown
    return out


def _segments(atlas: Atlas, route_id: str, f: Filter) -> list:
    return [
        s
        for s in atlas.route_segments(route_id)
        if (not f.statuses or s.status in f.statuses)
        and _in_period(s.period.start, s.period.end, f)
    ]


def route_evidence(atlas: Atlas, route_id: str, f: Filter | None = None) -> list[str]:
    """Quote ids tied to a route: its segments' quotes, then those of the places they join.

    Segments outside the filter's status and period, and quotes of hidden kinds, are left out;
    the route filter and the matrix both count these passages, so they always agree.
    """
    f = f or Filter()
    seen: dict[str, None] = {}
    segs = _segments(atlas, route_id, f)
    for seg in segs:
        seen.update((q, None) for q in _shown(atlas, seg.id, seg.quotes, [], f).quotes)
    for seg in segs:
        for pid in seg.places:
            if pid in atlas.places:
                place = atlas.places[pid]
                seen.update((q, None) for q in _shown(atlas, pid, place.quotes, [], f).quotes)
    return list(seen)


def risk_matrix(atlas: Atlas, route_ids: Iterable[str], f: Filter | None = None) -> dict:
    """``{route: {risk: [quote ids]}}``: the passages that tie each risk to each route."""
    table: dict[str, dict[str, list[str]]] = {}
    for rid in route_ids:
        quotes = route_evidence(atlas, rid, f)
        table[rid] = {
            risk: [q for q in quotes if risk in atlas.quotes[q].risks] for risk in atlas.risks
        }
    return table


def route_length_km(atlas: Atlas, route_id: str) -> float:
    """Geodesic length of a route's drawn line (WGS84), in kilometres."""
    return _length_km(tuple(s.coords for s in atlas.route_segments(route_id)))


@lru_cache(maxsize=256)
def _length_km(lines: tuple[tuple[tuple[float, float], ...], ...]) -> float:
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    total = 0.0
    for coords in lines:
        lons, lats = zip(*coords, strict=True)
        total += geod.line_length(lons, lats)
    return total / 1000
