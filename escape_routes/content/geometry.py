"""How a segment is drawn: ground legs as their coordinates, legs of unknown means as arcs.

A leg whose means of travel no text gives (``unstated``), or that was flown (``air``), holds only
its two endpoints. :func:`drawn_line` turns them into a smooth curve, so that the leg cannot be
read as a path on the ground. The map, the export, the handout, the route lengths and the
validator's geography rule all call this one function, so what is checked is what is drawn.
The arcs are drawn in Web Mercator (:mod:`.projection`), as every map is. Also here: the one
geodesic routine (WGS84) that every length and distance in kilometres comes from.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from escape_routes.content.projection import mercator_lat, mercator_y

if TYPE_CHECKING:
    from pyproj import Geod

    from escape_routes.content.model import Segment

Coords = tuple[tuple[float, float], ...]

ARC_MEANS = frozenset({"unstated", "air"})
DEFAULT_BEND = 0.2
ARC_POINTS = 33


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


@lru_cache(maxsize=1)
def geod() -> Geod:
    """The WGS84 ellipsoid every length and distance is measured on (made once)."""
    from pyproj import Geod

    return Geod(ellps="WGS84")


def line_km(coords: Sequence[Sequence[float]]) -> float:
    """Geodesic length of a line of (lon, lat) points, in kilometres."""
    lons, lats = zip(*((c[0], c[1]) for c in coords), strict=True)
    return geod().line_length(lons, lats) / 1000


def distance_km(a: Sequence[float], b: Sequence[float]) -> float:
    """Geodesic distance between two (lon, lat) points, in kilometres."""
    return geod().inv(a[0], a[1], b[0], b[1])[2] / 1000
