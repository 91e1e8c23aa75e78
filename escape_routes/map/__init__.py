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
