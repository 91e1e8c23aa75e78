"""What is computed from one atlas, once: drawn lines and their lengths, label anchors, shapes.

Every session of a server process holds the same atlas (one per version of the content), so
what :func:`derived` returns for it is computed once per content version and shared, and goes
when that version is replaced (it is kept on the atlas itself; a changed copy of an atlas gets
its own). It is the one place for such data:

- ``lines``: each segment's drawn line (:func:`~.geometry.drawn_line`), and its geodesic length
  (``segment_km``) and each route's (``route_km``), all from :func:`~.geometry.line_km`;
- ``routes_of_places``: which routes pass each place; ``years(quotes)``: the years of the
  passages' sources (the "reported" years of whatever holds them);
- ``label_anchors``: where the map may write each river's and country's name;
- ``basemap``: the basemap's shapes, read once (shapely; made only when drawn, never stored);
- :meth:`Derived.memo`: anything else built from this atlas (a download, say), made once.

The compiled atlas (:mod:`.compiled`) is stored with the fields in :data:`STORED` computed, so a
server process loads them instead of computing them, and needs neither shapely nor pyproj to draw
the map.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from escape_routes.content.frozen import FrozenDict
from escape_routes.content.geometry import Coords, drawn_line, line_km

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from escape_routes.content.model import Atlas

T = TypeVar("T")

RIVER_STEP_DEG = 0.12
COUNTRY_INSET_DEG = 0.35
MIN_COUNTRY_AREA = 0.5  # square degrees: Hong Kong and Macao get no name of their own

#: The fields a compiled atlas is stored with (everything but the shapes, which need shapely).
STORED = ("lines", "segment_km", "route_km", "routes_of_places", "quote_years", "label_anchors")


@dataclass(frozen=True)
class Shape:
    """One basemap feature: its ISO code (countries), the name maps write, its geometry."""

    iso: str | None
    label: str
    geometry: BaseGeometry


@dataclass(frozen=True)
class Basemap:
    """The basemap's countries and rivers as shapely geometries."""

    countries: tuple[Shape, ...]
    rivers: tuple[Shape, ...]


@dataclass(frozen=True)
class LabelAnchors:
    """Where a river's or a country's name may stand: [lat, lon] points, best first."""

    kind: str  # "river" or "country"
    text: str
    anchors: tuple[tuple[float, float], ...]


_MADE = threading.Lock()


def derived(atlas: Atlas) -> Derived:
    """What is computed from this atlas: made on first use, then kept with the atlas (and
    stored with it in the compiled file)."""
    found = vars(atlas).get("_derived")
    if found is None:
        with _MADE:
            found = vars(atlas).get("_derived")
            if found is None:
                found = Derived(atlas)
                object.__setattr__(atlas, "_derived", found)  # a cache, not content
    return found


class Derived:
    """What is computed from one atlas (see the module's docstring); each part on first use."""

    def __init__(self, atlas: Atlas) -> None:
        self._atlas = atlas
        self._memo: dict[Hashable, Any] = {}
        self._lock = threading.Lock()

    @cached_property
    def lines(self) -> FrozenDict[str, Coords]:
        """Segment id -> the line it is drawn with (lon, lat)."""
        return FrozenDict({sid: drawn_line(s) for sid, s in self._atlas.segments.items()})

    @cached_property
    def segment_km(self) -> FrozenDict[str, float]:
        """Segment id -> geodesic length of its drawn line (WGS84), in kilometres."""
        return FrozenDict({sid: line_km(line) for sid, line in self.lines.items()})

    @cached_property
    def route_km(self) -> FrozenDict[str, float]:
        """Route id -> geodesic length of its segments' drawn lines, in kilometres."""
        a = self._atlas
        return FrozenDict(
            {rid: sum(self.segment_km[s.id] for s in a.route_segments(rid)) for rid in a.routes}
        )

    @cached_property
    def routes_of_places(self) -> FrozenDict[str, frozenset[str]]:
        """Place id -> the routes whose segments pass it (over all segments)."""
        out: dict[str, set[str]] = {}
        for seg in self._atlas.segments.values():
            for pid in seg.places:
                out.setdefault(pid, set()).add(seg.route)
        return FrozenDict({pid: frozenset(rs) for pid, rs in out.items()})

    @cached_property
    def quote_years(self) -> FrozenDict[str, int]:
        """Quote id -> the year of its source (quotes whose source is unknown are left out)."""
        sources = self._atlas.sources
        return FrozenDict(
            {
                qid: sources[q.source].year
                for qid, q in self._atlas.quotes.items()
                if q.source in sources
            }
        )

    def years(self, quote_ids: Iterable[str]) -> tuple[int, ...]:
        """The years of these passages' sources, each once, in order (unknown ids are skipped)."""
        return tuple(sorted({self.quote_years[q] for q in quote_ids if q in self.quote_years}))

    @cached_property
    def basemap(self) -> Basemap:
        """The basemap's shapes (read on first use; never stored in the compiled atlas)."""
        return Basemap(_shapes(self._atlas.countries), _shapes(self._atlas.rivers))

    @cached_property
    def label_anchors(self) -> tuple[LabelAnchors, ...]:
        """Rivers (along their line), then countries, largest first (on a grid inside them,
        away from their border); countries too small for a name are left out."""
        return (
            *_of_layer(self._atlas.rivers, "anchors", _river_anchors),
            *_of_layer(self._atlas.countries, "anchors", _countries_anchors),
        )

    def memo(self, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``, made once for this atlas and ``key`` (sessions asking together wait for
        one to make it) and kept as long as the atlas is."""
        if key in self._memo:
            return self._memo[key]
        with self._lock:
            if key not in self._memo:
                self._memo[key] = make()
        return self._memo[key]

    def prepare(self) -> Derived:
        """Compute every stored field now (before the atlas is compiled)."""
        for name in STORED:
            getattr(self, name)
        return self

    def __getstate__(self) -> dict[str, Any]:
        return {"_atlas": self._atlas, **{k: v for k, v in vars(self).items() if k in STORED}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        vars(self).update(state)
        self._memo, self._lock = {}, threading.Lock()


#: (basemap layer, what) -> what is made of it alone: its shapes, where its names may stand.
#: Loading reads each basemap file once per content and hands every atlas of it the same frozen
#: layer (:func:`escape_routes.content.load.read_atlas`), so atlases of edited copies share
#: these. The layer is kept with them, so its id is never another's while it is here.
_LAYERS: dict[tuple[int, str], tuple[Any, Any]] = {}
_LAYERS_LOCK = threading.Lock()


def _of_layer(layer: Any, what: str, make: Callable[[Any], T]) -> T:
    """``make(layer)``, made once per basemap layer (the last few layers are kept)."""
    kept = _LAYERS.get((id(layer), what))
    if kept is not None and kept[0] is layer:
        return kept[1]
    made = make(layer)
    with _LAYERS_LOCK:
        while len(_LAYERS) >= 16:
            del _LAYERS[next(iter(_LAYERS))]
        _LAYERS[(id(layer), what)] = (layer, made)
    return made


def _shapes(layer: Any) -> tuple[Shape, ...]:
    """The shapes of a basemap layer's features (GEOS geometries, made once per layer)."""

    def make(layer: Any) -> tuple[Shape, ...]:
        from shapely.geometry import shape

        features = [
            (f.get("properties") or {}, f.get("geometry")) for f in layer.get("features", ())
        ]
        return tuple(
            Shape(p.get("iso_a3"), str(p.get("label") or p.get("name") or ""), shape(g))
            for p, g in features
            if g
        )

    return _of_layer(layer, "shapes", make)


def _river_anchors(layer: Any) -> tuple[LabelAnchors, ...]:
    """Rivers, each along its line."""
    return tuple(
        LabelAnchors("river", r.label, _line_anchors(r.geometry)) for r in _shapes(layer) if r.label
    )


def _countries_anchors(layer: Any) -> tuple[LabelAnchors, ...]:
    """Countries large enough for a name, largest first, each on a grid inside it away from
    its border."""
    countries = sorted(
        (c for c in _shapes(layer) if c.label and c.geometry.area >= MIN_COUNTRY_AREA),
        key=lambda c: -c.geometry.area,
    )
    return tuple(LabelAnchors("country", c.label, _country_anchors(c.geometry)) for c in countries)


def _grid(geom: Any, step: float) -> Any:
    """Points of a grid of ``step`` degrees that lie inside ``geom``, as an (n, 2) array."""
    import numpy as np
    import shapely

    x0, y0, x1, y1 = geom.bounds
    xs = np.arange(np.floor(x0 / step) * step + step / 2, x1, step)
    ys = np.arange(np.floor(y0 / step) * step + step / 2, y1, step)
    gx, gy = np.meshgrid(xs, ys)
    pts = np.column_stack([gx.ravel(), gy.ravel()])
    if not len(pts):
        return pts
    return pts[np.asarray(shapely.contains_xy(geom, pts[:, 0], pts[:, 1]), dtype=bool)]


def _country_anchors(geom: Any) -> tuple[tuple[float, float], ...]:
    """(lat, lon) points inside a country, away from its border, on a grid that suits its size."""
    import shapely

    area = geom.area
    step = 0.5 if area < 40 else 1.0 if area < 400 else 1.5
    inner = geom.buffer(-COUNTRY_INSET_DEG)
    pts = _grid(inner, step) if not inner.is_empty else ()
    if len(pts) == 0:
        p = shapely.point_on_surface(geom)
        pts = [(p.x, p.y)]
    return tuple((round(float(y), 2), round(float(x), 2)) for x, y in pts)


def _line_anchors(geom: Any) -> tuple[tuple[float, float], ...]:
    """(lat, lon) points along a river every RIVER_STEP_DEG degrees (its middle first)."""
    lines = list(getattr(geom, "geoms", [geom]))
    out = []
    for line in sorted(lines, key=lambda g: -g.length):
        n = max(1, int(line.length / RIVER_STEP_DEG))
        for i in sorted(range(n + 1), key=lambda k: abs(k - n / 2)):
            p = line.interpolate(i / n, normalized=True)
            out.append((round(p.y, 3), round(p.x, 3)))
    return tuple(out)
