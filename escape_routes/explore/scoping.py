"""Risk where it happens (DESIGN.md rule 9): which passages tie a risk to a route.

A passage counts for a route's risk only where it is attached to one of the route's own
segments, or to a place that no other route passes, and only when that segment or place itself
lists the risk (the passage's own tags say what it talks about; a feature's risks say what
happens there). Passages of places several routes share are kept apart as *shared*: they are
shown, greyed, but they neither count in the matrix nor make the risk filter keep a route.

So a passage about a woman sold in northeast China, attached to the shared "Northeast China"
point, no longer puts sexual exploitation on every route that starts there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas, Place, Segment, evidence_kind
from escape_routes.explore.filters import Filter, passing_segments


@dataclass(frozen=True)
class Evidence:
    """The passages that tie each risk to one route: its own, and those of shared places."""

    own: dict[str, list[str]]  # risk -> quote ids
    shared: dict[str, list[str]]  # risk -> quote ids (places other routes pass too)

    def own_risks(self) -> set[str]:
        """Risks the route's own passages carry where they happen."""
        return {r for r, qs in self.own.items() if qs}


def routes_of_places(atlas: Atlas) -> Mapping[str, frozenset[str]]:
    """Place id -> the routes whose segments pass it (over all segments, whatever the filter)."""
    return derived(atlas).routes_of_places


def _segments(atlas: Atlas, route_id: str, f: Filter | None) -> list[Segment]:
    return passing_segments(atlas, route_id, f or Filter())


def _kept(atlas: Atlas, quotes: Iterable[str], f: Filter | None) -> list[str]:
    return [
        q
        for q in quotes
        if q in atlas.quotes
        and (f is None or not f.kinds or evidence_kind(atlas, atlas.quotes[q]) in f.kinds)
    ]


def _add(
    table: dict[str, list[str]], atlas: Atlas, item: Place | Segment, quotes: list[str]
) -> None:
    for q in quotes:
        for r in item.risks:
            if r in atlas.quotes[q].risks and q not in table.setdefault(r, []):
                table[r].append(q)


def evidence(atlas: Atlas, route_id: str, f: Filter | None = None) -> Evidence:
    """The passages tying each risk to a route, own and shared, under a filter's status, years
    and source kinds (the filter's risks and routes are not applied here)."""
    own: dict[str, list[str]] = {r: [] for r in atlas.risks}
    shared: dict[str, list[str]] = {r: [] for r in atlas.risks}
    users = routes_of_places(atlas)
    segs = _segments(atlas, route_id, f)
    for seg in segs:
        _add(own, atlas, seg, _kept(atlas, seg.quotes, f))
    seen: set[str] = set()
    for seg in segs:
        for pid in seg.places:
            place = atlas.places.get(pid)
            if place is None or pid in seen:
                continue
            seen.add(pid)
            table = own if users.get(pid, frozenset()) <= {route_id} else shared
            _add(table, atlas, place, _kept(atlas, place.quotes, f))
    for r in atlas.risks:
        shared[r] = [q for q in shared[r] if q not in own[r]]
    return Evidence(own, shared)


def risk_matrix(atlas: Atlas, route_ids: Iterable[str], f: Filter | None = None) -> dict:
    """``{route: {risk: [quote ids]}}``: the route's own passages tying each risk to it."""
    return {rid: evidence(atlas, rid, f).own for rid in route_ids}


def shared_matrix(atlas: Atlas, route_ids: Iterable[str], f: Filter | None = None) -> dict:
    """``{route: {risk: [quote ids]}}``: passages of places the route shares with others.

    Shown apart (greyed) and never counted: they may describe what happens on another route.
    """
    return {rid: evidence(atlas, rid, f).shared for rid in route_ids}
