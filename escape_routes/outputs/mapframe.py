"""What a printed step map shows: the part of the world (a :class:`Frame`) and the basemap's
shapes (:class:`Basemap`), for :mod:`.svgmap`.

A step's frame is fitted to what the step is about (:func:`fit_step`): at least the step's own
view, every place it names, and each of its routes whose drawn line does not run far beyond
that (Mrs. Park's line to Beijing has both its ends on the map of the embassies; the route to
Thailand stays a line leaving the map of the river crossings). Any scale is allowed (the map is
vector), so the frame is exactly as large as that needs, with a margin for the labels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from shapely.geometry.base import BaseGeometry

from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas, TourStep
from escape_routes.content.projection import mercator_lat, mercator_y

W, H = 640, 400  # the map's own pixels (it is printed at any size, keeping this shape)
LIVE_PX = (640, 400)  # the live map a step's view was chosen on, roughly
MARGIN = 0.1  # of each side, kept clear around what the frame must show
ROUTE_GROWTH = 2.0  # a route is framed whole if that at most doubles the area shown


def _merc(lat: float) -> float:
    """Web Mercator y in radians (the projection's own unit)."""
    return math.radians(mercator_y(lat))


def _unmerc(y: float) -> float:
    return mercator_lat(math.degrees(y))


@dataclass(frozen=True)
class Frame:
    """The part of the world a map shows, and how it maps onto the SVG's pixels."""

    lon0: float
    lat0: float
    zoom: float

    @property
    def scale(self) -> float:
        """Pixels per radian of longitude (Web Mercator at this zoom)."""
        return 256 * 2**self.zoom / (2 * math.pi)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x = W / 2 + math.radians(lon - self.lon0) * self.scale
        y = H / 2 - (_merc(lat) - _merc(self.lat0)) * self.scale
        return x, y

    def project_all(self, lonlat: np.ndarray) -> np.ndarray:
        """:meth:`project` for an (n, 2) array of (lon, lat), as ``shapely.transform`` wants."""
        x = W / 2 + np.radians(lonlat[:, 0] - self.lon0) * self.scale
        merc = np.log(np.tan(np.pi / 4 + np.radians(lonlat[:, 1]) / 2))
        y = H / 2 - (merc - _merc(self.lat0)) * self.scale
        return np.column_stack([x, y])

    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) in degrees."""
        half_lon = math.degrees(W / 2 / self.scale)
        m0 = _merc(self.lat0)
        return (
            self.lon0 - half_lon,
            _unmerc(m0 - H / 2 / self.scale),
            self.lon0 + half_lon,
            _unmerc(m0 + H / 2 / self.scale),
        )

    def km_per_px(self) -> float:
        return 6371.0088 * math.cos(math.radians(self.lat0)) / self.scale


Bounds = tuple[float, float, float, float]  # west, south, east, north (degrees)


def view_bounds(step: TourStep) -> Bounds:
    """What the step's own view shows on the live map."""
    lat, lon = step.view.center
    scale = 256 * 2**step.view.zoom / (2 * math.pi)
    half_lon = math.degrees(LIVE_PX[0] / 2 / scale)
    m0, half_y = _merc(lat), LIVE_PX[1] / 2 / scale
    return lon - half_lon, _unmerc(m0 - half_y), lon + half_lon, _unmerc(m0 + half_y)


def _union(a: Bounds, b: Bounds) -> Bounds:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _area(b: Bounds) -> float:
    return max(b[2] - b[0], 1e-6) * max(_merc(b[3]) - _merc(b[1]), 1e-6)


def _of(points: list[tuple[float, float]]) -> Bounds:
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def _padded(b: Bounds, by: Bounds, share: float) -> Bounds:
    """``b`` grown on each side by ``share`` of the size of ``by``."""
    dx, dy = share * (by[2] - by[0]), share * (by[3] - by[1])
    return b[0] - dx, max(b[1] - dy, -80.0), b[2] + dx, min(b[3] + dy, 80.0)


def step_bounds(atlas: Atlas, step: TourStep) -> Bounds:
    """What a step's map must show: its view, and with a margin for their labels, its places
    and its routes that fit."""
    view = view_bounds(step)
    places = [(p.lon, p.lat) for pid in step.places if (p := atlas.places.get(pid))]
    content = _of(places) if places else None
    for rid in step.layers:
        line = [c for seg in atlas.route_segments(rid) for c in derived(atlas).lines[seg.id]]
        if not line:
            continue
        grown = _of(line) if content is None else _union(content, _of(line))
        if _area(_union(view, grown)) <= ROUTE_GROWTH * _area(_union(view, content or view)):
            content = grown
    if content is None:
        return view
    return _union(view, _padded(content, _union(view, content), MARGIN))


def fit(bounds: Bounds, margin: float = 0.0) -> Frame:
    """The frame that shows ``bounds`` whole, centred, with ``margin`` of each side to spare."""
    west, south, east, north = bounds
    y0, y1 = _merc(south), _merc(north)
    span_x, span_y = max(math.radians(east - west), 1e-4), max(y1 - y0, 1e-4)
    usable = 1 - 2 * margin
    scale = min(W * usable / span_x, H * usable / span_y)
    zoom = math.log2(scale * 2 * math.pi / 256)
    return Frame((west + east) / 2, _unmerc((y0 + y1) / 2), zoom)


def fit_step(atlas: Atlas, step: TourStep) -> Frame:
    """The frame of a step's printed map (the module's docstring says what it holds)."""
    return fit(step_bounds(atlas, step))


@dataclass(frozen=True)
class Basemap:
    """The basemap's shapes for a handout: (name, geometry) of countries and rivers."""

    countries: tuple[tuple[str, BaseGeometry], ...]
    rivers: tuple[tuple[str, BaseGeometry], ...]

    @classmethod
    def of(cls, atlas: Atlas) -> Basemap:
        shapes = derived(atlas).basemap  # read once per content version
        return cls(
            tuple((c.label, c.geometry) for c in shapes.countries),
            tuple((r.label, r.geometry) for r in shapes.rivers),
        )
