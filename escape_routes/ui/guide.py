"""The Guide page's parts: the teacher's guide read once per content version, shown, and offered
as a printable file."""

from __future__ import annotations

import streamlit as st

from escape_routes.content.guide import Guide, read_guide
from escape_routes.content.paths import Paths
from escape_routes.outputs import guide as guide_file
from escape_routes.ui import layout
from escape_routes.ui.frame import atlas, content_args, load


@st.cache_resource(show_spinner=False, max_entries=2)
def _guide(paths: Paths, stamp: tuple) -> tuple[Guide | None, tuple[str, ...]]:
    guide, problems = read_guide(paths.content)
    return guide, tuple(str(p) for p in problems)


@st.cache_resource(show_spinner="Building the guide…", max_entries=4)
def _file(paths: Paths, stamp: tuple, app_url: str) -> str:
    guide, _ = _guide(paths, stamp)
    return guide_file.guide_html(load(paths, stamp), guide, app_url) if guide else ""


def show() -> None:
    """The guide, and a button for its printable file (its lesson links point at this app)."""
    args = content_args()
    guide, problems = _guide(*args)
    if guide is None and not problems:
        st.info("This content folder has no teacher's guide (content/guide.yaml).")
        return
    if guide is None:
        st.error("The teacher's guide (content/guide.yaml) could not be read:")
        st.text("\n".join(problems))
        return
    app_url = st.context.url.split("?", 1)[0].rsplit("/", 1)[0] if st.context.url else ""
    st.download_button(
        "Download the guide as a printable file",
        lambda: _file(*args, app_url),
        file_name="escape-routes-guide.html",
        mime="text/html",
        on_click="ignore",
        help="The whole guide as one page to print or keep; its lesson links open this app.",
    )
    layout.style("guide.css")
    st.html(guide_file.guide_fragment(atlas(), guide))
