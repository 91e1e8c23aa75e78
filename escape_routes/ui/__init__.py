"""Room 7, ui: everything that imports Streamlit. Imports every other room; none imports it.

The rest of :mod:`escape_routes` knows no screen: it reads content, filters it, and builds maps
and HTML fragments. This package turns those into Streamlit elements, and :mod:`.keys` names
every session-state and widget key the app uses; :mod:`.tour_state` is the tour page's step in
the session.
"""

# Before any module here imports folium: the map room imports it without pandas (its __init__).
import escape_routes.map  # noqa: F401
