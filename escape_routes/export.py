"""Standalone outputs: the whole map as one offline HTML file, and the printable tour handout."""

from __future__ import annotations

import math

from branca.element import Element
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

from escape_routes import assets, mapview
from escape_routes.filters import Filter, apply
from escape_routes.geometry import drawn_line
from escape_routes.model import Atlas, TourStep
from escape_routes.render import CSS, esc, quote_block

SVG_W, SVG_H = 640, 400


def standalone_html(atlas: Atlas, f: Filter | None = None) -> str:
    """One self-contained HTML file: every script, style, layer, popup and the legend inlined.

    Opens from disk with no server and no network (the school's learning platform, a USB stick,
    any static web host).
    """
    m = mapview.full_map(atlas, apply(atlas, f or Filter()))
    m.get_root().header.add_child(
        Element(f"<title>{esc('Escape Routes — ' + mapview.NOTE)}</title>"), name="title"
    )
    return assets.inline_html(m)


def _bbox(step: TourStep) -> tuple[float, float, float, float]:
    lat, lon = step.view.center
    lon_span = SVG_W * 360 / (256 * 2**step.view.zoom)
    lat_span = lon_span * SVG_H / SVG_W * math.cos(math.radians(lat))
    return lon - lon_span / 2, lat - lat_span / 2, lon + lon_span / 2, lat + lat_span / 2


def _path(geom: BaseGeometry, project) -> str:
    parts = []
    polys = getattr(geom, "geoms", [geom])
    for poly in polys:
        for ring in [poly.exterior, *poly.interiors] if hasattr(poly, "exterior") else []:
            pts = " L".join(f"{x:.1f},{y:.1f}" for x, y in (project(*c) for c in ring.coords))
            parts.append(f"M{pts}Z")
    return "".join(parts)


def step_svg(atlas: Atlas, step: TourStep) -> str:
    """A small static map of a step's view: countries, its routes and places (for printing)."""
    x0, y0, x1, y1 = _bbox(step)
    frame = box(x0, y0, x1, y1)
    tol = (x1 - x0) / SVG_W

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - x0) / (x1 - x0) * SVG_W, (y1 - lat) / (y1 - y0) * SVG_H

    shapes = []
    for feat in atlas.countries.get("features", []):
        geom = shape(feat["geometry"]).intersection(frame).simplify(tol)
        if not geom.is_empty:
            shapes.append(f'<path d="{_path(geom, project)}" fill="#f1efe8" stroke="#888"/>')
    for rid in step.layers:
        route = atlas.routes.get(rid)
        for seg in atlas.route_segments(rid) if route else []:
            pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (project(*c) for c in drawn_line(seg)))
            dash = mapview.status_dash(atlas, seg.status) or "none"
            shapes.append(
                f'<polyline points="{pts}" fill="none" stroke="{route.colour}" '
                f'stroke-width="3" stroke-dasharray="{dash}"/>'
            )
    for pid in step.places:
        place = atlas.places.get(pid)
        if place:
            x, y = project(place.lon, place.lat)
            shapes.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#fff" stroke="#263238" '
                f'stroke-width="2"/><text x="{x + 7:.1f}" y="{y + 4:.1f}" font-size="12">'
                f"{esc(place.name)}</text>"
            )
    return (
        f'<svg viewBox="0 0 {SVG_W} {SVG_H}" width="100%" role="img" '
        f'aria-label="Map of step: {esc(step.title)}" style="background:#dfeaf2;'
        f'border:1px solid #999">{"".join(shapes)}</svg>'
    )


HANDOUT_CSS = """
body{font-family:Georgia,serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-family:system-ui,sans-serif}.step{break-inside:avoid-page;margin-bottom:2.5rem}
.step h2{font-family:system-ui,sans-serif;border-bottom:2px solid #333}
.question{font-weight:bold;margin-top:.6rem}
.care{border:2px solid #b26a00;background:#fff8e1;padding:.3rem .6rem;font-family:system-ui}
@media print{body{margin:0}.step{break-after:page}a{color:inherit}}
"""


def handout(atlas: Atlas) -> str:
    """The printable tour handout: each step's map view, text, quotes with citations, question."""
    steps = []
    for n, step in enumerate(atlas.tour, start=1):
        quotes = "".join(
            quote_block(atlas, atlas.quotes[q]) for q in step.quotes if q in atlas.quotes
        )
        care = f'<p class="care">⚠ {esc(step.care)}</p>' if step.care else ""
        steps.append(
            f'<section class="step" id="step-{n}"><h2>{n}. {esc(step.title)}</h2>'
            f"{step_svg(atlas, step)}{care}<p>{esc(step.body)}</p>{quotes}"
            f'<p class="question">Discuss: {esc(step.question)}</p></section>'
        )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>Escape Routes — classroom handout</title>"
        f"<style>{CSS}{HANDOUT_CSS}</style></head><body>"
        "<h1>Escape Routes — classroom handout</h1>"
        f"<p><strong>{esc(mapview.NOTE)}</strong> Every quote is verbatim from the text cited "
        "under it; reader comments are anonymous and unverified.</p>"
        f"{''.join(steps)}</body></html>"
    )
