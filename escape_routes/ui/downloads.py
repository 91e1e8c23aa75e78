"""Download buttons for the offline map file and the printable tour handout."""

from __future__ import annotations

import streamlit as st

from escape_routes import export
from escape_routes.content import Paths
from escape_routes.ui.frame import content_args, load


@st.cache_resource(show_spinner="Building the offline file…", max_entries=2)
def _standalone(paths: Paths, stamp: tuple) -> str:
    return export.standalone_html(load(paths, stamp))


@st.cache_resource(show_spinner="Building the handout…", max_entries=2)
def _handout(paths: Paths, stamp: tuple) -> str:
    return export.handout(load(paths, stamp))


def download_buttons(handout_only: bool = False) -> None:
    """Buttons for the offline map file and the printable handout.

    The files are built when a button is pressed (and then cached per content), not on every
    rerun of every session.
    """
    args = content_args()
    cols = st.columns(1 if handout_only else 2)
    if not handout_only:
        cols[0].download_button(
            "Download the map as one offline HTML file",
            lambda: _standalone(*args),
            file_name="escape-routes.html",
            mime="text/html",
            on_click="ignore",
            help="Opens from disk with no server and no internet: for a USB stick or a "
            "school's learning platform.",
        )
    cols[-1].download_button(
        "Download the printable tour handout",
        lambda: _handout(*args),
        file_name="escape-routes-handout.html",
        mime="text/html",
        on_click="ignore",
        help="Every tour step with its map view, quotes and citations; print it from the browser.",
    )
