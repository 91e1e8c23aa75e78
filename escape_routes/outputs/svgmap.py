"""Small static maps for print: one SVG per tour step, labelled so that no two labels overlap.

Each map shows the step's view (Web Mercator, like the live map) with the countries and their
names, the Tumen, Yalu and Mekong where they are in view, the step's routes (colour, line style
by status, an arrowhead for the direction of travel) and its places, and a scale bar.

Labels are placed greedily, most important first: places (beside their marker, trying eight
positions; a place whose name fits nowhere gets a number and is named in the key under the map),
then rivers (beside a point of the visible river), then countries (inside the country). A label
is drawn only where its box stays inside the map and clear of every marker and every label placed
before it. Each label's width is estimated and then fixed with ``textLength``, so the printed
text takes exactly the box that was checked, whatever font the printing computer has.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely import ops
from shapely.geometry import LineString, Point, box
from shapely.geometry.base import BaseGeometry

from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas, TourStep, View
from escape_routes.content.projection import mercator_lat, mercator_y, mercator_ys, px_per_degree
from escape_routes.html.render import esc
from escape_routes.map import folium_map

W, H = 640, 400
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
SEA, LAND, BORDER, RIVER = "#dfeaf2", "#f1efe8", "#8a8a8a", "#2f6fb0"
PLACE_SIZE, RIVER_SIZE, COUNTRY_SIZE = 12.5, 11.5, 12.5
MARKER_R = 5
_EDGE = 3  # a label keeps this far from the map's edge (px)

_CHAR_W = {
    **dict.fromkeys("ijl'|", 0.23),
    **dict.fromkeys("ftI !.,:;()[]-’‘", 0.29),
    "r": 0.34,
    **dict.fromkeys("mwMW", 0.86),
    **dict.fromkeys("abcdeghknopqsuvxyz0123456789", 0.56),
}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width of a label in Arial-like type (pixels); ``textLength`` makes it exact."""
    em = sum(_CHAR_W.get(c, 0.69 if c.isupper() else 0.6) for c in text)
    return em * size * (1.07 if bold else 1.0)


@dataclass(frozen=True)
class Frame:
    """The part of the world a map shows, and how it maps onto the SVG's pixels."""

    lon0: float
    lat0: float
    zoom: int

    @property
    def scale(self) -> float:
        """Pixels per degree of longitude (Web Mercator at this zoom)."""
        return px_per_degree(self.zoom)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x = W / 2 + (lon - self.lon0) * self.scale
        y = H / 2 - (mercator_y(lat) - mercator_y(self.lat0)) * self.scale
        return x, y

    def project_all(self, lonlat: np.ndarray) -> np.ndarray:
        """:meth:`project` for an (n, 2) array of (lon, lat), as ``shapely.transform`` wants."""
        x = W / 2 + (lonlat[:, 0] - self.lon0) * self.scale
        y = H / 2 - (mercator_ys(lonlat[:, 1]) - mercator_y(self.lat0)) * self.scale
        return np.column_stack([x, y])

    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) in degrees."""
        half_lon = W / 2 / self.scale
        m0 = mercator_y(self.lat0)
        return (
            self.lon0 - half_lon,
            mercator_lat(m0 - H / 2 / self.scale),
            self.lon0 + half_lon,
            mercator_lat(m0 + H / 2 / self.scale),
        )

    def km_per_px(self) -> float:
        return 6371.0088 * math.radians(1) * math.cos(math.radians(self.lat0)) / self.scale


def frame_for(view: View) -> Frame:
    lat, lon = view.center
    return Frame(lon, lat, view.zoom)


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


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(b: Box) -> bool:
    return b[0] >= _EDGE and b[1] >= _EDGE and b[2] <= W - _EDGE and b[3] <= H - _EDGE


@dataclass
class Labels:
    """Labels placed so far, and the boxes nothing may cover."""

    taken: list[Box] = field(default_factory=list)
    svg: list[str] = field(default_factory=list)

    def fits(self, b: Box) -> bool:
        return _inside(b) and not any(_overlaps(b, t) for t in self.taken)

    def add(self, text: str, x: float, y: float, size: float, css: str, width: float) -> None:
        """A label whose text starts at x with its baseline at y, exactly ``width`` wide."""
        self.taken.append(_text_box(x, y, width, size))
        self.svg.append(
            f'<text x="{x:.1f}" y="{y:.1f}" class="{css}" textLength="{width:.1f}" '
            f'lengthAdjust="spacingAndGlyphs">{esc(text)}</text>'
        )


def _text_box(x: float, y: float, width: float, size: float) -> Box:
    """The box a label's glyphs can take (font ascent and descent, a little margin)."""
    return (x - 2, y - 0.95 * size - 1, x + width + 2, y + 0.25 * size + 1)


def _place_label(labels: Labels, text: str, px: float, py: float) -> bool:
    """Put a place's name beside its marker: right, left, above, below, then the diagonals."""
    size, width = PLACE_SIZE, text_width(text, PLACE_SIZE, bold=True)
    r = MARKER_R + 3  # clear of the marker's own box (MARKER_R + 1) by a pixel or two
    mid = py + 0.35 * size  # the baseline that centres the text on the marker
    above = py - r - 1 - 0.25 * size
    below = py + r + 1 + 0.95 * size
    candidates = [
        (px + r + 2, mid),
        (px - r - 2 - width, mid),
        (px - width / 2, above),
        (px - width / 2, below),
        (px + r - 2, above),
        (px + r - 2, below),
        (px - r + 2 - width, above),
        (px - r + 2 - width, below),
    ]
    for x, y in candidates:
        if labels.fits(_text_box(x, y, width, size)):
            labels.add(text, x, y, size, "lp", width)
            return True
    return False


def _river_label(labels: Labels, name: str, line: BaseGeometry) -> None:
    parts = [g for g in getattr(line, "geoms", [line]) if g.length > 0]
    if not parts or not name:
        return
    longest = max(parts, key=lambda g: g.length)
    size, width = RIVER_SIZE, text_width(name, RIVER_SIZE)
    if longest.length < width * 0.6:
        return
    for frac in (0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9):
        pt = longest.interpolate(frac, normalized=True)
        for dy in (-6.0, 6 + size * 0.8):
            x, y = pt.x - width / 2, pt.y + dy
            if labels.fits(_text_box(x, y, width, size)):
                labels.add(name, x, y, size, "lr", width)
                return


def _country_layouts(name: str) -> list[list[tuple[str, float]]]:
    """A country's name on one line, then (if it has two words or more) on two smaller ones."""
    layouts = [[(name, COUNTRY_SIZE)]]
    words = name.split()
    if len(words) > 1:
        k = min(
            range(1, len(words)),
            key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))),
        )
        small = COUNTRY_SIZE - 1.5
        layouts.append([(" ".join(words[:k]), small), (" ".join(words[k:]), small)])
    return layouts


def _country_label(
    labels: Labels, name: str, area: BaseGeometry, lines: BaseGeometry, whole: bool
) -> None:
    """Name a country inside its own shape, near the middle of what is in view, clear of the
    routes if it can be; on two lines if one is too wide. A country wholly in view and too
    small for its name (North Korea on a map of the region) is named across its borders,
    centred on it; a sliver at the map's edge is left unnamed."""
    parts = [g for g in getattr(area, "geoms", [area]) if g.area > 0]
    if not parts or not name:
        return
    main = max(parts, key=lambda g: g.area)
    x0, y0, x1, y1 = main.bounds
    start = ops.polylabel(main, tolerance=2) if main.geom_type == "Polygon" else main.centroid
    grid = [
        (x0 + (x1 - x0) * i / 8, y0 + (y1 - y0) * j / 6) for i in range(1, 8) for j in range(1, 6)
    ]
    grid.sort(key=lambda p: (p[0] - start.x) ** 2 + (p[1] - start.y) ** 2)
    inner = main.buffer(-2)
    passes = [(inside, avoid) for inside in (True, False) for avoid in (True, False)]
    for inside, avoid_lines in passes if whole else passes[:2]:
        for layout in _country_layouts(name):
            step = 1.25 * layout[0][1] + 2.5  # line spacing: two lines' boxes never touch
            for cx, cy in [(start.x, start.y), *grid]:
                placed = []
                for i, (text, size) in enumerate(layout):
                    width = text_width(text, size)
                    y = cy + (i - (len(layout) - 1) / 2) * step + 0.35 * size
                    placed.append((text, cx - width / 2, y, size, width))
                shapes = [box(*_text_box(x, y, w, size)) for _, x, y, size, w in placed]
                if not all(labels.fits(b.bounds) for b in shapes):
                    continue
                if inside and not all(inner.contains(b) for b in shapes):
                    continue
                if not inside and not main.contains(Point(cx, cy)):
                    continue
                if avoid_lines and any(lines.intersects(b) for b in shapes):
                    continue
                for text, x, y, size, width in placed:
                    labels.add(text, x, y, size, "lc", width)
                return


def _scale_bar(frame: Frame) -> tuple[str, Box]:
    km_px = frame.km_per_px()
    km = next(
        (k for k in (5000, 2000, 1000, 500, 200, 100, 50, 20, 10) if k / km_px <= 140),
        10,
    )
    length, x, y = km / km_px, 12.0, H - 12.0
    svg = (
        f'<path d="M{x:.1f},{y - 5:.1f}V{y:.1f}H{x + length:.1f}V{y - 5:.1f}" fill="none" '
        f'stroke="#222" stroke-width="1.5"/><text x="{x + 3:.1f}" y="{y - 5:.1f}" class="ls">'
        f"{km:,} km</text>"
    )
    return svg, (x - 2, y - 20, x + max(length, 50) + 4, y + 3)


def _path(geom: BaseGeometry) -> str:
    parts = []
    for poly in getattr(geom, "geoms", [geom]):
        rings = [poly.exterior, *poly.interiors] if hasattr(poly, "exterior") else []
        for ring in rings:
            pts = " L".join(f"{x:.1f},{y:.1f}" for x, y in ring.coords)
            parts.append(f"M{pts}Z")
    return "".join(parts)


def _polyline(geom: BaseGeometry) -> str:
    out = []
    for line in getattr(geom, "geoms", [geom]):
        if line.geom_type == "LineString" and not line.is_empty:
            out.append(" L".join(f"{x:.1f},{y:.1f}" for x, y in line.coords))
    return "".join(f"M{p}" for p in out)


def _arrowhead(pts: list[tuple[float, float]], colour: str) -> str:
    """A small filled triangle midway along the longest step, pointing the way of travel."""
    if len(pts) < 2:
        return ""
    i = max(range(len(pts) - 1), key=lambda k: math.dist(pts[k], pts[k + 1]))
    (ax, ay), (bx, by) = pts[i], pts[i + 1]
    if math.dist((ax, ay), (bx, by)) < 14:
        return ""
    angle = math.degrees(math.atan2(by - ay, bx - ax))
    return (
        f'<path d="M5,0 L-4,-4.5 L-4,4.5Z" fill="{colour}" stroke="#fff" stroke-width="0.8" '
        f'transform="translate({(ax + bx) / 2:.1f},{(ay + by) / 2:.1f}) rotate({angle:.0f})"/>'
    )


@dataclass(frozen=True)
class StepMap:
    """A step's map: the SVG, and what the key under it must name."""

    svg: str
    routes: tuple[str, ...]
    numbered: tuple[tuple[int, str], ...]


def step_map(atlas: Atlas, step: TourStep, basemap: Basemap) -> StepMap:
    """The SVG map of one tour step's view, with labels that never overlap."""
    frame = frame_for(step.view)
    west, south, east, north = frame.bounds()
    clip = box(west, south, east, north)
    tol = (east - west) / W / 2

    def screen(geom: BaseGeometry) -> BaseGeometry:
        return shapely.transform(geom, frame.project_all)

    countries, rivers = [], []
    for name, geom in basemap.countries:
        if geom.intersects(clip):
            countries.append(
                (name, screen(geom.intersection(clip).simplify(tol)), clip.contains(geom))
            )
    for name, geom in basemap.rivers:
        if geom.intersects(clip):
            rivers.append((name, screen(geom.intersection(clip))))

    shapes = [f'<path d="{_path(g)}" class="land"/>' for _, g, _ in countries if not g.is_empty]
    shapes += [f'<path d="{_polyline(g)}" class="river"/>' for _, g in rivers if not g.is_empty]
    route_lines, shown_routes = [], []
    for rid in step.layers:
        route = atlas.routes.get(rid)
        if route is None:
            continue
        shown_routes.append(rid)
        for seg in atlas.route_segments(rid):
            pts = [frame.project(*c) for c in derived(atlas).lines[seg.id]]
            route_lines.append(LineString(pts))
            dash = folium_map.status_dash(atlas, seg.status)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            shapes.append(
                f'<path d="M{" L".join(f"{x:.1f},{y:.1f}" for x, y in pts)}" fill="none" '
                f'stroke="{route.colour}" stroke-width="3"{dash_attr}/>'
            )
            shapes.append(_arrowhead(pts, route.colour))

    labels = Labels()
    bar_svg, bar_box = _scale_bar(frame)
    labels.taken.append(bar_box)
    places = []
    for pid in step.places:
        place = atlas.places.get(pid)
        if place is None:
            continue
        x, y = frame.project(place.lon, place.lat)
        if 0 <= x <= W and 0 <= y <= H:
            places.append((place, x, y))
            r = MARKER_R + 1
            labels.taken.append((x - r, y - r, x + r, y + r))
    markers = [
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{MARKER_R}" class="pl'
        f'{" sch" if p.precision == "schematic" else ""}"/>'
        for p, x, y in places
    ]
    numbered: list[tuple[int, str]] = []
    for place, x, y in places:
        if not _place_label(labels, place.name, x, y):
            numbered.append((len(numbered) + 1, place.name))
            _place_label(labels, str(len(numbered)), x, y)
    for name, geom in rivers:
        _river_label(labels, name, geom)
    lines = ops.unary_union(route_lines) if route_lines else LineString()
    for name, geom, whole in sorted(countries, key=lambda c: -c[1].area):
        _country_label(labels, name, geom, lines, whole)

    svg = (
        f'<svg viewBox="0 0 {W} {H}" width="100%" role="img" class="stepmap" '
        f'aria-label="Map for step: {esc(step.title)}">'
        f'<rect width="{W}" height="{H}" fill="{SEA}"/>{"".join(shapes)}{"".join(markers)}'
        f'{bar_svg}<g class="labels">{"".join(labels.svg)}</g></svg>'
    )
    return StepMap(svg, tuple(shown_routes), tuple(numbered))


SVG_CSS = f"""
.stepmap{{display:block;border:1px solid #777;box-sizing:border-box}}
.stepmap .land{{fill:{LAND};stroke:{BORDER};stroke-width:.8}}
.stepmap .river{{fill:none;stroke:{RIVER};stroke-width:2;stroke-linejoin:round}}
.stepmap .pl{{fill:#fff;stroke:#263238;stroke-width:2}}.stepmap .sch{{stroke-dasharray:3 2}}
.stepmap text{{font-family:{FONT};paint-order:stroke;stroke:#fff;stroke-width:3px;
  stroke-linejoin:round}}
.stepmap .lp{{font-size:{PLACE_SIZE}px;font-weight:700;fill:#111}}
.stepmap .lr{{font-size:{RIVER_SIZE}px;font-style:italic;fill:{RIVER}}}
.stepmap .lc{{font-size:{COUNTRY_SIZE}px;fill:#4a4a4a}}
.stepmap .ls{{font-size:10px;fill:#222}}
"""
