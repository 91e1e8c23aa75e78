"""Classroom tour: numbered steps that fly the map, show the evidence large, and ask a question."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from escape_routes import mapview, tour
from escape_routes.ui import frame
from escape_routes.ui import keys as K
from escape_routes.ui.downloads import download_buttons
from escape_routes.ui.tour import current_step, go

atlas = frame.atlas()
steps = atlas.tour
if not steps:
    st.error("The tour has no valid steps (content/tour.yaml).")
    st.stop()

n = current_step(len(steps))
step = steps[n - 1]
presenting = st.session_state.get(K.PRESENTER, False)

nav = st.columns([1.3, 1.3, 2.6, 1.8, 1.5], vertical_alignment="center")
nav[0].button(
    "◀ Previous",
    shortcut="Left",
    disabled=n == 1,
    width="stretch",
    on_click=go,
    args=(n - 1, len(steps)),
)
nav[1].button(
    "Next ▶",
    shortcut="Right",
    disabled=n == len(steps),
    width="stretch",
    on_click=go,
    args=(n + 1, len(steps)),
    type="primary",
)
nav[2].markdown(f"**Step {n} of {len(steps)}** · ← → keys move between steps")
nav[3].toggle(
    "Presenter mode",
    key=K.PRESENTER,
    help="Large type, no sidebar: for the projector. Presenter notes are hidden.",
)
nav[4].markdown(f"[Link to this step](?step={n})")

st.header(f"{n}. {frame.md(step.title)}")
map_col, text_col = st.columns([3, 2] if presenting else [1.4, 1], gap="medium")
with map_col:
    st_folium(
        mapview.base_map(atlas, keyboard=False, basemap_urls=frame.basemap_urls()),
        key=K.TOUR_MAP,
        height=720 if presenting else 560,
        use_container_width=True,
        returned_objects=[],
        center=step.view.center,
        zoom=step.view.zoom,
        feature_group_to_add=mapview.layers(atlas, tour.visible(atlas, step), labels=True),
    )
with text_col:
    frame.plain(step.body)
    st.html(tour.quotes_html(atlas, step, large=presenting))
    st.markdown("**Discuss:**")
    frame.plain(step.question)
if not presenting:
    with st.expander("Presenter notes (hidden in presenter mode)"):
        frame.plain(step.notes)
    download_buttons("tour")
