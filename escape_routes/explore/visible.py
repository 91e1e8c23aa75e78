"""What a filter leaves on the map: :func:`apply` turns an Atlas and a Filter into the routes,
segments and places to draw (a :class:`Visible`), each with the quotes and risks that survive."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from escape_routes.content.model import Atlas, evidence_kind
from escape_routes.explore.filters import Filter, dated, passing_segments
from escape_routes.explore.scoping import evidence


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


def _shown(atlas: Atlas, fid: str, quotes: Iterable[str], risks: Iterable[str], f: Filter) -> Shown:
    qs = tuple(q for q in quotes if not f.kinds or evidence_kind(atlas, atlas.quotes[q]) in f.kinds)
    tagged = {r for q in qs for r in atlas.quotes[q].risks}
    return Shown(fid, qs, tuple(r for r in risks if r in tagged))


def _risk_match(risks: Iterable[str], f: Filter) -> bool:
    if not f.risks:
        return True
    have = set(risks)
    return f.risks <= have if f.mode == "all" else bool(f.risks & have)


def apply(atlas: Atlas, f: Filter) -> Visible:
    """Apply a filter.

    A route is shown (its segments that pass the status and year filters) when its own
    passages carry the risks asked for where they happen (:func:`.scoping.evidence`:
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
        segs = [_shown(atlas, s.id, s.quotes, s.risks, f) for s in passing_segments(atlas, rid, f)]
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
