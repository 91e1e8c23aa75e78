"""Tour logic the tour page shares with the exports: step numbers, what each step shows."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from markupsafe import Markup

from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas, TourStep
from escape_routes.content.projection import mercator_lat, mercator_y, zoom_to_fit
from escape_routes.explore.lesson import Lesson, LessonStep
from escape_routes.explore.visible import Shown, Visible
from escape_routes.html.provenance import step_anchor
from escape_routes.html.render import quote_view
from escape_routes.html.templates import render

# The presenter map's column at 1280x720 (the narrowest screen it is made for), in CSS pixels.
PRESENTER_MAP_PX = (460, 540)


def clamp(step: object, count: int) -> int:
    """A valid 1-based step number from whatever was stored or asked for."""
    return min(max(step, 1), count) if isinstance(step, int) else 1


def visible(atlas: Atlas, step: TourStep) -> Visible:
    """The routes and places a step is about, with all their evidence."""
    out = Visible()
    for rid in step.layers:
        if rid not in atlas.routes:
            continue
        out.routes.append(rid)
        for seg in atlas.route_segments(rid):
            out.segments[seg.id] = Shown(seg.id, tuple(seg.quotes), tuple(seg.risks))
    for pid in step.places:
        place = atlas.places.get(pid)
        if place:
            out.places[pid] = Shown(pid, tuple(place.quotes), tuple(place.risks))
    return out


def presenter_view(
    atlas: Atlas, step: TourStep, size: tuple[int, int] = PRESENTER_MAP_PX
) -> tuple[tuple[float, float], int]:
    """``(center, zoom)`` for the narrow presenter map: centred on the step's places and the
    middle of its own view, zoomed out from that view only as far as they need to fit with a
    margin (its routes may run far beyond the stretch a step is about)."""
    coords = [(p.lon, p.lat) for pid in step.places if (p := atlas.places.get(pid))]
    coords.append((step.view.center[1], step.view.center[0]))
    lons, lats = [c[0] for c in coords], [c[1] for c in coords]
    south, north = min(lats), max(lats)
    ys = mercator_y(south), mercator_y(north)
    center = (
        round(mercator_lat(sum(ys) / 2), 4),
        round((min(lons) + max(lons)) / 2, 4),
    )
    zoom = step.view.zoom
    # Leave room for labels: the content may take 70 % of each side.
    for span, px in ((max(lons) - min(lons), size[0]), (ys[1] - ys[0], size[1])):
        if span > 0:
            zoom = min(zoom, math.floor(zoom_to_fit(span, 0.7 * px)))
    return center, max(zoom, 3)


def quote_blocks(
    atlas: Atlas, step: TourStep, compact: bool = False, prefix: str = ""
) -> list[Markup]:
    """The step's quotes as evidence blocks (escaped), numbered [1], [2] as the markers of the
    step's sentences name them; ``compact``: short citations, for the projector; ``prefix``:
    each block gets its id (:func:`.provenance.step_anchor`), for the markers to link to."""
    quotes = [atlas.quotes[q] for q in step.quotes if q in atlas.quotes]
    return [
        render(
            "evidence/quote.html",
            quote=replace(
                quote_view(atlas, q, compact=compact),
                number=n,
                anchor=step_anchor(prefix, q.id) if prefix else "",
            ),
        )
        for n, q in enumerate(quotes, 1)
    ]


@dataclass(frozen=True)
class RouteKey:
    """One route of a step, for the key under its text: its line, and how long it is drawn."""

    name: str
    colour: str
    km: int  # the drawn line's length, rounded to two significant figures
    time: str | None  # the journey time a text gives, as written


def drawn_km(km: float) -> int:
    """A drawn length as the page states it: two significant figures (the lines are
    schematic, so more would claim a precision they do not have)."""
    if km < 1:
        return 0
    digits = max(int(math.floor(math.log10(km))) - 1, 0)
    return int(round(km, -digits))


def route_key(atlas: Atlas, step: TourStep) -> list[RouteKey]:
    """The routes a step shows, with their drawn lengths and any journey time a text gives."""
    return [
        RouteKey(
            route.name,
            route.colour,
            drawn_km(derived(atlas).route_km[rid]),
            route.journey_time.text if route.journey_time else None,
        )
        for rid in step.layers
        if (route := atlas.routes.get(rid)) is not None
    ]


def care_ahead(lesson: Lesson, position: int) -> LessonStep | None:
    """The next step of the lesson when it carries a care note (to announce it now)."""
    nxt = lesson.next_after(position)
    return nxt if nxt is not None and nxt.step.care else None


def first_sentence(text: str) -> str:
    """A care note's first sentence: what the next step holds, without the advice to the
    teacher that may follow (the projector announces it in one line)."""
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text


def passages_hidden(step: TourStep, presenting: bool, revealed: bool) -> bool:
    """In presenter mode a care step's passages stay hidden until the presenter shows them."""
    return bool(step.care) and presenting and not revealed
