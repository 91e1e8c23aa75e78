"""How a segment is drawn: ground legs as their coordinates, legs of unknown means as arcs.

A leg whose means of travel no text gives (``unstated``), or that was flown (``air``), holds only
its two endpoints. :func:`drawn_line` turns them into a smooth curve, so that the leg cannot be
read as a path on the ground. The map, the export, the handout, the route lengths and the
validator's geography rule all call this one function, so what is checked is what is drawn.
Also here: the Web Mercator projection the arcs (and the tour's presenter view) are drawn in,
and the geodesic lengths of drawn lines.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from escape_routes.content.model import Atlas, Segment

Coords = tuple[tuple[float, float], ...]

ARC_MEANS = frozenset({"unstated", "air"})
DEFAULT_BEND = 0.2
ARC_POINTS = 33


def mercator_y(lat: float) -> float:
    """Web Mercator y of a latitude, in the units of a longitude degree."""
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def mercator_lat(y: float) -> float:
    """The latitude of a Web Mercator y (the inverse of :func:`mercator_y`)."""
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


@lru_cache(maxsize=512)
def arc(
    start: tuple[float, float], end: tuple[float, float], bend: float, points: int = ARC_POINTS
) -> Coords:
    """A quadratic Bézier curve from ``start`` to ``end`` (lon, lat), drawn in Web Mercator.

    Parameters
    ----------
    start, end
        The endpoints, (lon, lat).
    bend
        How far the curve bulges, as a share of the straight distance: positive to the left of
        the direction of travel, negative to the right, 0 for a straight line.
    points
        How many points the curve has (at least 2).

    Returns
    -------
    tuple of (lon, lat)
        Starts exactly at ``start`` and ends exactly at ``end``; rounded to 5 decimals.
    """
    x0, y0 = start[0], mercator_y(start[1])
    x1, y1 = end[0], mercator_y(end[1])
    dx, dy = x1 - x0, y1 - y0
    # The control point sits off the chord's middle at twice the wanted bulge (a quadratic
    # Bézier reaches half-way to its control point).
    cx = (x0 + x1) / 2 - dy * bend * 2
    cy = (y0 + y1) / 2 + dx * bend * 2
    n = max(points, 2) - 1
    out = []
    for i in range(n + 1):
        t = i / n
        a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t**2
        x = a * x0 + b * cx + c * x1
        y = a * y0 + b * cy + c * y1
        out.append((round(x, 5), round(mercator_lat(y), 5)))
    out[0], out[-1] = tuple(start), tuple(end)
    return tuple(out)


def is_arc(segment: Segment) -> bool:
    """Whether the segment is drawn as an arc (no text gives a ground path for it)."""
    return segment.means in ARC_MEANS


def drawn_line(segment: Segment) -> Coords:
    """The coordinates a segment is drawn with (lon, lat).

    Ground legs (on foot, river crossing, road, rail, boat) keep their coordinates; unstated and
    air legs become an arc between their first and last points, bent by ``segment.bend``.
    """
    coords = tuple(tuple(c) for c in segment.coords)
    if not is_arc(segment):
        return coords  # type: ignore[return-value]
    bend = DEFAULT_BEND if segment.bend is None else segment.bend
    return arc(coords[0], coords[-1], bend)  # type: ignore[arg-type]


def route_length_km(atlas: Atlas, route_id: str) -> float:
    """Geodesic length of a route's drawn line (WGS84), in kilometres."""
    return _length_km(tuple(drawn_line(s) for s in atlas.route_segments(route_id)))


def segment_length_km(seg: Segment) -> float:
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
