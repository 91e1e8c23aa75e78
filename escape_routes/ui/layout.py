"""Page layout for a laptop and a projector: the map first, as large as the window allows.

At 1366x768 and 1280x720 (a laptop, a classroom projector) the map takes the page's whole
width and the rest of the window's height (the map sizes its own frame: js/mapui.js), and
what goes with it (the evidence panel, a tour step's text) comes below it. From
:data:`SIDE_BY_SIDE_PX` wide, there is room for both side by side. Our own CSS only, no
content in it.
"""

from __future__ import annotations

from urllib.parse import quote

import streamlit as st

from escape_routes.html.render import esc
from escape_routes.ui import keys as K

SIDE_BY_SIDE_PX = 1500
PRESENTER_LABEL_PX = 19  # map labels in presenter mode (the back row); citations are 18 px
MAP_MIN_PX = 420  # the map's least height, on a very small window
GAP_BELOW_PX = 6  # between the map and the window's bottom edge


_CSS = """
<style>
.block-container {padding-top: %(top)s !important; padding-bottom: %(bottom)s !important;
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
</style>
"""
_STACK_CSS = """
<style>
@media (max-width: %(side)dpx) {
  .st-key-%(cols)s [data-testid="stHorizontalBlock"] {flex-wrap: wrap !important;}
  .st-key-%(cols)s [data-testid="stColumn"] {width: 100%% !important; flex: 1 1 100%% !important;
    min-width: 100%% !important;}
}
</style>
"""


_BASE_CSS = """
<style>
.block-container {padding-top: 4.6rem !important;}
</style>
"""


def base_style() -> None:
    """Every page: the content starts just below the header that holds the navigation."""
    st.html(_BASE_CSS)


def page_style(stack: bool = True, presenting: bool = False) -> None:
    """The compact page frame of the map and the tour (title, note, then the map); with
    ``stack``, what goes with the map comes below it on a window narrower than
    :data:`SIDE_BY_SIDE_PX`. Presenting, there is no header with the navigation above it."""
    values = {
        "top": ".6rem" if presenting else "4.05rem",
        "bottom": "0" if presenting else "2rem",
        "side": SIDE_BY_SIDE_PX - 1,
        "wide": SIDE_BY_SIDE_PX,
        "head": K.HEAD,
        "cols": K.COLUMNS,
        "panel": K.PANEL,
    }
    st.html((_CSS + (_STACK_CSS if stack else "")) % values)


# Where the map page's map starts (px from the window's top: the header with the navigation,
# the title and the note), wide and on a phone, where the title takes two lines.
MAP_TOP_PX = {"wide": 135, "narrow": 205}
NARROW_PX = 640

_RESERVE_CSS = """
<style>
.st-key-%(cols)s [data-testid="stColumn"]:first-child [data-testid="stElementContainer"]
  {min-height: max(%(min)dpx, calc(100vh - %(wide)dpx));}
@media (max-width: %(narrow_px)dpx) {
  .st-key-%(cols)s [data-testid="stColumn"]:first-child [data-testid="stElementContainer"]
    {min-height: max(%(min)dpx, calc(100vh - %(narrow)dpx));}
}
</style>
"""


def reserve_map_height() -> None:
    """The map page: the map's place kept at the height the map will take (js/mapui.js fills
    the window below it) from the moment its frame is made, so that what comes below it is
    not pushed down while the map loads (a layout shift, which Lighthouse counts heavily)."""
    st.html(
        _RESERVE_CSS
        % {
            "cols": K.COLUMNS,
            "min": MAP_MIN_PX,
            "wide": MAP_TOP_PX["wide"] + GAP_BELOW_PX,
            "narrow": MAP_TOP_PX["narrow"] + GAP_BELOW_PX,
            "narrow_px": NARROW_PX,
        }
    )


def step_link(params: dict[str, str]) -> None:
    """ "Link to this step": the tour's address for this view, opened in the same tab."""
    query = "&".join(f"{quote(k)}={quote(v)}" for k, v in params.items())
    st.html(f'<a class="er-step-link" href="?{esc(query)}" target="_self">Link to this step</a>')


def note_line(text: str, lead: str = "") -> None:
    """A one-line note by the map, readable (contrast above 4.5:1), never on the map itself."""
    st.html(f'<p class="er-note-line">{esc(lead)}<strong>{esc(text)}</strong></p>')


def question(text: str) -> None:
    """A tour step's discussion question, in one paragraph after a bold "Discuss:"."""
    st.html(f'<p class="er-text er-question"><strong>Discuss:</strong> {esc(text)}</p>')


def fill() -> tuple[int, int]:
    """How the map's frame is sized: (least height, gap to the window's bottom)."""
    return MAP_MIN_PX, GAP_BELOW_PX
