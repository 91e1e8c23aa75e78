"""Room 5, map: the Leaflet map as folium builds it, for the app and the one-file outputs.
Imports content, rules, html and explore.

- :mod:`.folium_map`: the base map (basemap, legend, controls) and the layers a filter leaves;
- :mod:`.controls`: our map elements (HTML controls, arrows, basemap and feature layers);
- :mod:`.labels`: the names the map writes on itself; :mod:`.mapui` with ``js/mapui.js``: the
  map's browser side (labels, views, keyboard, popups);
- :mod:`.assets`: Leaflet served offline (``static/``), and a map inlined into one file.
"""
