"""The base map: basemap, legend, views and controls; offline assets only.

A map is built in two parts so that a filter change need not reload the map's iframe:
:func:`base_map` (the same for every filter) and the layers a filter or a tour step leaves
(:mod:`.layers`, :mod:`.state`). :func:`escape_routes.map.build.build_map` makes both from a
:class:`~escape_routes.map.spec.MapSpec`; :func:`full_map` puts them in one figure for a file.
All content text reaches the map escaped (:mod:`escape_routes.html.render`, the templates).
"""

from __future__ import annotations

import folium

from escape_routes.content.geometry import drawn_line
from escape_routes.content.model import Atlas
from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import Visible
from escape_routes.html.templates import escape
from escape_routes.map import assets, labels
from escape_routes.map.controls import BasemapLayer, HtmlControl
from escape_routes.map.layers import SHORT_ROUTE_KM, SHORT_ROUTE_PX, layers
from escape_routes.map.legend import legend_html, status_dash
from escape_routes.map.mapui import MapUi
from escape_routes.map.spec import LABEL_PX
from escape_routes.map.state import state_data, state_group

# Also what the one-file outputs take from here (outputs/tourfile.py, outputs/svgmap.py).
__all__ = [
    "LABEL_PX", "SHORT_ROUTE_KM", "SHORT_ROUTE_PX", "base_map", "full_map", "layers", "status_dash"
]  # fmt: skip

DEFAULT_CENTER = (40.5, 125.0)
DEFAULT_ZOOM = 5
#: The first view: Korea and northeast China, to Vladivostok ((south, west), (north, east));
#: the "whole region" control shows every route.
HOME_BOUNDS = ((34.2, 120.5), (44.6, 132.2))
LAND_COLOUR = "#f1efe8"
RIVER_STYLE = {"color": "#3d85c6", "weight": 2.5, "opacity": 0.9}
NOTE = (
    "Schematic reconstruction of routes described in five published texts (2005–2025). "
    "Not guidance for anyone making the journey."
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
    zoom: float = DEFAULT_ZOOM,
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
        Whether the legend starts open (on a phone-sized map it starts closed whatever this
        says: js/mapui.js).
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
        control_scale=False,  # js/mapui.js puts the scale bottom right, the zoom top right
        zoom_control=False,
        keyboard=keyboard,
        min_zoom=3,
        max_zoom=11,
        world_copy_jump=False,
        zoom_snap=0.25,
    )
    if online_tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", control=False).add_to(m)
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
    HtmlControl(legend_html(atlas, legend_open), "topleft", "er-legend").add_to(m)
    if note:
        HtmlControl(escape(NOTE), "bottomright", "er-schematic").add_to(m)
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


def full_map(
    atlas: Atlas, visible: Visible, f: Filter | None = None, **kwargs: object
) -> folium.Map:
    """Base map and layers in one figure, for a one-file export (and tests): the state first,
    then the routes and places ``visible`` holds; ``f`` is the filter they were chosen by."""
    m = base_map(atlas, **kwargs)  # type: ignore[arg-type]
    state_group(state_data(atlas, f or Filter(), visible)).add_to(m)
    for g in layers(atlas, visible):
        g.add_to(m)
    return assets.make_offline(m)
