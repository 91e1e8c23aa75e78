"""Every session-state key and widget key of the app, named once.

Pages and the frame read and write ``st.session_state`` only through these names.
"""

from __future__ import annotations

from typing import Final

# Sidebar filter widgets (drawn by the frame, kept across pages).
RISKS: Final = "f_risks"
MODE: Final = "f_mode"
ROUTES: Final = "f_routes"
STATUS: Final = "f_status"
PERIOD: Final = "f_period"
DATES: Final = "f_dates"  # what the years filter by: reported or happened
KINDS: Final = "f_kinds"
ONLINE_TILES: Final = "online_tiles"

# What the frame computes each run for the pages.
FILTER: Final = "filter"  # the Filter the sidebar widgets describe

# What a link asked for (read once per session) and the page state a link carries.
LINK_READ: Final = "_link_read"
LINK_WARNINGS: Final = "link_warnings"
LINK_SELECTED: Final = "link_selected"  # the item a link selected (its popup opens)
SELECTED: Final = "selected"  # the item whose evidence the panel shows
STEP: Final = "step"  # the tour step, 1-based
PRESENTER: Final = "presenter"  # presenter mode (a toggle on the tour page)

# The map page.
MAP: Final = "map"
MAP_VIEW: Final = "map_view"  # (centre, zoom) the map was first drawn with; None: the home view
LAST_CLICK: Final = "last_click"
MATRIX_OPEN: Final = "matrix_open"  # the routes x risks table is shown (a toggle)
MATRIX: Final = "matrix"  # prefix of the routes x risks table's key (see ui.routes_table)
MATRIX_CHOICE: Final = "matrix_choice"  # the table's chosen (route, risk or None), or None
TEXT_ALT: Final = "text_alt"
LAYERS_FORMAT: Final = "layers_format"  # the format of "Download the layers"

# The tour page.
TOUR_MAP: Final = "tour_map"
LESSON: Final = "lesson"  # the lesson's link parameters (escape_routes.explore.lesson)
SPEAKER: Final = "speaker"  # this window is the speaker view
REVEALED: Final = "revealed"  # tour step numbers whose hidden passages were shown
TOUR_SYNC: Final = "tour_sync"  # the component that keeps two windows in step
LESSON_EDIT: Final = "lesson_edit"  # the lesson editor is open (a toggle)
LESSON_TABLE: Final = "lesson_table"  # prefix of the lesson editor's table key
LESSON_CARE: Final = "lesson_care"  # the editor's "leave out care steps" toggle
LESSON_TITLE: Final = "lesson_title"  # the editor's title field

# Containers the page CSS styles (escape_routes/ui/layout.py: Streamlit gives each the class
# st-key-KEY).
HEAD: Final = "er-head"  # a page's title and the note beside the map
COLUMNS: Final = "er-cols"  # the map and what goes with it: side by side, or one below
PANEL: Final = "er-panel"  # the evidence panel
TOUR_TEXT: Final = "er-tour-text"  # a tour step's text, quotes and question
SPEAKER_COLS: Final = "er-speaker"  # the speaker view's columns

# Caching per session.
CONTENT_STAMP: Final = "_content_stamp"
