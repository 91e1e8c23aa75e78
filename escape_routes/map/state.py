"""What the map says about what it shows: the filter line on the map, the risks to emphasise, and
a route to bring into view.

:class:`MapState` rides in a layer group of its own, so that a filter change swaps it with the
other layers and never reloads the map. ``js/mapui.js`` (``ErMap.setState``) writes the line
("T Trafficking and forced marriage — 4 of 13 routes · Show everything") with text nodes only,
emphasises the legs and places whose own passages carry a chosen risk with that risk's cue and
dims the rest of each route shown. The one-file map's panel calls the same function.

Content text is handed over escaped (:func:`escape_routes.html.templates.escape`), like every
text on the map, and the script reads it back as text: it never becomes markup.
"""

from __future__ import annotations

import folium
from jinja2 import Template

from escape_routes.content.model import Atlas
from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import Visible
from escape_routes.html.templates import escape
from escape_routes.map.controls import _ScriptOnce

RESET = "Show everything"


def risk_info(atlas: Atlas) -> dict[str, dict[str, str]]:
    """Each risk's cue, colour and label, for the line and the emphasis (data, never HTML)."""
    return {
        r.id: {"cue": escape(r.cue), "colour": r.colour, "label": escape(r.label)}
        for r in atlas.risks.values()
    }


def describe(atlas: Atlas, f: Filter) -> list[dict[str, str]]:
    """What a filter asks for, one item per restriction (text escaped): each chosen risk with
    its cue and colour, then the routes, statuses, years and kinds of source chosen. Empty: no
    filter."""
    items = [
        {"cue": escape(r.cue), "colour": r.colour, "text": escape(r.label)}
        for r in atlas.risks.values()
        if r.id in f.risks
    ]
    names = [atlas.routes[r].name for r in atlas.routes if r in f.routes]
    if names:
        items.append(
            {"text": escape(("Route: " if len(names) == 1 else "Routes: ") + "; ".join(names))}
        )
    statuses = [t.label for s, t in atlas.vocab.statuses.items() if s in f.statuses]
    if statuses:
        items.append({"text": escape("Status: " + ", ".join(statuses))})
    if f.period:
        verb = "Happened" if f.dates == "happened" else "Reported"
        items.append({"text": f"{verb} {f.period[0]}–{f.period[1]}"})
    if f.kinds:
        kinds = atlas.vocab.evidence_kinds()
        chosen = ", ".join(kinds.get(k, k) for k in sorted(f.kinds))
        items.append({"text": escape("Sources: " + chosen)})
    return items


def state_data(
    atlas: Atlas, f: Filter, visible: Visible, focus_bounds: list[list[float]] | None = None
) -> dict:
    """The data :class:`MapState` hands to the map's script."""
    items = describe(atlas, f)
    return {
        "items": items,
        "join": ("all of them" if f.mode == "all" else "any of them") if len(f.risks) > 1 else "",
        "count": visible.summary(atlas),
        "empty": not visible.routes and not visible.places,
        "reset": RESET,
        "risks": sorted(f.risks),
        "riskInfo": risk_info(atlas),
        "focus": focus_bounds,
    }


class MapState(_ScriptOnce):
    """The filter line, the emphasis and a route to show, set when its group is added."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(group) {
            var data = {{ this.data|tojson }};
            group.on("add", function() {
                if (window.ErMap) { window.ErMap.setState(group._map, data, group); }
            });
            group.on("remove", function(e) {
                if (window.ErMap) { window.ErMap.clearState(e.target._map || e.sourceTarget._map); }
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict) -> None:
        super().__init__()
        self._name = "MapState"
        self.data = data


def state_group(data: dict) -> folium.FeatureGroup:
    """A layer group holding only the map's state (first of the layers: the features that
    follow it are drawn with its emphasis)."""
    fg = folium.FeatureGroup(name="State", control=False)
    MapState(data).add_to(fg)
    return fg
