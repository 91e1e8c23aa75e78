"""Room 5, map: the Leaflet map as folium builds it, for the app and the one-file outputs.
Imports content, rules, html and explore.

- :mod:`.spec`: :class:`~.spec.MapSpec`, one map as a frozen value (the key of the map cache);
  :mod:`.build`: ``build_map(atlas, spec)``, the map it describes, depending on nothing else;
- :mod:`.folium_map`: the base map (basemap, legend, views, controls); :mod:`.layers`: the
  routes and places a filter or a tour step leaves; :mod:`.state`: what the map says about
  them (the filter line, the emphasis of a chosen risk, a route to bring into view);
- :mod:`.legend`: the legend (template ``html/templates/map/legend.html``); :mod:`.controls`:
  our map elements (HTML controls, arrows, basemap and feature layers);
- :mod:`.labels`: the names the map writes on itself; :mod:`.mapui` with ``js/mapui.js`` and
  ``js/mapstate.js``: the map's browser side (labels, views, keyboard, popups, the filter line,
  the emphasis, clicks that find their item);
- :mod:`.assets`: Leaflet served offline (``static/``), and a map inlined into one file.
"""

from __future__ import annotations

import sys


def _import_folium_without_pandas() -> None:
    """Import folium with pandas marked absent, unless either is already imported.

    folium tries ``import pandas`` when it is imported (``folium/utilities.py``), only to
    recognise a DataFrame passed as locations, which this package never passes. pandas, and the
    pyarrow it loads, are about 70 MB of a server process that otherwise never needs them
    (bench/RESULTS.md, 3b and 6). pandas still imports normally afterwards, on the pages that show a
    table or a chart. This runs before any module of this room, and the ui and outputs rooms
    import this package before their own modules import folium or streamlit-folium.
    """
    if "folium" in sys.modules or "pandas" in sys.modules:
        return
    sys.modules["pandas"] = None  # folium's "import pandas" then raises ImportError
    try:
        import folium  # noqa: F401
    finally:
        if sys.modules.get("pandas", ...) is None:
            del sys.modules["pandas"]


_import_folium_without_pandas()
