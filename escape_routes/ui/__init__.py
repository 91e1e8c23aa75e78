"""Everything that imports Streamlit: the frame's pieces the pages share.

The rest of :mod:`escape_routes` knows no screen: it reads content, filters it, and builds maps
and HTML fragments. This package turns those into Streamlit elements, and :mod:`.keys` names
every session-state and widget key the app uses.
"""
