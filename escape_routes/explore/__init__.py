"""Room 4, explore: what a reader asks to see, with no screen. Imports content, rules and html.

- :mod:`.filters`: the :class:`~.filters.Filter` and whether a record passes its statuses and
  years; :mod:`.visible`: :func:`~.visible.apply` (atlas + filter -> what the map shows);
- :mod:`.scoping`: rule 9, the passages that tie each risk to a route (the routes x risks table);
- :mod:`.links`: the view as URL parameters and back;
- :mod:`.numbers`: the Numbers page's table and charts of figures;
- :mod:`.sourcelist`: the Sources page's pieces; :mod:`.tour_steps`: the tour's logic (step
  numbers, what a step shows, the presenter map's view).
"""
