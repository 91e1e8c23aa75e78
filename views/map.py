"""Map: every route as a layer, clickable places, evidence beside it, the routes x risks matrix."""

from __future__ import annotations

import folium
import streamlit as st
from streamlit_folium import st_folium

from escape_routes import filters, mapview, panels, ui

atlas = ui.atlas()
f = st.session_state["filter"]
visible = filters.apply(atlas, f)

st.title("Escape routes from North Korea")
st.caption(
    f"Showing {visible.summary(atlas)}. {mapview.NOTE} Click a place or a route for the "
    "passages behind it."
)

# The base map stays the same all session (a changed base map reloads the iframe and loses the
# view); filters and selection only change the layers, which streamlit-folium swaps in place.
if "map_view" not in st.session_state:
    sel = atlas.places.get(st.session_state.get("selected") or "")
    st.session_state["map_view"] = (
        ((sel.lat, sel.lon), 6) if sel else (mapview.DEFAULT_CENTER, mapview.DEFAULT_ZOOM)
    )
center, zoom = st.session_state["map_view"]
online = st.sidebar.toggle("Online map tiles (needs internet)", key="online_tiles")
base = mapview.base_map(
    atlas, center=center, zoom=zoom, online_tiles=online, basemap_urls=ui.basemap_urls()
)

map_col, panel_col = st.columns([2.3, 1], gap="medium")
with map_col:
    out = st_folium(
        base,
        key="map",
        height=640,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
        # Highlight only what a link selected: a click must not change the layers, or
        # streamlit-folium swaps them and the popup the user just opened closes.
        feature_group_to_add=mapview.layers(
            atlas,
            visible,
            st.session_state.get("link_selected"),
            focus=panels.matrix_choice(visible),
        ),
        layer_control=folium.LayerControl(collapsed=True),
    )
click = panels.MapClick.from_return(out)
if click and click != st.session_state.get("last_click"):
    st.session_state["last_click"] = click
    if click.id != st.session_state.get("selected"):
        st.session_state["selected"] = click.id
        st.rerun()
with panel_col, st.container(height=640, border=False):
    panels.evidence_panel(atlas, visible, st.session_state.get("selected"))

st.subheader("Which route, which risks?")
chosen = panels.matrix(atlas, visible, f)
if chosen and st.session_state.get("f_routes") != [chosen]:
    st.button(
        f"Show only “{atlas.routes[chosen].name}” on the map",
        on_click=st.session_state.update,
        kwargs={"f_routes": [chosen]},
    )

# A toggle, not an expander: an expander's tables would be rebuilt and sent on every rerun.
if st.toggle("Text alternative: the routes and places shown, as tables", key="text_alt"):
    panels.text_alternative(atlas, visible)

st.subheader("Take it with you")
ui.download_buttons()
