"""Classroom tour: numbered steps that fly the map, show the evidence large, and ask a question."""

from __future__ import annotations

import streamlit as st

from escape_routes.explore import links, tour_steps
from escape_routes.map import folium_map
from escape_routes.map.spec import LABEL_PX, MapSpec
from escape_routes.ui import frame, layout, map_adapter
from escape_routes.ui import keys as K
from escape_routes.ui.downloads import download_buttons
from escape_routes.ui.tour_state import current_step, go

atlas = frame.atlas()
steps = atlas.tour
if not steps:
    st.error("The tour has no valid steps (content/tour.yaml).")
    st.stop()

n = current_step(len(steps))
step = steps[n - 1]
presenting = bool(st.session_state.get(K.PRESENTER, False))

layout.page_style(stack=not presenting, presenting=presenting)
with st.container(key=K.HEAD):
    nav = st.columns([1.1, 1.1, 5.2 if presenting else 3.2, 1.6, 1.3], vertical_alignment="center")
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
    with nav[2]:
        if presenting:
            st.title(f"{n}. {frame.md(step.title)}")
        else:
            st.markdown(f"**Step {n} of {len(steps)}** · ← → keys move between steps")
    nav[3].toggle(
        "Presenter mode",
        key=K.PRESENTER,
        help="Large type, no sidebar: for the projector. Presenter notes are hidden; a "
        "handle-with-care note stays.",
    )
    with nav[4]:
        layout.step_link(links.to_params(st.session_state[K.FILTER], step=n, present=presenting))
    if not presenting:
        st.title(f"{n}. {frame.md(step.title)}")
    if step.care:  # shown in presenter mode too: the class should be warned before the quotes
        st.warning(frame.md(step.care), icon="⚠️")
    layout.note_line(folium_map.NOTE)

with st.container(key=K.COLUMNS):
    map_col, text_col = st.columns([1, 1.5] if presenting else [1.4, 1], gap="medium")
spec = MapSpec.of(
    atlas,
    step=n,
    keyboard=False,
    legend_open=False,
    label_px=layout.PRESENTER_LABEL_PX if presenting else LABEL_PX,
    basemap_urls=tuple(sorted(frame.basemap_urls().items())),
    fill=layout.fill(),
)
# The presenter map is narrow: centre it on what the step shows, zoomed out as that needs.
view = tour_steps.presenter_view(atlas, step) if presenting else (step.view.center, step.view.zoom)
with map_col:
    map_adapter.st_map(atlas, spec, key=K.TOUR_MAP, height=560, center=view[0], zoom=view[1])
with text_col, st.container(key=K.TOUR_TEXT):
    if not presenting:
        frame.plain(step.body)
    st.html(tour_steps.quotes_html(atlas, step, large=presenting))
    layout.question(step.question)  # presenting: the step's text is the teacher's to tell
if not presenting:
    with st.expander("Presenter notes (hidden in presenter mode)"):
        frame.plain(step.notes)
    download_buttons("tour")
