"""Page layout for a laptop and a projector: the map first, as large as the window allows.

At 1366x768 and 1280x720 (a laptop, a classroom projector) the map takes the page's whole
width and the rest of the window's height (the map sizes its own frame: js/mapui.js), and
what goes with it (the evidence panel, a tour step's text) comes below it. From
:data:`SIDE_BY_SIDE_PX` wide, there is room for both side by side. Our own CSS only, no
content in it.
"""

from __future__ import annotations

import streamlit as st

from escape_routes.render import esc
from escape_routes.ui import keys as K

SIDE_BY_SIDE_PX = 1500
MAP_MIN_PX = 420  # the map's least height, on a very small window
GAP_BELOW_PX = 10  # between the map and the window's bottom edge


_CSS = """
<style>
.block-container {padding-top: 1.6rem !important; padding-bottom: 2rem !important;
  padding-left: 1.5rem !important; padding-right: 1.5rem !important; max-width: 100%% !important;}
.st-key-%(head)s h1 {font-size: 1.6rem !important; padding: 0 2.5rem 0 0 !important;
  line-height: 1.25;}
.st-key-%(head)s {gap: .2rem !important;}
.st-key-%(head)s .stHeading [data-testid="stMarkdownContainer"] {margin-bottom: 0 !important;}
p.er-note-line {margin: 0; font-size: .9rem; line-height: 1.3; color: #3d4852;}
p.er-note-line strong {color: #4e342e;}
@media (min-width: %(wide)dpx) {
  .st-key-%(panel)s {max-height: calc(100vh - 8rem); overflow-y: auto;}
}
@media (max-width: %(side)dpx) {
  .st-key-%(cols)s [data-testid="stHorizontalBlock"] {flex-wrap: wrap !important;}
  .st-key-%(cols)s [data-testid="stColumn"] {width: 100%% !important; flex: 1 1 100%% !important;
    min-width: 100%% !important;}
}
</style>
"""


def page_style() -> None:
    """The compact page frame of the map and the tour (title, note, then the map)."""
    st.html(
        _CSS
        % {
            "side": SIDE_BY_SIDE_PX - 1,
            "wide": SIDE_BY_SIDE_PX,
            "head": K.HEAD,
            "cols": K.COLUMNS,
            "panel": K.PANEL,
        }
    )


def note_line(text: str, lead: str = "") -> None:
    """A one-line note by the map, readable (contrast above 4.5:1), never on the map itself."""
    st.html(f'<p class="er-note-line">{esc(lead)}<strong>{esc(text)}</strong></p>')


def fill() -> tuple[int, int]:
    """How the map's frame is sized: (least height, gap to the window's bottom)."""
    return MAP_MIN_PX, GAP_BELOW_PX
