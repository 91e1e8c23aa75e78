"""The folium map: basemap, one layer per route, clickable places, legend; offline assets only.

The map is built in two parts so that a filter change need not reload the map's iframe:
:func:`base_map` (basemap, legend, notes: the same for every filter) and :func:`layers` (the
routes and places a filter leaves visible). :func:`full_map` puts both together for export.
All content text reaches the map through :mod:`escape_routes.html.render` (escaped once, there).
"""

from __future__ import annotations

import math

import folium

from escape_routes.content.geometry import drawn_line, is_arc, route_length_km, segment_length_km
from escape_routes.content.model import Atlas, Place, Segment
from escape_routes.explore.visible import Visible
from escape_routes.html.render import card, esc
from escape_routes.map import assets, labels
from escape_routes.map.controls import (
    ArrowLayer,
    BasemapLayer,
    FeatureLayer,
    FullscreenControl,
    HtmlControl,
)
from escape_routes.map.mapui import MapUi

DEFAULT_CENTER = (40.5, 125.0)
DEFAULT_ZOOM = 5
#: The first view: Korea and northeast China, to Vladivostok ((south, west), (north, east));
#: the "whole region" control shows every route.
HOME_BOUNDS = ((34.2, 120.5), (44.6, 132.2))
LABEL_PX = 15
LINE_WEIGHT = 4
#: Routes drawn shorter than this (km) keep a minimum length on screen (the river crossings).
SHORT_ROUTE_KM = 100
SHORT_ROUTE_PX = 36
LAND_COLOUR = "#f1efe8"
RIVER_STYLE = {"color": "#3d85c6", "weight": 2.5, "opacity": 0.9}
NOTE = (
    "Schematic reconstruction of routes described in five published texts (2005–2025). "
    "Not guidance for anyone making the journey."
)
POPUP_QUOTES = 2


def status_dash(atlas: Atlas, status: str) -> str | None:
    """The dash pattern of a segment's line (its status's, in the vocabulary); None is solid."""
    term = atlas.vocab.statuses.get(status)
    return term.dash if term else None


def _line_svg(colour: str, dash: str | None) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg width="34" height="10" aria-hidden="true"><line x1="1" y1="5" x2="33" y2="5" '
        f'stroke="{colour}" stroke-width="3"{dash_attr}/></svg>'
    )


def _main_status(atlas: Atlas, rid: str) -> str | None:
    statuses = [s.status for s in atlas.route_segments(rid)]
    return max(statuses, key=statuses.count) if statuses else None  # a tie: the first leg's


def legend_html(atlas: Atlas, open_: bool = True) -> str:
    """The legend: one button per route (a click shows that route), line styles, risk cues."""
    rows = []
    for rid, route in atlas.routes.items():
        status = _main_status(atlas, rid)
        swatch = _line_svg(route.colour, status_dash(atlas, status) if status else None)
        rows.append(
            f'<li><button type="button" data-route="{esc(rid)}">{swatch}'
            f"<span>{esc(route.name)}</span></button></li>"
        )
    styles = "".join(
        f"<tr><td>{_line_svg('#444', term.dash)}</td><td>{esc(term.label)}</td></tr>"
        for term in atlas.vocab.statuses.values()
    )
    risks = "".join(
        f'<tr><td style="text-align:center"><span class="er-badge" style="border-color:'
        f'{r.colour};box-shadow:inset 4px 0 0 {r.colour}">{esc(r.cue)}</span></td>'
        f"<td>{esc(r.label)}</td></tr>"
        for r in atlas.risks.values()
    )
    return (
        f"<details{' open' if open_ else ''}><summary>Legend</summary>"
        '<div class="er-note">Routes: click one to show it</div>'
        f'<ul class="er-routes">{"".join(rows)}</ul><table>{styles}</table>'
        '<div class="er-note"><span aria-hidden="true">➤</span> direction of travel · ○ place'
        " (dashed: location schematic) · a curved line: no text says how that leg was"
        " travelled; it joins two places and is not a path · lines are schematic</div>"
        f"<details><summary>Risk cues</summary><table>{risks}</table></details></details>"
    )


def route_bounds(atlas: Atlas, rid: str) -> list[list[float]] | None:
    """[[south, west], [north, east]] of a route's drawn segments (None if it has none)."""
    coords = [c for s in atlas.route_segments(rid) for c in drawn_line(s)]
    if not coords:
        return None
    lons, lats = [c[0] for c in coords], [c[1] for c in coords]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def region_bounds(atlas: Atlas) -> list[list[float]]:
    """Bounds of every route and place: the "whole region" view."""
    coords = [c for s in atlas.segments.values() for c in drawn_line(s)]
    coords += [(p.lon, p.lat) for p in atlas.places.values()]
    if not coords:
        return [list(HOME_BOUNDS[0]), list(HOME_BOUNDS[1])]
    lons, lats = [c[0] for c in coords], [c[1] for c in coords]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def map_name(atlas: Atlas) -> str:
    """The map's accessible name: what it shows and how to use it by keyboard."""
    return (
        f"Map of {len(atlas.routes)} escape routes and {len(atlas.places)} places described in "
        "five published texts (a schematic reconstruction). Tab to a place or a route and press "
        "Enter to read the passages behind it."
    )


def base_map(
    atlas: Atlas,
    center: tuple[float, float] = DEFAULT_CENTER,
    zoom: int = DEFAULT_ZOOM,
    keyboard: bool = True,
    online_tiles: bool = False,
    basemap_urls: dict[str, str] | None = None,
    *,
    home: bool = False,
    note: bool = True,
    legend_open: bool = True,
    label_px: int = LABEL_PX,
    fill: tuple[int, int] | None = None,
) -> folium.Map:
    """The part of the map that no filter changes: basemap, labels, legend, views and controls.

    Parameters
    ----------
    atlas
        The content.
    center, zoom
        The initial view (see ``home``).
    keyboard
        Leaflet's arrow-key panning; off on the tour, where the arrow keys change steps: there
        keys pressed while the map has focus are passed on to the page.
    online_tiles
        Add OpenStreetMap tiles under the offline basemap (needs internet; nothing breaks
        without it).
    basemap_urls
        Where the app serves ``countries`` and ``rivers`` (fetched by the map, so the large
        outlines are not rebuilt and resent on every rerun); without them they are inlined,
        as the standalone export needs.
    home
        Open on Korea and northeast China (:data:`HOME_BOUNDS`), fitted beside the legend,
        instead of ``center`` and ``zoom``.
    note
        Show the schematic note on the map (bottom right, where popups and fitted views keep
        clear of it). The app's pages show it beside the map instead.
    legend_open
        Whether the legend starts open.
    label_px
        Size of place and river names in CSS pixels (country names are a little larger).
    fill
        ``(min_height, gap_below)``: in the app, size the map's frame to the window below it.

    Returns
    -------
    folium.Map
        A map that loads only the locally served Leaflet.
    """
    m = folium.Map(
        location=center,
        zoom_start=zoom,
        tiles=None,
        control_scale=True,
        keyboard=keyboard,
        min_zoom=3,
        max_zoom=11,
        world_copy_jump=False,
        zoom_snap=0.25,
    )
    if online_tiles:
        folium.TileLayer(
            "OpenStreetMap", name="OpenStreetMap (online)", overlay=True, control=True
        ).add_to(m)
    country_style = {
        "fillColor": LAND_COLOUR,
        "fillOpacity": 0 if online_tiles else 1,
        "color": "#7d7d7d",
        "weight": 1,
    }
    for name, data, style, z in (
        ("countries", atlas.countries, country_style, 350),
        ("rivers", atlas.rivers, RIVER_STYLE, 360),
    ):
        if data:
            url = basemap_urls.get(name) if basemap_urls else None
            BasemapLayer(name, style, z, url=url, data=None if url else data).add_to(m)
    HtmlControl(legend_html(atlas, legend_open), "bottomleft", "er-legend").add_to(m)
    if note:
        HtmlControl(esc(NOTE), "bottomright", "er-schematic").add_to(m)
    FullscreenControl().add_to(m)
    routes = {rid: b for rid in atlas.routes if (b := route_bounds(atlas, rid))}
    MapUi(
        {
            "name": map_name(atlas),
            "labelPx": label_px,
            "labels": labels.base_labels(atlas),
            "views": {"home": [list(c) for c in HOME_BOUNDS], "region": region_bounds(atlas)},
            "homeLabel": "Korea and NE China",
            "regionLabel": "Whole region",
            "routes": routes,
            "home": home,
            "forwardKeys": not keyboard,
            "fill": {"min": fill[0], "below": fill[1]} if fill else None,
        }
    ).add_to(m)
    return assets.make_offline(m)


def _bearing_deg(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Screen angle (clockwise from east) of the step a -> b in Web Mercator."""

    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    dx = math.radians(b[0] - a[0])
    dy = merc(b[1]) - merc(a[1])
    return -math.degrees(math.atan2(dy, dx))


def _arrow(seg: Segment) -> tuple[float, float, float]:
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


def _feature(item: Place | Segment, popup: str, tip: str, **extra: object) -> dict:
    if isinstance(item, Place):
        geometry = {"type": "Point", "coordinates": [item.lon, item.lat]}
    else:
        geometry = {"type": "LineString", "coordinates": [list(c) for c in drawn_line(item)]}
    kind = "place" if isinstance(item, Place) else "segment"
    props = {"id": item.id, "kind": kind, "popup": popup, "tip": tip, **extra}
    return {"type": "Feature", "id": item.id, "properties": props, "geometry": geometry}


def _segment_extra(atlas: Atlas, seg: Segment) -> str:
    route = atlas.routes[seg.route]
    km = route_length_km(atlas, seg.route)
    time = f" · the texts give: {esc(route.journey_time.text)}" if route.journey_time else ""
    return f'<div class="er-note">Whole route ~{km:,.0f} km along the drawn line{time}</div>'


def _route_layer(
    atlas: Atlas,
    rid: str,
    visible: Visible,
    selected: str | None,
    focus: str | None,
    popup_quotes: int | None = POPUP_QUOTES,
) -> folium.FeatureGroup:
    route = atlas.routes[rid]
    fg = folium.FeatureGroup(name=esc(route.name))
    features, arrows, styles = [], [], {}
    for seg in atlas.route_segments(rid):
        shown = visible.segments.get(seg.id)
        if shown is None:
            continue
        short = segment_length_km(seg) < SHORT_ROUTE_KM
        card_html = card(
            atlas, seg, shown.quotes, shown.risks, popup_quotes, _segment_extra(atlas, seg), level=2
        )
        tip = esc(f"{route.name}: {seg.name}")
        extra: dict[str, object] = {"route": rid}
        if short:
            # Drawn at least SHORT_ROUTE_PX long at every zoom, its arrowhead with it.
            extra.update(min_px=SHORT_ROUTE_PX, arrow=_arrow(seg)[2])
        else:
            arrows.append(_arrow(seg))
        features.append(_feature(seg, card_html, tip, open=seg.id == selected, **extra))
        styles[seg.id] = {
            "color": route.colour,
            "weight": LINE_WEIGHT + (3 if focus == rid else 0) + (2 if short else 0),
            "opacity": 0.9 if focus in (None, rid) else 0.25,
            "dashArray": status_dash(atlas, seg.status),
            "className": f"er-id-{seg.id} er-route-{rid}",
        }
    for feat in features:
        feat["properties"]["style"] = styles[feat["id"]]
    FeatureLayer(features).add_to(fg)
    if arrows:
        ArrowLayer(arrows, route.colour).add_to(fg)
    return fg


def _places_layer(
    atlas: Atlas,
    visible: Visible,
    selected: str | None,
    labels_on: bool,
    popup_quotes: int | None = POPUP_QUOTES,
) -> folium.FeatureGroup:
    fg = folium.FeatureGroup(name="Places")
    features, styles = [], {}
    for pid, shown in visible.places.items():
        place = atlas.places[pid]
        card_html = card(atlas, place, shown.quotes, shown.risks, popup_quotes, level=2)
        extra: dict[str, object] = {}
        if labels_on:
            extra = {"name": esc(labels.place_label(place)), "rank": labels.place_rank(atlas, pid)}
        features.append(_feature(place, card_html, esc(place.name), open=pid == selected, **extra))
        is_sel = pid == selected
        styles[pid] = {
            "radius": 9 if is_sel else 6,
            "color": "#b00020" if is_sel else "#263238",
            "weight": 3 if is_sel else 2,
            "dashArray": "3 3" if place.precision == "schematic" else None,
            "className": f"er-id-{pid} er-place",
        }
    for feat in features:
        feat["properties"]["style"] = styles[feat["id"]]
    FeatureLayer(features).add_to(fg)
    return fg


def layers(
    atlas: Atlas,
    visible: Visible,
    selected: str | None = None,
    labels: bool = True,
    focus: str | None = None,
    popup_quotes: int | None = POPUP_QUOTES,
) -> list[folium.FeatureGroup]:
    """One FeatureGroup per visible route, then one for the visible places.

    Every place and segment is a GeoJSON feature carrying its id, so a click reports which
    item was chosen (streamlit-folium returns the clicked feature with its properties).
    ``selected`` opens that item's popup and rings a selected place; with ``labels`` place
    names are written on the map (where there is room: js/mapui.js), otherwise shown on hover;
    with ``focus`` that route is drawn heavier and the others faded; a popup shows
    ``popup_quotes`` passages and points to the panel beside the map for the rest (None: all,
    for maps with no such panel: the tour).
    """
    groups = [
        _route_layer(atlas, rid, visible, selected, focus, popup_quotes) for rid in visible.routes
    ]
    if visible.places:
        groups.append(_places_layer(atlas, visible, selected, labels, popup_quotes))
    for g in groups:
        assets.strip_external(g)
    return groups


def full_map(atlas: Atlas, visible: Visible, **kwargs: object) -> folium.Map:
    """Base map and layers in one figure, with a layer control (for export and tests)."""
    m = base_map(atlas, **kwargs)  # type: ignore[arg-type]
    for g in layers(atlas, visible):
        g.add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    return assets.make_offline(m)
