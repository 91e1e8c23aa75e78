"""Room 7, ui: everything that imports Streamlit. Imports every other room; none imports it.

The rest of :mod:`escape_routes` knows no screen: it reads content, filters it, and builds maps
and HTML fragments. This package turns those into Streamlit elements, and :mod:`.keys` names
every session-state and widget key the app uses; :mod:`.tour_state` is the tour page's step in
the session.
"""
