"""Map: every route as a layer, clickable places, evidence beside it, the routes x risks matrix."""

from __future__ import annotations

import folium
import streamlit as st
from streamlit_folium import st_folium

from escape_routes import filters, mapview
from escape_routes.ui import frame, panels
from escape_routes.ui import keys as K
from escape_routes.ui.downloads import download_buttons

atlas = frame.atlas()
f = st.session_state[K.FILTER]
visible = filters.apply(atlas, f)

st.title("Escape routes from North Korea")
st.caption(
    f"Showing {visible.summary(atlas)}. {mapview.NOTE} Click a place or a route for the "
    "passages behind it."
)

# The base map stays the same all session (a changed base map reloads the iframe and loses the
# view); filters and selection only change the layers, which streamlit-folium swaps in place.
if K.MAP_VIEW not in st.session_state:
    sel = atlas.places.get(st.session_state.get(K.SELECTED) or "")
    st.session_state[K.MAP_VIEW] = (
        ((sel.lat, sel.lon), 6) if sel else (mapview.DEFAULT_CENTER, mapview.DEFAULT_ZOOM)
    )
center, zoom = st.session_state[K.MAP_VIEW]
online = st.sidebar.toggle("Online map tiles (needs internet)", key=K.ONLINE_TILES)
base = mapview.base_map(
    atlas, center=center, zoom=zoom, online_tiles=online, basemap_urls=frame.basemap_urls()
)

map_col, panel_col = st.columns([2.3, 1], gap="medium")
with map_col:
    out = st_folium(
        base,
        key=K.MAP,
        height=640,
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
with panel_col, st.container(height=640, border=False):
    panels.evidence_panel(atlas, visible, st.session_state.get(K.SELECTED))

st.subheader("Which route, which risks?")
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

st.subheader("Take it with you")
download_buttons()
