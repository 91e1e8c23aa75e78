"""Room 6, outputs: the files a teacher downloads, each one self-contained and offline. Imports
content, rules, html, explore and map.

- :mod:`.mapfile`: the whole map with its evidence panel as one HTML file (``export``);
- :mod:`.tourfile`: the tour as one HTML presentation (``tour-export``);
- :mod:`.handout` with :mod:`.svgmap` (labels by :mod:`.svglabels`): the printable handout and
  its SVG maps;
- :mod:`.onefile`: what the one-file pages share; their small scripts are in ``js/``;
- :mod:`.guard`: what every writer calls first: refuse a broken atlas, or say what is missing.
"""

# Before any module here imports folium: the map room imports it without pandas (its __init__).
import escape_routes.map  # noqa: F401
