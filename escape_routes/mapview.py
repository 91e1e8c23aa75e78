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
from escape_routes.content import Atlas
from escape_routes.controls import FullscreenControl, HtmlControl
from escape_routes.filters import Visible, route_length_km
from escape_routes.model import STATUS_LABELS, Place, Segment
from escape_routes.render import card, esc

DEFAULT_CENTER = (33.0, 112.0)
DEFAULT_ZOOM = 4
STATUS_DASH = {"used": None, "repatriation": "10 6", "closed": "2 7", "proposed": "1 9"}
STATUS_WEIGHT = {"used": 4, "repatriation": 4, "closed": 3, "proposed": 3}
NOTE = (
    "Schematic reconstruction of routes described in five published texts (2005–2025). "
    "Not guidance for anyone making the journey."
)
POPUP_QUOTES = 2


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
        f"<tr><td>{_line_svg('#444', STATUS_DASH[s])}</td><td>{esc(label)}</td></tr>"
        for s, label in STATUS_LABELS.items()
    )
    risks = "".join(
        f'<tr><td style="text-align:center"><span class="er-badge" style="border-color:'
        f'{r.colour};box-shadow:inset 4px 0 0 {r.colour}">{esc(r.cue)}</span></td>'
        f"<td>{esc(r.label)}</td></tr>"
        for r in atlas.risks.values()
    )
    return (
        "<details><summary>Legend</summary><table>"
        f"{rows and ''.join(rows)}{styles}</table>"
        '<div class="er-note">➤ direction of travel · ○ place (dashed: location schematic)'
        " · lengths are along the drawn schematic line, approximate</div>"
        f"<details><summary>Risk cues</summary><table>{risks}</table></details></details>"
    )


def base_map(
    atlas: Atlas,
    center: tuple[float, float] = DEFAULT_CENTER,
    zoom: int = DEFAULT_ZOOM,
    keyboard: bool = True,
    online_tiles: bool = False,
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

    Returns
    -------
    folium.Map
        A map that loads only the locally served Leaflet and jQuery.
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
    if atlas.countries:
        folium.GeoJson(
            atlas.countries,
            name="Countries",
            style_function=lambda _f: {
                "fillColor": "#f1efe8",
                "fillOpacity": 0 if online_tiles else 1,
                "color": "#7d7d7d",
                "weight": 1,
            },
            control=False,
            interactive=False,
        ).add_to(m)
    if atlas.rivers:
        folium.GeoJson(
            atlas.rivers,
            name="Rivers",
            style_function=lambda _f: {"color": "#3d85c6", "weight": 2.5, "opacity": 0.9},
            control=False,
            interactive=False,
        ).add_to(m)
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


def _arrow(seg: Segment, colour: str) -> folium.Marker:
    coords = seg.coords
    i = max(
        range(len(coords) - 1),
        key=lambda k: abs(coords[k + 1][0] - coords[k][0]) + abs(coords[k + 1][1] - coords[k][1]),
    )
    a, b = coords[i], coords[i + 1]
    mid = ((a[1] + b[1]) / 2, (a[0] + b[0]) / 2)
    html = (
        f'<div class="er-arrow" style="color:{colour};transform:rotate('
        f'{_bearing_deg(a, b):.0f}deg)">➤</div>'
    )
    return folium.Marker(
        mid,
        icon=folium.DivIcon(
            html=html, icon_size=(16, 16), icon_anchor=(8, 8), class_name="er-arrow-icon"
        ),
        interactive=False,
        keyboard=False,
    )


def _popup(html: str, item_id: str, show: bool) -> folium.Popup:
    """A popup whose generated names depend only on the item, not on chance.

    streamlit-folium re-adds the layers whenever their code differs from the last run; folium
    names a popup's HTML with a random id, which would make every run differ and close the
    popup a user just opened.
    """
    popup = folium.Popup(html, max_width=380, show=show)
    name = "html_" + item_id.replace("-", "_")
    children = list(popup.html._children.values())
    popup.html._children.clear()
    for child in children:
        child._id = name.removeprefix("html_")
        popup.html._children[name] = child
    return popup


def _feature(item: Place | Segment) -> dict:
    if isinstance(item, Place):
        geometry = {"type": "Point", "coordinates": [item.lon, item.lat]}
    else:
        geometry = {"type": "LineString", "coordinates": [list(c) for c in item.coords]}
    props = {"id": item.id, "kind": "place" if isinstance(item, Place) else "segment"}
    return {"type": "Feature", "id": item.id, "properties": props, "geometry": geometry}


def _segment_extra(atlas: Atlas, seg: Segment) -> str:
    route = atlas.routes[seg.route]
    km = route_length_km(atlas, seg.route)
    time = f" · the texts give: {esc(route.journey_time.text)}" if route.journey_time else ""
    return f'<div class="er-note">Whole route ~{km:,.0f} km along the drawn line{time}</div>'


def layers(
    atlas: Atlas,
    visible: Visible,
    selected: str | None = None,
    labels: bool = False,
    focus: str | None = None,
) -> list[folium.FeatureGroup]:
    """One FeatureGroup per visible route, then one for the visible places.

    Each place and segment is its own small GeoJson layer carrying its id, so a click reports
    which item was chosen (streamlit-folium returns the clicked feature with its properties).
    With ``labels``, place names stay visible (for the tour on a projector); with ``focus``,
    that route is drawn heavier and the others faded.
    """
    groups = []
    for rid in visible.routes:
        route = atlas.routes[rid]
        fg = folium.FeatureGroup(name=esc(route.name))
        for seg in atlas.route_segments(rid):
            shown = visible.segments.get(seg.id)
            if shown is None:
                continue
            style = {
                "color": route.colour,
                "weight": STATUS_WEIGHT[seg.status] + (3 if focus == rid else 0),
                "opacity": 0.9 if focus in (None, rid) else 0.25,
                "dashArray": STATUS_DASH[seg.status],
                "className": f"er-id-{seg.id} er-route-{rid}",
            }
            folium.GeoJson(
                _feature(seg),
                style_function=lambda _f, s=style: s,
                highlight_function=lambda _f, s=style: {**s, "weight": s["weight"] + 3},
                tooltip=folium.Tooltip(esc(f"{route.name}: {seg.name}")),
                popup=_popup(
                    card(
                        atlas,
                        seg,
                        shown.quotes,
                        shown.risks,
                        POPUP_QUOTES,
                        _segment_extra(atlas, seg),
                    ),
                    seg.id,
                    show=seg.id == selected,
                ),
            ).add_to(fg)
            _arrow(seg, route.colour).add_to(fg)
        groups.append(fg)
    places = folium.FeatureGroup(name="Places")
    for pid, shown in visible.places.items():
        place = atlas.places[pid]
        is_sel = pid == selected
        marker = folium.CircleMarker(
            radius=9 if is_sel else 6,
            color="#b00020" if is_sel else "#263238",
            weight=3 if is_sel else 2,
            fill=True,
            fill_color="#ffffff",
            fill_opacity=0.95,
            dash_array="3 3" if place.precision == "schematic" else None,
        )
        folium.GeoJson(
            _feature(place),
            marker=marker,
            style_function=lambda _f, c=f"er-id-{pid} er-place": {"className": c},
            tooltip=folium.Tooltip(
                esc(place.name),
                permanent=labels,
                sticky=not labels,
                direction="right",
                class_name="er-label" if labels else "",
            ),
            popup=_popup(
                card(atlas, place, shown.quotes, shown.risks, POPUP_QUOTES), pid, show=is_sel
            ),
        ).add_to(places)
    groups.append(places)
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
