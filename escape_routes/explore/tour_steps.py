"""Tour logic the tour page shares with the exports: step numbers, what each step shows."""

from __future__ import annotations

import math

from escape_routes.content.model import Atlas, TourStep
from escape_routes.content.projection import mercator_lat, mercator_y, zoom_to_fit
from escape_routes.explore.visible import Shown, Visible
from escape_routes.html.render import CSS, quote_block

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


def quotes_html(atlas: Atlas, step: TourStep, large: bool = False) -> str:
    """The step's quotes, escaped; when presenting, in large type with short citations."""
    size = "1.7rem" if large else "1.25rem"
    blocks = "".join(
        quote_block(atlas, atlas.quotes[q], compact=large) for q in step.quotes if q in atlas.quotes
    )
    return (
        f"<style>{CSS} .er-tour .er-quote q{{font-size:{size}}}</style>"
        f'<div class="er-tour">{blocks}</div>'
    )
