"""Escape Routes: the frame. Page config, the shared sidebar, navigation, the link in the URL."""

from __future__ import annotations

import streamlit as st

from escape_routes.explore import links
from escape_routes.map import assets
from escape_routes.ui import frame, layout, malloc, tour_state
from escape_routes.ui import keys as K
from escape_routes.ui import pages as page_specs

# Each session's script runs in a thread, which glibc would give a malloc arena of its own.
malloc.limit_arenas_once()

# A narrower sidebar than Streamlit's 300 px leaves the map more of a laptop's or projector's width.
st.set_page_config(
    page_title="Escape Routes", page_icon="🗺️", layout="wide", initial_sidebar_state=250
)
assets.ensure_static(assets.static_dir())

atlas = frame.atlas()
frame.init_from_link(atlas)

# Page scripts are in pages/, named so that no file stem is a url_path (escape_routes/ui/pages.py).
pages = page_specs.st_pages()
# Navigation along the top: the sidebar holds the map's filters, on the map page only.
page = st.navigation(list(pages.values()), position="top")
# Presenter mode is the tour's: it hides the navigation and the header (css/presenter.css).
presenting = (
    bool(st.session_state.get(K.PRESENTER))
    and page is pages[page_specs.TOUR]
    and not st.session_state.get(K.SPEAKER)  # the speaker view is the laptop's
)
# The filters are drawn on the map page only (the one they act on); they keep their values
# on the other pages, and every page's link carries them.
frame.keep_widget_state()
st.session_state[K.FILTER] = frame.current_filter(atlas)
layout.base_style()
if presenting:
    frame.presenter_style()
frame.problems_banner(atlas, problems=not presenting)
frame.run_page(page.run)

# Every view is a link: after the page ran, the URL holds the filters and the page's own state.
on_map = page is pages[page_specs.MAP]
params = links.to_params(
    st.session_state[K.FILTER],
    selected=st.session_state.get(K.SELECTED) if on_map else None,
    step=st.session_state.get(K.STEP) if page is pages[page_specs.TOUR] else None,
    present=presenting,
    table=st.session_state.get(K.MATRIX_CHOICE)
    if on_map and st.session_state.get(K.MATRIX_OPEN)
    else None,
    lesson=tour_state.lesson(atlas) if page is pages[page_specs.TOUR] else None,
    speaker=bool(st.session_state.get(K.SPEAKER)) and page is pages[page_specs.TOUR],
)
# Written on every run, not only when it differs from what the server last saw: a run cut short
# by a quick key press can leave the browser's address one step behind the server's copy.
st.query_params.from_dict(params)
