"""Small static maps for print: one SVG per tour step, labelled so that no two labels overlap.

Each map shows what its step is about (:func:`.mapframe.fit_step`: its view, its places, its
routes that fit; Web Mercator, like the live map) with the countries and their names, the Tumen,
Yalu and Mekong where they are in view, the step's routes (colour, line style by status, an
arrowhead for the direction of travel) and its places, and a scale bar. The markup is the
template ``html/templates/handout/stepmap.html``.

The labels are placed by :mod:`.svglabels`, so that no two overlap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely
from markupsafe import Markup
from shapely import ops
from shapely.geometry import LineString, box
from shapely.geometry.base import BaseGeometry

from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas, TourStep
from escape_routes.html.styles import stylesheet
from escape_routes.html.templates import render
from escape_routes.map import folium_map
from escape_routes.outputs import svglabels
from escape_routes.outputs.mapframe import Basemap, Frame, H, W, fit_step
from escape_routes.outputs.svglabels import (
    COUNTRY_SIZE,
    FONT,
    MARKER_R,
    PLACE_SIZE,
    RIVER_SIZE,
    Box,
    Labels,
)

SEA, LAND, BORDER, RIVER = "#dfeaf2", "#f1efe8", "#8a8a8a", "#2f6fb0"


def _scale_bar(frame: Frame) -> tuple[dict, Box]:
    km_px = frame.km_per_px()
    km = next(
        (k for k in (5000, 2000, 1000, 500, 200, 100, 50, 20, 10) if k / km_px <= 140),
        10,
    )
    length, x, y = km / km_px, 12.0, H - 12.0
    bar = {
        "d": f"M{x:.1f},{y - 5:.1f}V{y:.1f}H{x + length:.1f}V{y - 5:.1f}",
        "x": x + 3,
        "y": y - 5,
        "km": km,
    }
    return bar, (x - 2, y - 20, x + max(length, 50) + 4, y + 3)


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


def _arrowhead(pts: list[tuple[float, float]]) -> tuple[float, float, float] | None:
    """Where a small arrowhead goes: midway along the longest step, pointing the way of travel
    (x, y, angle in degrees); None on a line too short for one."""
    if len(pts) < 2:
        return None
    i = max(range(len(pts) - 1), key=lambda k: math.dist(pts[k], pts[k + 1]))
    (ax, ay), (bx, by) = pts[i], pts[i + 1]
    if math.dist((ax, ay), (bx, by)) < 14:
        return None
    return (ax + bx) / 2, (ay + by) / 2, math.degrees(math.atan2(by - ay, bx - ax))


@dataclass(frozen=True)
class StepMap:
    """A step's map: the SVG, and what the key under it must name."""

    svg: Markup
    routes: tuple[str, ...]
    numbered: tuple[tuple[int, str], ...]


def step_map(atlas: Atlas, step: TourStep, basemap: Basemap) -> StepMap:
    """The SVG map of one tour step (fitted to what it is about: :func:`.mapframe.fit_step`),
    with labels that never overlap."""
    frame = fit_step(atlas, step)
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

    land = [_path(g) for _, g, _ in countries if not g.is_empty]
    water = [_polyline(g) for _, g in rivers if not g.is_empty]
    route_lines, shown_routes, drawn = [], [], []
    for rid in step.layers:
        route = atlas.routes.get(rid)
        if route is None:
            continue
        shown_routes.append(rid)
        for seg in atlas.route_segments(rid):
            pts = [frame.project(*c) for c in derived(atlas).lines[seg.id]]
            route_lines.append(LineString(pts))
            drawn.append(
                {
                    "d": "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in pts),
                    "colour": route.colour,
                    "dash": folium_map.status_dash(atlas, seg.status) or "",
                    "arrow": _arrowhead(pts),
                }
            )

    labels = Labels()
    bar, bar_box = _scale_bar(frame)
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
    markers = [{"x": x, "y": y, "schematic": p.precision == "schematic"} for p, x, y in places]
    numbered: list[tuple[int, str]] = []
    for place, x, y in places:
        if not svglabels.place_label(labels, place.name, x, y):
            numbered.append((len(numbered) + 1, place.name))
            svglabels.place_label(labels, str(len(numbered)), x, y)
    for name, geom in rivers:
        svglabels.river_label(labels, name, geom)
    lines = ops.unary_union(route_lines) if route_lines else LineString()
    for name, geom, whole in sorted(countries, key=lambda c: -c[1].area):
        svglabels.country_label(labels, name, geom, lines, whole)

    svg = render(
        "handout/stepmap.html",
        width=W,
        height=H,
        sea=SEA,
        title=step.title,
        land=land,
        rivers=water,
        lines=drawn,
        markers=markers,
        radius=MARKER_R,
        bar=bar,
        labels=labels.placed,
    )
    return StepMap(svg, tuple(shown_routes), tuple(numbered))


def svg_css() -> Markup:
    """The step maps' stylesheet (css/stepmap.css) with this module's palette and sizes."""
    return stylesheet(
        "stepmap.css",
        land=LAND,
        border=BORDER,
        river=RIVER,
        font=Markup(FONT),  # our own constant: its quotes stay CSS quotes
        place_size=PLACE_SIZE,
        river_size=RIVER_SIZE,
        country_size=COUNTRY_SIZE,
    )
