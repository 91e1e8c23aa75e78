"""Map: every route as a layer, clickable places, evidence beside it, the routes x risks matrix."""

from __future__ import annotations

import folium
import streamlit as st
from streamlit_folium import st_folium

from escape_routes import filters, mapview
from escape_routes.ui import frame, layout, panels
from escape_routes.ui import keys as K
from escape_routes.ui.downloads import download_buttons

atlas = frame.atlas()
f = st.session_state[K.FILTER]
visible = filters.apply(atlas, f)
frame.sidebar_filters(atlas)  # the map's filters: shown on this page only
st.sidebar.caption(f"Showing {visible.summary(atlas)}.")
online = st.sidebar.toggle("Online map tiles (needs internet)", key=K.ONLINE_TILES)

layout.page_style()
with st.container(key=K.HEAD):
    st.title("Escape routes from North Korea")
    layout.note_line(mapview.NOTE)

# The base map stays the same all session (a changed base map reloads the iframe and loses the
# view); filters and selection only change the layers, which streamlit-folium swaps in place.
if K.MAP_VIEW not in st.session_state:
    sel = atlas.places.get(st.session_state.get(K.SELECTED) or "")
    st.session_state[K.MAP_VIEW] = ((sel.lat, sel.lon), 6) if sel else None
view = st.session_state[K.MAP_VIEW]
base = mapview.base_map(
    atlas,
    **({"center": view[0], "zoom": view[1]} if view else {"home": True}),
    online_tiles=online,
    basemap_urls=frame.basemap_urls(),
    note=False,
    fill=layout.fill(),
)

with st.container(key=K.COLUMNS):
    map_col, panel_col = st.columns([2.3, 1], gap="medium")
with map_col:
    out = st_folium(
        base,
        key=K.MAP,
        height=600,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
        # Highlight only what a link selected: a click must not change the layers, or
        # streamlit-folium swaps them and the popup the user just opened closes.
        feature_group_to_add=mapview.layers(
            atlas,
            visible,
            st.session_state.get(K.LINK_SELECTED),
            focus=panels.matrix_choice(visible),
        ),
        layer_control=folium.LayerControl(collapsed=True),
    )
click = panels.MapClick.from_return(out)
if click and click != st.session_state.get(K.LAST_CLICK):
    st.session_state[K.LAST_CLICK] = click
    if click.id != st.session_state.get(K.SELECTED):
        st.session_state[K.SELECTED] = click.id
        st.rerun()
with panel_col, st.container(key=K.PANEL, border=False):
    panels.evidence_panel(atlas, visible, st.session_state.get(K.SELECTED))

st.header("Which route, which risks?")
chosen = panels.matrix(atlas, visible, f)
if chosen and st.session_state.get(K.ROUTES) != [chosen]:
    st.button(
        f"Show only “{atlas.routes[chosen].name}” on the map",
        on_click=frame.show_only_route,
        args=(chosen,),
    )

# A toggle, not an expander: an expander's tables would be rebuilt and sent on every rerun.
if st.toggle("Text alternative: the routes and places shown, as tables", key=K.TEXT_ALT):
    panels.text_alternative(atlas, visible)

st.header("Take it with you")
download_buttons()
