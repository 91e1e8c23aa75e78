"""What the map writes on itself (country, river and place names) and where each may stand.

The browser places the labels (``escape_routes/map/js/mapui.js``): at every view it takes them in
order (the places the view is about, the other places, then rivers, then countries) and puts
each at the first of its candidate positions where it lies wholly inside the map and overlaps
no other label, no control, no place marker and no risk cue; a label with no such position is
left out at that view, and so is a river or country name a place's label already says. Here we
only say what each label says and where it may stand:

- a place: beside its point, named by :func:`place_label`, ranked by how many routes and
  passages use it (the busiest are placed first, after a tour step's and the selected one);
- a river: at points along its line;
- a country: at points of a grid inside it, kept away from its border so
  the name reads as inside it (the browser takes the one nearest the middle of what is in
  view). Countries too small for a name are left unnamed.

Where rivers and countries may be named is computed once per content version
(:attr:`escape_routes.content.derived.Derived.label_anchors`).

Every text is escaped here (:func:`escape_routes.html.render.esc`) and set as HTML in the browser.
"""

from __future__ import annotations

import re

from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas, Place
from escape_routes.html.render import esc

_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def country_names(atlas: Atlas) -> frozenset[str]:
    """The basemap's country names, folded for comparison."""
    props = [f.get("properties") or {} for f in atlas.countries.get("features", [])]
    return frozenset(str(p.get("label") or p.get("name")).casefold() for p in props)


def place_label(atlas: Atlas, place: Place) -> str:
    """The name drawn beside a place: its name without a trailing note in brackets.

    "Northeast China (hiding)" is drawn as "Northeast China"; the whole name is in its tooltip
    and popup. A name that would then be a country's keeps its note ("China (the country as a
    whole)"): a symbol for a whole country reads as such, not as a second country label.
    """
    short = _TRAILING_NOTE.sub("", place.name).strip()
    if not short or (short != place.name and short.casefold() in country_names(atlas)):
        return place.name
    return short


def place_rank(atlas: Atlas, place_id: str) -> int:
    """Which place names go on the map first: named towns (Dandong before the "Yalu River
    crossing" beside it), then the busiest (segments that start or end there, passages)."""
    place = atlas.places[place_id]
    segments = sum(1 for s in atlas.segments.values() if place_id in s.places)
    town = 100 if place.precision == "city" else 0
    return town + 10 * segments + len(place.quotes)


def base_labels(atlas: Atlas) -> list[dict]:
    """River and country labels in the order they are placed: each ``{kind, html, anchors}``."""
    return [
        {"kind": a.kind, "html": esc(a.text), "anchors": [list(p) for p in a.anchors]}
        for a in derived(atlas).label_anchors
    ]
