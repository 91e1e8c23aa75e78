"""Classroom tour: numbered steps that fly the map, show the evidence large, and ask a question.

The steps are the teacher's lesson (the link's ``steps=…``, or the whole tour). In presenter
mode this window is the projector's; ``speaker=1`` makes it the speaker view (notes, next step,
clock) for the teacher's laptop. The two windows keep in step (escape_routes/ui/tour_sync.py).
"""

from __future__ import annotations

import streamlit as st

from escape_routes.explore import links, tour_steps
from escape_routes.map import folium_map
from escape_routes.map.spec import LABEL_PX, MapSpec
from escape_routes.ui import frame, layout, lesson_editor, map_adapter, tour_state, tour_views
from escape_routes.ui import keys as K
from escape_routes.ui.downloads import download_buttons

atlas = frame.atlas()
if not atlas.tour:
    st.error("The tour has no valid steps (content/tour.yaml).")
    st.stop()

lesson = tour_state.lesson(atlas)
n = tour_state.current_step(len(lesson))
here = lesson.at(n)
step = here.step
speaking = tour_state.speaking()
presenting = bool(st.session_state.get(K.PRESENTER, False)) and not speaking
params = links.to_params(st.session_state[K.FILTER], step=n, present=presenting, lesson=lesson)
spec = MapSpec.of(
    atlas,
    step=here.number,
    keyboard=False,
    legend_open=False,
    label_px=layout.PRESENTER_LABEL_PX if presenting else LABEL_PX,
    basemap_urls=tuple(sorted(frame.basemap_urls().items())),
    fill=layout.fill(),
    style=tour_views.map_style(presenting),
)


tour_views.style(presenting)
if speaking:
    layout.page_style(stack=True)
    tour_views.speaker(atlas, lesson, n, params)
else:
    layout.page_style(stack=not presenting, presenting=presenting)
    with st.container(key=K.HEAD):
        tour_views.bar(lesson, n, "projector" if presenting else "page", params)
        if not presenting:
            st.title(tour_views.title(lesson, n))
        tour_views.notices(atlas, lesson, n, presenting=presenting)
        layout.note_line(folium_map.NOTE)
    with st.container(key=K.COLUMNS):
        map_col, text_col = st.columns([1, 1.5] if presenting else [1.4, 1], gap="medium")
    # The presenter map is narrow: centre it on what the step shows, zoomed out as that needs.
    view = (
        tour_steps.presenter_view(atlas, step) if presenting else (step.view.center, step.view.zoom)
    )
    with map_col:
        map_adapter.st_map(atlas, spec, key=K.TOUR_MAP, height=560, center=view[0], zoom=view[1])
    with text_col, st.container(key=K.TOUR_TEXT):
        tour_views.step_text(atlas, here, presenting)
    if not presenting:
        tour_views.teacher_notes(atlas, here)
        lesson_editor.editor(atlas, lesson)
        download_buttons("tour", lesson)
