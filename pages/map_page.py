"""Map: every route as a layer, clickable places, evidence beside it, the routes x risks matrix."""

from __future__ import annotations

import streamlit as st

from escape_routes.explore.visible import apply
from escape_routes.map import folium_map
from escape_routes.map.spec import MapSpec
from escape_routes.ui import frame, layout, map_adapter, panels, routes_table
from escape_routes.ui import keys as K
from escape_routes.ui.downloads import download_buttons, layers_download
from escape_routes.ui.map_adapter import MapEvent

atlas = frame.atlas()
f = st.session_state[K.FILTER]
visible = apply(atlas, f)
# The map's filters, shown on this page only: their place comes first in the sidebar, but they
# are drawn after the map (their values are already in the session state), so that the browser
# fetches the map's code before the code of a dozen widgets.
filters_box = st.sidebar.container()
# Normal text, not a caption: a caption's grey on the sidebar's background is under 4.5:1.
st.sidebar.markdown(f"Showing {visible.summary(atlas)}.")
online = st.sidebar.toggle("Online map tiles (needs internet)", key=K.ONLINE_TILES)

layout.page_style()
layout.reserve_map_height()
with st.container(key=K.HEAD):
    st.title("Escape routes from North Korea")
    layout.note_line(folium_map.NOTE)

# The base map stays the same all session (a changed base map reloads the iframe and loses the
# view); filters and selection only change the layers, which streamlit-folium swaps in place.
if K.MAP_VIEW not in st.session_state:
    sel = atlas.places.get(st.session_state.get(K.SELECTED) or "")
    st.session_state[K.MAP_VIEW] = ((sel.lat, sel.lon), 6) if sel else None
view = st.session_state[K.MAP_VIEW]
# Highlight only what a link selected: a click must not change the layers, or streamlit-folium
# swaps them and the popup the user just opened closes.
link_selected = st.session_state.get(K.LINK_SELECTED)
# The table's chosen route is drawn highlighted, while the table is open.
table_choice = routes_table.choice(atlas, visible) if st.session_state.get(K.MATRIX_OPEN) else None
spec = MapSpec.of(
    atlas,
    filter=f,
    selected=link_selected,
    focus=table_choice[0] if table_choice else None,
    center=view[0] if view else None,
    zoom=view[1] if view else None,
    online_tiles=online,
    basemap_urls=tuple(sorted(frame.basemap_urls().items())),
    fill=layout.fill(),
    clicks=True,
)


def clicked(event: MapEvent | None) -> None:
    """Before the rerun a click causes: the clicked item becomes the selection; the map's
    "Show everything" clears the filters."""
    if event is None or event == st.session_state.get(K.LAST_CLICK):
        return
    st.session_state[K.LAST_CLICK] = event
    if event.action == "show-everything":
        frame.reset_filters(atlas)
    elif event.id:
        st.session_state[K.SELECTED] = event.id


with st.container(key=K.COLUMNS):
    map_col, panel_col = st.columns([2.3, 1], gap="medium")
with map_col:
    map_adapter.st_map(atlas, spec, key=K.MAP, height=600, on_change=clicked)
with panel_col, st.container(key=K.PANEL, border=False):
    panels.evidence_panel(atlas, visible, st.session_state.get(K.SELECTED))

st.header("Which route, which risks?")
# Behind a toggle: the table's code is a third of what a browser would fetch for this page, and
# it is below the map. Nothing of it is sent until the table is opened.
if st.toggle("Show the routes × risks table", key=K.MATRIX_OPEN):
    chosen = routes_table.routes_table(atlas, visible, f)
    if chosen and st.session_state.get(K.ROUTES) != [chosen[0]]:
        st.button(
            f"Show only “{atlas.routes[chosen[0]].name}” on the map",
            on_click=frame.show_only_route,
            args=(chosen[0],),
        )

# A toggle, not an expander: an expander's tables would be rebuilt and sent on every rerun.
if st.toggle("Text alternative: the routes and places shown, as tables", key=K.TEXT_ALT):
    panels.text_alternative(atlas, visible)

st.header("Take it with you")
download_buttons()
layers_download(atlas, f, visible)
frame.sidebar_filters(atlas, filters_box)
