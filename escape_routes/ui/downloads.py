"""Download buttons for the one-file outputs: the offline map, the tour file, the handout."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from escape_routes.content.paths import Paths
from escape_routes.outputs import handout, mapfile, tourfile
from escape_routes.outputs.guard import announced
from escape_routes.ui.frame import content_args, load


@st.cache_resource(show_spinner="Building the offline file…", max_entries=2)
def _standalone(paths: Paths, stamp: tuple) -> str:
    atlas = load(paths, stamp)
    return announced(mapfile.standalone_html(atlas), atlas)


@st.cache_resource(show_spinner="Building the tour file…", max_entries=2)
def _tour_file(paths: Paths, stamp: tuple) -> str:
    atlas = load(paths, stamp)
    return announced(tourfile.tour_html(atlas), atlas)


@st.cache_resource(show_spinner="Building the handout…", max_entries=2)
def _handout(paths: Paths, stamp: tuple) -> str:
    atlas = load(paths, stamp)
    return announced(handout.handout(atlas), atlas)


def download_buttons(page: Literal["map", "tour"] = "map") -> None:
    """The map page's buttons (offline map, handout) or the tour page's (tour file, handout).

    The files are built when a button is pressed (and then cached per content), not on every
    rerun of every session.
    """
    args = content_args()
    cols = st.columns(2)
    if page == "map":
        cols[0].download_button(
            "Download the map as one offline HTML file",
            lambda: _standalone(*args),
            file_name="escape-routes.html",
            mime="text/html",
            on_click="ignore",
            help="The map with its legend, every passage and a filter by risk. Opens from disk "
            "with no server and no internet: for a USB stick or a school's learning platform.",
        )
    else:
        cols[0].download_button(
            "Download the tour as one offline presentation",
            lambda: _tour_file(*args),
            file_name="escape-routes-tour.html",
            mime="text/html",
            on_click="ignore",
            help="Every step with its map, quotes and question; arrow keys and a presenter "
            "mode. Opens from a USB stick on any computer with a browser: no Python, no internet.",
        )
    cols[1].download_button(
        "Download the printable tour handout",
        lambda: _handout(*args),
        file_name="escape-routes-handout.html",
        mime="text/html",
        on_click="ignore",
        help="Every tour step with its map, quotes and citations, and the list of sources; "
        "print it from the browser.",
    )
