"""The folium map: basemap, one layer per route, clickable places, legend; offline assets only.

The map is built in two parts so that a filter change need not reload the map's iframe:
:func:`base_map` (basemap, legend, notes: the same for every filter) and :func:`layers` (the
routes and places a filter leaves visible). :func:`full_map` puts both together for export.
All content text reaches the map through :mod:`escape_routes.render` (escaped once, there).
"""

from __future__ import annotations

import math

import folium

from escape_routes import assets
from escape_routes.controls import (
    ArrowLayer,
    BasemapLayer,
    FeatureLayer,
    FullscreenControl,
    HtmlControl,
)
from escape_routes.filters import Visible, route_length_km
from escape_routes.geometry import drawn_line, is_arc
from escape_routes.model import Atlas, Place, Segment
from escape_routes.render import card, esc

DEFAULT_CENTER = (33.0, 112.0)
DEFAULT_ZOOM = 4
LINE_WEIGHT = 4
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


def legend_html(atlas: Atlas) -> str:
    """The legend: routes (colour, drawn length, journey time), line styles, risk cues."""
    rows = []
    for rid, route in atlas.routes.items():
        km = route_length_km(atlas, rid)
        time = f"; texts: {esc(route.journey_time.text)}" if route.journey_time else ""
        rows.append(
            f"<tr><td>{_line_svg(route.colour, None)}</td><td>{esc(route.name)} "
            f'<span class="er-note">(~{km:,.0f} km drawn{time})</span></td></tr>'
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
        "<details><summary>Legend</summary><table>"
        f"{''.join(rows)}{styles}</table>"
        '<div class="er-note">➤ direction of travel · ○ place (dashed: location schematic)'
        " · a curved line: no text says how that leg was travelled; it joins two places and is"
        " not a path · lengths are along the drawn schematic line, approximate</div>"
        f"<details><summary>Risk cues</summary><table>{risks}</table></details></details>"
    )


def base_map(
    atlas: Atlas,
    center: tuple[float, float] = DEFAULT_CENTER,
    zoom: int = DEFAULT_ZOOM,
    keyboard: bool = True,
    online_tiles: bool = False,
    basemap_urls: dict[str, str] | None = None,
) -> folium.Map:
    """The part of the map that no filter changes: basemap, rivers, legend and the schematic note.

    Parameters
    ----------
    atlas
        The content.
    center, zoom
        The initial view.
    keyboard
        Leaflet's arrow-key panning; off on the tour, where the arrow keys change steps.
    online_tiles
        Add OpenStreetMap tiles under the offline basemap (needs internet; nothing breaks
        without it).
    basemap_urls
        Where the app serves ``countries`` and ``rivers`` (fetched by the map, so the large
        outlines are not rebuilt and resent on every rerun); without them they are inlined,
        as the standalone export needs.

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
    )
    if online_tiles:
        folium.TileLayer(
            "OpenStreetMap", name="OpenStreetMap (online)", overlay=True, control=True
        ).add_to(m)
    country_style = {
        "fillColor": "#f1efe8",
        "fillOpacity": 0 if online_tiles else 1,
        "color": "#7d7d7d",
        "weight": 1,
    }
    river_style = {"color": "#3d85c6", "weight": 2.5, "opacity": 0.9}
    for name, data, style, z in (
        ("countries", atlas.countries, country_style, 350),
        ("rivers", atlas.rivers, river_style, 360),
    ):
        if data:
            url = basemap_urls.get(name) if basemap_urls else None
            BasemapLayer(name, style, z, url=url, data=None if url else data).add_to(m)
    HtmlControl(legend_html(atlas), "bottomright", "er-legend").add_to(m)
    HtmlControl(esc(NOTE), "topright", "er-schematic").add_to(m)
    FullscreenControl().add_to(m)
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
    atlas: Atlas, rid: str, visible: Visible, selected: str | None, focus: str | None
) -> folium.FeatureGroup:
    route = atlas.routes[rid]
    fg = folium.FeatureGroup(name=esc(route.name))
    features, arrows, styles = [], [], {}
    for seg in atlas.route_segments(rid):
        shown = visible.segments.get(seg.id)
        if shown is None:
            continue
        card_html = card(
            atlas, seg, shown.quotes, shown.risks, POPUP_QUOTES, _segment_extra(atlas, seg)
        )
        tip = esc(f"{route.name}: {seg.name}")
        features.append(_feature(seg, card_html, tip, open=seg.id == selected, label=False))
        arrows.append(_arrow(seg))
        styles[seg.id] = {
            "color": route.colour,
            "weight": LINE_WEIGHT + (3 if focus == rid else 0),
            "opacity": 0.9 if focus in (None, rid) else 0.25,
            "dashArray": status_dash(atlas, seg.status),
            "className": f"er-id-{seg.id} er-route-{rid}",
        }
    for feat in features:
        feat["properties"]["style"] = styles[feat["id"]]
    FeatureLayer(features).add_to(fg)
    ArrowLayer(arrows, route.colour).add_to(fg)
    return fg


def _places_layer(
    atlas: Atlas, visible: Visible, selected: str | None, labels: bool
) -> folium.FeatureGroup:
    fg = folium.FeatureGroup(name="Places")
    features, styles = [], {}
    for pid, shown in visible.places.items():
        place = atlas.places[pid]
        card_html = card(atlas, place, shown.quotes, shown.risks, POPUP_QUOTES)
        features.append(
            _feature(place, card_html, esc(place.name), open=pid == selected, label=labels)
        )
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
    labels: bool = False,
    focus: str | None = None,
) -> list[folium.FeatureGroup]:
    """One FeatureGroup per visible route, then one for the visible places.

    Every place and segment is a GeoJSON feature carrying its id, so a click reports which
    item was chosen (streamlit-folium returns the clicked feature with its properties).
    ``selected`` opens that item's popup and rings a selected place; with ``labels`` place
    names stay visible (the tour on a projector); with ``focus`` that route is drawn heavier
    and the others faded.
    """
    groups = [_route_layer(atlas, rid, visible, selected, focus) for rid in visible.routes]
    if visible.places:
        groups.append(_places_layer(atlas, visible, selected, labels))
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
