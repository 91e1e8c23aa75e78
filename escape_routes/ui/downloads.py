"""Download buttons: the offline map, the tour file, the handout, and the layers for GIS tools.

Each file is built when its button is pressed, never on a rerun; the one-file outputs are then
kept for the content's version (:meth:`escape_routes.content.derived.Derived.memo`). The modules
that build them (and geopandas, for the layers) are imported only then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import streamlit as st

from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas
from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import Visible
from escape_routes.outputs.guard import announced
from escape_routes.ui import keys as K
from escape_routes.ui.frame import atlas as current_atlas
from escape_routes.ui.frame import content_args, md


def _kept(atlas: Atlas, name: str, build: Callable[[Atlas], str]) -> str:
    """A one-file output, made once per content version, with a banner naming what problems
    leave out of it."""
    return derived(atlas).memo(f"download: {name}", lambda: announced(build(atlas), atlas))


def _standalone(atlas: Atlas) -> str:
    from escape_routes.outputs import mapfile

    return _kept(atlas, "map", mapfile.standalone_html)


def _tour_file(atlas: Atlas) -> str:
    from escape_routes.outputs import tourfile

    return _kept(atlas, "tour", tourfile.tour_html)


def _handout(atlas: Atlas) -> str:
    from escape_routes.outputs import handout

    return _kept(atlas, "handout", handout.handout)


def download_buttons(page: Literal["map", "tour"] = "map") -> None:
    """The map page's buttons (offline map, handout) or the tour page's (tour file, handout).

    The files are built when a button is pressed (and then kept for the content's version),
    not on every rerun of every session.
    """
    atlas = current_atlas()
    cols = st.columns(2)
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
            "Download the tour as one offline presentation",
            lambda: _tour_file(atlas),
            file_name="escape-routes-tour.html",
            mime="text/html",
            on_click="ignore",
            help="Every step with its map, quotes and question; arrow keys and a presenter "
            "mode. Opens from a USB stick on any computer with a browser: no Python, no internet.",
        )
    cols[1].download_button(
        "Download the printable tour handout",
        lambda: _handout(atlas),
        file_name="escape-routes-handout.html",
        mime="text/html",
        on_click="ignore",
        help="Every tour step with its map, quotes and citations, and the list of sources; "
        "print it from the browser.",
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
