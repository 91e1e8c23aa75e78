"""Download buttons: the offline map, the tour file, the handout and the worksheet (the last
three for the lesson shown: its steps, order and own questions), and the layers for GIS tools.

Each file is built when its button is pressed, never on a rerun; the one-file outputs are then
kept for the content's version (:meth:`escape_routes.content.derived.Derived.memo`) and the
lesson. The modules that build them (and geopandas, for the layers) are imported only then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import streamlit as st

from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas
from escape_routes.explore import lesson as lessons
from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import Visible
from escape_routes.outputs.guard import announced
from escape_routes.ui import keys as K
from escape_routes.ui.frame import atlas as current_atlas
from escape_routes.ui.frame import content_args, md

Params = tuple[tuple[str, str], ...]


def _kept(atlas: Atlas, name: str, build: Callable[[], str]) -> str:
    """A one-file output, made once per content version (and lesson), with a banner naming what
    problems leave out of it."""
    return derived(atlas).memo(f"download: {name}", lambda: announced(build(), atlas))


def _standalone(atlas: Atlas) -> str:
    from escape_routes.outputs import mapfile

    return _kept(atlas, "map", lambda: mapfile.standalone_html(atlas))


def _for_lesson(atlas: Atlas, name: str, params: Params) -> str:
    """The tour file, handout or worksheet of the lesson ``params`` (a link's) describes."""
    from escape_routes.outputs import handout, tourfile, worksheet

    build = {
        "tour": tourfile.tour_html,
        "handout": handout.handout,
        "worksheet": worksheet.worksheet,
    }[name]
    lesson = lessons.parse(dict(params), atlas, [])
    if params:  # a lesson's own file: made when asked (links are many; nothing kept per link)
        return announced(build(atlas, lesson), atlas)
    return _kept(atlas, name, lambda: build(atlas, lesson))


def download_buttons(
    page: Literal["map", "tour"] = "map", lesson: lessons.Lesson | None = None
) -> None:
    """The map page's buttons (offline map, handout) or the tour page's (tour file, handout,
    worksheet, for ``lesson``).

    The files are built when a button is pressed (and then kept for the content's version and
    the lesson), not on every rerun of every session.
    """
    atlas = current_atlas()
    params = tuple(sorted(lessons.to_params(lesson).items())) if lesson else ()
    whole = not params
    cols = st.columns(3 if page == "tour" else 2)
    if page == "map":
        cols[0].download_button(
            "Download the map as one offline HTML file",
            lambda: _standalone(atlas),
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
            lambda: _for_lesson(atlas, "tour", params),
            file_name="escape-routes-tour.html" if whole else "escape-routes-lesson.html",
            mime="text/html",
            on_click="ignore",
            help="Every step with its map, quotes and question; arrow keys, a presenter mode "
            "and a speaker view. Opens from a USB stick on any computer with a browser: no "
            "Python, no internet.",
        )
        cols[2].download_button(
            "Download the student worksheet",
            lambda: _for_lesson(atlas, "worksheet", params),
            file_name="escape-routes-worksheet.html",
            mime="text/html",
            on_click="ignore",
            help="The questions with space for answers, two steps a page; print it from the "
            "browser.",
        )
    cols[1].download_button(
        "Download the printable tour handout",
        lambda: _for_lesson(atlas, "handout", params),
        file_name="escape-routes-handout.html",
        mime="text/html",
        on_click="ignore",
        help="Every step with its map, quotes and citations (one page a step), and the list of "
        "sources; print it from the browser.",
    )


#: The formats offered, in the order listed: extension -> what a teacher would call it.
LAYER_FORMATS = {
    ".kml": "KML: Google Earth, Google My Maps",
    ".geojson": "GeoJSON: QGIS, ArcGIS, web maps",
    ".gpkg": "GeoPackage: QGIS, ArcGIS",
    ".csv": "CSV for a spreadsheet (zip, with a README)",
}
LAYER_MIME = {
    ".kml": "application/vnd.google-earth.kml+xml",
    ".geojson": "application/geo+json",
    ".gpkg": "application/geopackage+sqlite3",
    ".csv": "application/zip",
}


def _layers(atlas: Atlas, f: Filter, ext: str) -> bytes:
    from escape_routes.outputs import layers
    from escape_routes.outputs.layers_meta import read_notes

    notes = read_notes(content_args()[0].content)
    return layers.download(layers.build(atlas, notes, f), ext)


def layers_download(atlas: Atlas, f: Filter, visible: Visible) -> None:
    """ "Download the layers": the routes and places the map shows now (its filters apply),
    with their passages and citations, for Google Earth, My Maps, QGIS, ArcGIS or a spreadsheet.
    """
    left, right = st.columns(2, vertical_alignment="bottom")
    ext = left.selectbox(
        "Layers for other map tools",
        list(LAYER_FORMATS),
        format_func=LAYER_FORMATS.get,
        key=K.LAYERS_FORMAT,
    )
    filtered = f != Filter()
    right.download_button(
        "Download the layers" + (" (as filtered)" if filtered else ""),
        lambda: _layers(atlas, f, ext),
        file_name=f"escape-routes-layers{'-filtered' if filtered else ''}"
        f"{'.zip' if ext == '.csv' else ext}",
        mime=LAYER_MIME[ext],
        on_click="ignore",
        help="The routes and places the map shows now, each with its passages and citations "
        "and the caveat; the file names the texts, the filter and the date.",
    )
    # Normal text, not a caption: a caption's grey is too faint to read from a back row.
    st.markdown(
        md(f"The layers hold what the map shows now: {visible.summary(atlas)}")
        + (", as the filters choose." if filtered else ".")
    )
