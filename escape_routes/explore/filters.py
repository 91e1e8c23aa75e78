"""What the user asked to see (a :class:`Filter`), and whether a record passes its statuses and
years. :mod:`.visible` applies a filter to the atlas; :mod:`.scoping` finds, under a filter, the
passages that tie each risk to a route."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas, Place, Segment

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
    years = item.reported if isinstance(item, Segment) else derived(atlas).years(quotes)
    return any(lo <= y <= hi for y in years)


def passing_segments(atlas: Atlas, route_id: str, f: Filter) -> list[Segment]:
    """A route's segments in travel order that pass the filter's statuses and years."""
    return [
        s
        for s in atlas.route_segments(route_id)
        if (not f.statuses or s.status in f.statuses) and dated(atlas, s, f)
    ]
