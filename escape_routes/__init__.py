"""Escape Routes: an offline map of the escape routes described in five published texts.

The package is laid out in rooms; each imports only the rooms before it (``tests/test_layers.py``
checks this, and that no module imports itself round a cycle):

1. :mod:`.content`: records, reading the files, paths, text folding, the drawn lines;
2. :mod:`.rules`: the validator, one module per DESIGN rule or family;
3. :mod:`.html`: escaping and the HTML fragments every output shares;
4. :mod:`.explore`: filters, evidence per route, links, figures, sources, the tour's logic;
5. :mod:`.map`: the folium map, its controls, labels and offline assets;
6. :mod:`.outputs`: the one-file map, the tour file, the handout;
7. :mod:`.ui`: everything that imports Streamlit.

Entry points, importing any room and imported by none: :mod:`.__main__` (the command line) and
:mod:`.warmup` (runs the app once when a server starts).
"""
