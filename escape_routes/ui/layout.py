"""Page layout for a laptop and a projector: the map first, as large as the window allows.

At 1366x768 and 1280x720 (a laptop, a classroom projector) the map takes the page's whole
width and the rest of the window's height (the map sizes its own frame: js/mapui.js), and
what goes with it (the evidence panel, a tour step's text) comes below it. From
:data:`SIDE_BY_SIDE_PX` wide, there is room for both side by side.

Our own CSS only, no content in it, in files (``escape_routes/html/css/``): one stylesheet
linked once per page (:func:`base_style`), and the small styles that place the page, put in
at once and taking the sizes and widget keys named here as values.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import quote

import streamlit as st

from escape_routes.html.styles import publish, stylesheet
from escape_routes.html.templates import render
from escape_routes.map import assets
from escape_routes.ui import keys as K

SIDE_BY_SIDE_PX = 1500
PRESENTER_LABEL_PX = 19  # map labels in presenter mode (the back row); citations are 18 px
MAP_MIN_PX = 420  # the map's least height, on a very small window
GAP_BELOW_PX = 6  # between the map and the window's bottom edge
APP_CSS = "escape_routes/app.css"  # the linked stylesheet, below static/


def style(*names: str, **values: object) -> None:
    """Put our stylesheets ``css/NAME`` into the page, rendered with ``values``."""
    st.html(render("page/style.html", css=stylesheet(*names, **values)))


@cache
def _app_stylesheet() -> str:
    """The app's linked stylesheet (css/base.css, cards.css, app.css), written into static/ once
    per process; its address, which changes with its content."""
    css = stylesheet("base.css", "cards.css", "app.css")
    return assets.static_url(publish(assets.static_dir(), APP_CSS, css))


def base_style() -> None:
    """Every page: our stylesheet, linked once (the cards, the panel), and the content starting
    just below the header that holds the navigation."""
    style("frame.css", app_url=_app_stylesheet())


def page_style(stack: bool = True, presenting: bool = False) -> None:
    """The compact page frame of the map and the tour (title, note, then the map); with
    ``stack``, what goes with the map comes below it on a window narrower than
    :data:`SIDE_BY_SIDE_PX`. Presenting, there is no header with the navigation above it."""
    style(
        "page.css",
        *(["stack.css"] if stack else []),
        "phone.css",
        top=".6rem" if presenting else "4.05rem",
        bottom="0" if presenting else "2rem",
        side=SIDE_BY_SIDE_PX - 1,
        wide=SIDE_BY_SIDE_PX,
        head=K.HEAD,
        cols=K.COLUMNS,
        panel=K.PANEL,
        narrow_px=NARROW_PX,
    )


# Where the map page's map starts (px from the window's top: the header with the navigation,
# the title and the note), wide and on a phone, where the title takes two lines.
MAP_TOP_PX = {"wide": 135, "narrow": 205}
NARROW_PX = 640


def reserve_map_height() -> None:
    """The map page: the map's place kept at the height the map will take (js/mapui.js fills
    the window below it) from the moment its frame is made, so that what comes below it is
    not pushed down while the map loads (a layout shift, which Lighthouse counts heavily)."""
    style(
        "reserve.css",
        cols=K.COLUMNS,
        min=MAP_MIN_PX,
        wide=MAP_TOP_PX["wide"] + GAP_BELOW_PX,
        narrow=MAP_TOP_PX["narrow"] + GAP_BELOW_PX,
        narrow_px=NARROW_PX,
    )


def step_link(params: dict[str, str]) -> None:
    """ "Link to this step": the tour's address for this view, opened in the same tab."""
    query = "&".join(f"{quote(k)}={quote(v)}" for k, v in params.items())
    st.html(render("page/step_link.html", query=query))


def note_line(text: str, lead: str = "") -> None:
    """A one-line note by the map, readable (contrast above 4.5:1), never on the map itself."""
    st.html(render("page/note_line.html", lead=lead, text=text))


def question(text: str) -> None:
    """A tour step's discussion question, in one paragraph after a bold "Discuss:"."""
    st.html(render("page/question.html", text=text))


def fill() -> tuple[int, int]:
    """How the map's frame is sized: (least height, gap to the window's bottom)."""
    return MAP_MIN_PX, GAP_BELOW_PX
