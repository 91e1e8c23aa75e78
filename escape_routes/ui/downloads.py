"""Download buttons for the one-file outputs: the offline map, the tour file, the handout and
the worksheet (the last three for the lesson shown: its steps, order and own questions)."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from escape_routes.content.paths import Paths
from escape_routes.explore import lesson as lessons
from escape_routes.outputs import handout, mapfile, tourfile, worksheet
from escape_routes.outputs.guard import announced
from escape_routes.ui.frame import content_args, load


@st.cache_resource(show_spinner="Building the offline file…", max_entries=2)
def _standalone(paths: Paths, stamp: tuple) -> str:
    atlas = load(paths, stamp)
    return announced(mapfile.standalone_html(atlas), atlas)


def _lesson(paths: Paths, stamp: tuple, params: tuple[tuple[str, str], ...]):
    atlas = load(paths, stamp)
    return atlas, lessons.parse(dict(params), atlas, [])


@st.cache_resource(show_spinner="Building the tour file…", max_entries=4)
def _tour_file(paths: Paths, stamp: tuple, params: tuple[tuple[str, str], ...]) -> str:
    atlas, lesson = _lesson(paths, stamp, params)
    return announced(tourfile.tour_html(atlas, lesson), atlas)


@st.cache_resource(show_spinner="Building the handout…", max_entries=4)
def _handout(paths: Paths, stamp: tuple, params: tuple[tuple[str, str], ...]) -> str:
    atlas, lesson = _lesson(paths, stamp, params)
    return announced(handout.handout(atlas, lesson), atlas)


@st.cache_resource(show_spinner="Building the worksheet…", max_entries=4)
def _worksheet(paths: Paths, stamp: tuple, params: tuple[tuple[str, str], ...]) -> str:
    atlas, lesson = _lesson(paths, stamp, params)
    return announced(worksheet.worksheet(atlas, lesson), atlas)


def download_buttons(
    page: Literal["map", "tour"] = "map", lesson: lessons.Lesson | None = None
) -> None:
    """The map page's buttons (offline map, handout) or the tour page's (tour file, handout,
    worksheet, for ``lesson``).

    The files are built when a button is pressed (and then cached per content and lesson), not
    on every rerun of every session.
    """
    args = content_args()
    params = tuple(sorted(lessons.to_params(lesson).items())) if lesson else ()
    whole = not params
    cols = st.columns(3 if page == "tour" else 2)
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
            "Download the tour as one offline presentation"
            if whole
            else "Download this lesson as one offline presentation",
            lambda: _tour_file(*args, params),
            file_name="escape-routes-tour.html" if whole else "escape-routes-lesson.html",
            mime="text/html",
            on_click="ignore",
            help="Every step with its map, quotes and question; arrow keys, a presenter mode "
            "and a speaker view. Opens from a USB stick on any computer with a browser: no "
            "Python, no internet.",
        )
        cols[2].download_button(
            "Download the student worksheet",
            lambda: _worksheet(*args, params),
            file_name="escape-routes-worksheet.html",
            mime="text/html",
            on_click="ignore",
            help="The questions with space for answers, two steps a page; print it from the "
            "browser.",
        )
    cols[1].download_button(
        "Download the printable tour handout",
        lambda: _handout(*args, params),
        file_name="escape-routes-handout.html",
        mime="text/html",
        on_click="ignore",
        help="Every step with its map, quotes and citations (one page a step), and the list of "
        "sources; print it from the browser.",
    )
