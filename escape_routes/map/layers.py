"""The layers a filter or a tour step leaves on the map: one group per route, one for the places.

Every place and segment is a GeoJSON feature carrying its id (a click reports which item was
chosen), its popup and tooltip (HTML escaped in :mod:`escape_routes.html.render`), its style, and
``risks``: the risks its own surviving passages carry, which ``js/mapui.js`` emphasises when a
risk is chosen (:mod:`.state`).
"""

from __future__ import annotations

import itertools
import math

import folium
from markupsafe import Markup

from escape_routes.content.derived import derived
from escape_routes.content.geometry import drawn_line, is_arc
from escape_routes.content.model import Atlas, Place, Segment
from escape_routes.content.projection import mercator_y
from escape_routes.explore.visible import Visible
from escape_routes.html.render import card
from escape_routes.html.templates import escape, render
from escape_routes.map import assets, labels
from escape_routes.map.controls import ArrowLayer, FeatureLayer
from escape_routes.map.legend import status_dash

LINE_WEIGHT = 4
#: Routes drawn shorter than this (km) keep a minimum length on screen (the river crossings).
SHORT_ROUTE_KM = 100
SHORT_ROUTE_PX = 36
POPUP_QUOTES = 2


def _bearing_deg(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Screen angle (clockwise from east) of the step a -> b in Web Mercator."""
    dx = b[0] - a[0]
    dy = mercator_y(b[1]) - mercator_y(a[1])
    return -math.degrees(math.atan2(dy, dx))


def arrow(seg: Segment) -> tuple[float, float, float]:
    """(lat, lon, screen angle) of an arrowhead on the drawn line: at the middle of an arc,
    midway along a ground leg's longest step."""
    coords = drawn_line(seg)
    if is_arc(seg):
        i = (len(coords) - 1) // 2
    else:
        i = max(
            range(len(coords) - 1),
            key=lambda k: (
                abs(coords[k + 1][0] - coords[k][0]) + abs(coords[k + 1][1] - coords[k][1])
            ),
        )
    a, b = coords[i], coords[i + 1]
    return (round((a[1] + b[1]) / 2, 5), round((a[0] + b[0]) / 2, 5), round(_bearing_deg(a, b)))


def cue_at(seg: Segment) -> list[float]:
    """[lat, lon] where a chosen risk's cue is drawn on a leg: a third of the way along its
    drawn line (the arrowhead is at the middle)."""
    coords = drawn_line(seg)
    steps = [math.dist(a, b) for a, b in itertools.pairwise(coords)]
    goal, run = sum(steps) / 3, 0.0
    for (a, b), step in zip(itertools.pairwise(coords), steps, strict=True):
        if run + step >= goal and step > 0:
            t = (goal - run) / step
            return [round(a[1] + t * (b[1] - a[1]), 5), round(a[0] + t * (b[0] - a[0]), 5)]
        run += step
    return [coords[0][1], coords[0][0]]


def _feature(item: Place | Segment, popup: str, tip: str, **extra: object) -> dict:
    if isinstance(item, Place):
        geometry = {"type": "Point", "coordinates": [item.lon, item.lat]}
    else:
        geometry = {"type": "LineString", "coordinates": [list(c) for c in drawn_line(item)]}
    kind = "place" if isinstance(item, Place) else "segment"
    props = {"id": item.id, "kind": kind, "popup": popup, "tip": tip, **extra}
    return {"type": "Feature", "id": item.id, "properties": props, "geometry": geometry}


def _segment_extra(atlas: Atlas, seg: Segment) -> Markup:
    route = atlas.routes[seg.route]
    journey = route.journey_time.text if route.journey_time else None
    return render("map/segment_extra.html", km=derived(atlas).route_km[seg.route], journey=journey)


def _route_layer(
    atlas: Atlas,
    rid: str,
    visible: Visible,
    selected: str | None,
    focus: str | None,
    popup_quotes: int | None,
) -> folium.FeatureGroup:
    route = atlas.routes[rid]
    fg = folium.FeatureGroup(name=escape(route.name), control=False)
    features, arrows = [], []
    for seg in atlas.route_segments(rid):
        shown = visible.segments.get(seg.id)
        if shown is None:
            continue
        short = derived(atlas).segment_km[seg.id] < SHORT_ROUTE_KM
        card_html = card(
            atlas, seg, shown.quotes, shown.risks, popup_quotes, _segment_extra(atlas, seg), level=2
        )
        head = arrow(seg)
        extra: dict[str, object] = {"route": rid, "risks": list(shown.risks), "cue_at": cue_at(seg)}
        if short:
            # Drawn at least SHORT_ROUTE_PX long at every zoom, its arrowhead with it.
            extra.update(min_px=SHORT_ROUTE_PX, arrow=head[2])
        else:
            arrows.append(head)
        extra["style"] = {
            "color": route.colour,
            "weight": LINE_WEIGHT + (3 if focus == rid else 0) + (2 if short else 0),
            "opacity": 0.9 if focus in (None, rid) else 0.25,
            "dashArray": status_dash(atlas, seg.status),
            "className": f"er-id-{seg.id} er-route-{rid}",
        }
        tip = escape(f"{route.name}: {seg.name}")
        features.append(_feature(seg, card_html, tip, open=seg.id == selected, **extra))
    FeatureLayer(features).add_to(fg)
    if arrows:
        ArrowLayer(arrows, route.colour).add_to(fg)
    return fg


def _places_layer(
    atlas: Atlas,
    visible: Visible,
    selected: str | None,
    named_first: frozenset[str],
    popup_quotes: int | None,
) -> folium.FeatureGroup:
    fg = folium.FeatureGroup(name="Places", control=False)
    features = []
    for pid, shown in visible.places.items():
        place = atlas.places[pid]
        card_html = card(atlas, place, shown.quotes, shown.risks, popup_quotes, level=2)
        is_sel = pid == selected
        style = {
            "radius": 9 if is_sel else 6,
            "color": "#b00020" if is_sel else "#263238",
            "weight": 3 if is_sel else 2,
            "dashArray": "3 3" if place.precision == "schematic" else None,
            "className": f"er-id-{pid} er-place",
        }
        extra = {
            "name": escape(labels.place_label(atlas, place)),
            "rank": labels.place_rank(atlas, pid),
            "first": pid in named_first,
            "risks": list(shown.risks),
            "style": style,
        }
        features.append(_feature(place, card_html, escape(place.name), open=is_sel, **extra))
    FeatureLayer(features).add_to(fg)
    return fg


def layers(
    atlas: Atlas,
    visible: Visible,
    selected: str | None = None,
    focus: str | None = None,
    named_first: frozenset[str] = frozenset(),
    popup_quotes: int | None = POPUP_QUOTES,
) -> list[folium.FeatureGroup]:
    """One FeatureGroup per visible route, then one for the visible places.

    ``selected`` opens that item's popup and rings a selected place; with ``focus`` that route
    is drawn heavier and the others faded; the places in ``named_first`` (a tour step's, the
    selected one) are named before anything else on the map (js/mapui.js); a popup shows
    ``popup_quotes`` passages and points to the panel below the map for the rest (None: all,
    for maps with no such panel: the tour).
    """
    groups = [
        _route_layer(atlas, rid, visible, selected, focus, popup_quotes) for rid in visible.routes
    ]
    if visible.places:
        first = named_first | ({selected} if selected else frozenset())
        groups.append(_places_layer(atlas, visible, selected, first, popup_quotes))
    for g in groups:
        assets.strip_external(g)
    return groups
