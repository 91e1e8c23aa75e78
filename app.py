"""Escape Routes: the frame. Page config, the shared sidebar, navigation, the link in the URL."""

from __future__ import annotations

import streamlit as st

from escape_routes import assets, links, ui

st.set_page_config(page_title="Escape Routes", page_icon="🗺️", layout="wide")
assets.ensure_static(assets.static_dir())

atlas = ui.atlas()
ui.init_from_link(atlas)
presenting = st.session_state.get("presenter", False)

# Page scripts live in views/, not pages/: a top-level pages/ folder makes Streamlit run a deep
# link's page alone (without this file) when it is the first request after start-up (README).
map_page = st.Page("views/map.py", title="Map", icon=":material/map:", default=True)
tour_page = st.Page(
    "views/tour.py", title="Classroom tour", icon=":material/school:", url_path="tour"
)
pages = [
    map_page,
    tour_page,
    st.Page("views/sources.py", title="Sources", icon=":material/menu_book:", url_path="sources"),
    st.Page("views/numbers.py", title="Numbers", icon=":material/bar_chart:", url_path="numbers"),
    st.Page("views/about.py", title="About", icon=":material/info:", url_path="about"),
]
page = st.navigation(pages, position="hidden" if presenting else "sidebar")
# The filters are always drawn (so they keep their values); presenter mode only hides them.
st.session_state["filter"] = ui.sidebar_filters(atlas)
if presenting:
    ui.presenter_style()
else:
    ui.problems_banner(atlas)
page.run()

# Every view is a link: after the page ran, the URL holds the filters and the page's own state.
params = links.to_params(
    st.session_state["filter"],
    selected=st.session_state.get("selected") if page.url_path == map_page.url_path else None,
    step=st.session_state.get("step") if page.url_path == tour_page.url_path else None,
)
# Written on every run, not only when it differs from what the server last saw: a run cut short
# by a quick key press can leave the browser's address one step behind the server's copy.
st.query_params.from_dict(params)
