"""What the map writes on itself (country, river and place names) and where each may stand.

The browser places the labels (``escape_routes/map/js/mapui.js``): at every view it takes them in
order (the places the view is about, the other places, then rivers, then countries) and puts
each at the first of its candidate positions where it lies wholly inside the map and overlaps
no other label, no control, no place marker and no risk cue; a label with no such position is
left out at that view, and so is a river or country name a place's label already says. Here we
only say what each label says and where it may stand:

- a place: beside its point, named by :func:`place_label`, ranked by how many routes and
  passages use it (the busiest are placed first, after a tour step's and the selected one);
- a river: at points along its line, every ~:data:`RIVER_STEP_DEG` degrees;
- a country: at points of a grid inside it, kept :data:`COUNTRY_INSET_DEG` from its border so
  the name reads as inside it (the browser takes the one nearest the middle of what is in
  view). Countries too small for a name are left unnamed.

Every text is escaped here (:func:`escape_routes.html.render.esc`) and set as HTML in the browser.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape

from escape_routes.content.model import Atlas, Place
from escape_routes.html.render import esc

RIVER_STEP_DEG = 0.12
COUNTRY_INSET_DEG = 0.35
MIN_COUNTRY_AREA = 0.5  # square degrees: Hong Kong and Macao get no name of their own
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def country_names(atlas: Atlas) -> frozenset[str]:
    """The basemap's country names, folded for comparison."""
    props = [f.get("properties") or {} for f in atlas.countries.get("features", [])]
    return frozenset(str(p.get("label") or p.get("name")).casefold() for p in props)


def place_label(atlas: Atlas, place: Place) -> str:
    """The name drawn beside a place: its name without a trailing note in brackets.

    "Northeast China (hiding)" is drawn as "Northeast China"; the whole name is in its tooltip
    and popup. A name that would then be a country's keeps its note ("China (the country as a
    whole)"): a symbol for a whole country reads as such, not as a second country label.
    """
    short = _TRAILING_NOTE.sub("", place.name).strip()
    if not short or (short != place.name and short.casefold() in country_names(atlas)):
        return place.name
    return short


def place_rank(atlas: Atlas, place_id: str) -> int:
    """Which place names go on the map first: named towns (Dandong before the "Yalu River
    crossing" beside it), then the busiest (segments that start or end there, passages)."""
    place = atlas.places[place_id]
    segments = sum(1 for s in atlas.segments.values() if place_id in s.places)
    town = 100 if place.precision == "city" else 0
    return town + 10 * segments + len(place.quotes)


def _grid(geom: Any, step: float) -> np.ndarray:
    x0, y0, x1, y1 = geom.bounds
    xs = np.arange(np.floor(x0 / step) * step + step / 2, x1, step)
    ys = np.arange(np.floor(y0 / step) * step + step / 2, y1, step)
    gx, gy = np.meshgrid(xs, ys)
    pts = np.column_stack([gx.ravel(), gy.ravel()])
    inside = shapely.contains_xy(geom, pts[:, 0], pts[:, 1]) if len(pts) else []
    return pts[np.asarray(inside, dtype=bool)] if len(pts) else pts


def _country_anchors(geom: Any) -> list[list[float]]:
    """[lat, lon] points inside a country, away from its border, on a grid that suits its size."""
    area = geom.area
    step = 0.5 if area < 40 else 1.0 if area < 400 else 1.5
    inner = geom.buffer(-COUNTRY_INSET_DEG)
    pts = _grid(inner, step) if not inner.is_empty else np.empty((0, 2))
    if len(pts) == 0:
        p = shapely.point_on_surface(geom)
        pts = np.array([[p.x, p.y]])
    return [[round(float(y), 2), round(float(x), 2)] for x, y in pts]


def _line_anchors(geom: Any) -> list[list[float]]:
    """[lat, lon] points along a river every RIVER_STEP_DEG degrees (its middle first)."""
    lines = list(getattr(geom, "geoms", [geom]))
    out = []
    for line in sorted(lines, key=lambda g: -g.length):
        n = max(1, int(line.length / RIVER_STEP_DEG))
        for i in sorted(range(n + 1), key=lambda k: abs(k - n / 2)):
            p = line.interpolate(i / n, normalized=True)
            out.append([round(p.y, 3), round(p.x, 3)])
    return out


def _compute_base_labels(atlas: Atlas) -> list[dict]:
    rivers = []
    for feat in atlas.rivers.get("features", []):
        props = feat.get("properties") or {}
        name = props.get("name")
        if name and feat.get("geometry"):
            anchors = _line_anchors(shape(feat["geometry"]))
            rivers.append({"kind": "river", "html": esc(name), "anchors": anchors})
    countries: list[tuple[float, dict]] = []
    for feat in atlas.countries.get("features", []):
        props = feat.get("properties") or {}
        name = props.get("label") or props.get("name")
        if not name or not feat.get("geometry"):
            continue
        geom = shape(feat["geometry"])
        if geom.area < MIN_COUNTRY_AREA:
            continue
        countries.append((geom.area, {"kind": "country", "html": esc(name)}))
        countries[-1][1]["anchors"] = _country_anchors(geom)
    countries.sort(key=lambda c: -c[0])
    return rivers + [c[1] for c in countries]


_CACHE: dict[tuple[int, int], tuple[object, object, list[dict]]] = {}


def base_labels(atlas: Atlas) -> list[dict]:
    """River and country labels in the order they are placed: each ``{kind, html, anchors}``.

    Computed once per basemap (kept for the basemap objects it was computed from): the base
    map is rebuilt on every rerun of every session.
    """
    key = (id(atlas.countries), id(atlas.rivers))
    hit = _CACHE.get(key)
    if hit and hit[0] is atlas.countries and hit[1] is atlas.rivers:
        return hit[2]
    labels = _compute_base_labels(atlas)
    if len(_CACHE) >= 8:
        _CACHE.clear()
    _CACHE[key] = (atlas.countries, atlas.rivers, labels)
    return labels
