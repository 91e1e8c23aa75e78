"""The whole map as one offline HTML file (the tour file and the handout: own modules).

The one-file map keeps what the map page has beside the map: an evidence panel that shows every
passage of the chosen place or route segment (popups show the first few), a chooser that reaches
every place and segment without the mouse, and a filter by risk. The panel is the template
``export/panel.html`` with the evidence cards in it, its style ``css/export.css``; its script
(``js/export_panel.js``) gets only ids and layers.
"""

from __future__ import annotations

from dataclasses import replace

import folium
from markupsafe import Markup

from escape_routes.content.model import Atlas
from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import Visible, apply
from escape_routes.html.render import card_view
from escape_routes.html.styles import stylesheet
from escape_routes.html.templates import render
from escape_routes.map import assets, folium_map, state
from escape_routes.map.controls import FeatureLayer
from escape_routes.outputs import onefile


def _layers_by_route(atlas: Atlas, m: folium.Map) -> tuple[dict, list]:
    """The map's route groups by route id, and every feature layer (places and segments)."""
    groups: dict[str, onefile.Ref] = {}
    features: list[onefile.Ref] = []
    for child in m._children.values():
        if not isinstance(child, folium.FeatureGroup):
            continue
        for layer in child._children.values():
            if not isinstance(layer, FeatureLayer):
                continue
            features.append(onefile.Ref(layer.get_name()))
            for feat in layer.data["features"]:
                seg = atlas.segments.get(feat["id"])
                if feat["properties"].get("kind") == "segment" and seg:
                    groups[seg.route] = onefile.Ref(child.get_name())
    return groups, features


def _risk_data(atlas: Atlas, f: Filter, visible: Visible) -> dict:
    """What each risk alone shows (filters.apply), and which route each segment belongs to."""
    risks = {}
    for rid in atlas.risks:
        shown = apply(atlas, replace(f, risks=frozenset({rid}), mode="any"))
        risks[rid] = {"routes": shown.routes, "places": list(shown.places)}
    return {
        "risks": risks,
        "segmentRoute": {sid: atlas.segments[sid].route for sid in visible.segments},
        "placeIds": list(visible.places),
        "riskInfo": state.risk_info(atlas),  # the map's filter line and cues (js/mapstate.js)
        "reset": state.RESET,
    }


def panel_html(atlas: Atlas, visible: Visible, f: Filter) -> Markup:
    """The side panel: what the map is, the risk filter, a chooser and every evidence card
    (``templates/export/panel.html``)."""
    routes = [
        (
            atlas.routes[rid].name,
            [(s.id, s.name) for s in atlas.route_segments(rid) if s.id in visible.segments],
        )
        for rid in visible.routes
    ]
    shown = [*visible.places.values(), *visible.segments.values()]
    return render(
        "export/panel.html",
        lead=folium_map.NOTE,
        summary=visible.summary(atlas),
        risks=[(risk, rid in f.risks) for rid, risk in atlas.risks.items()],
        modes=[("any", "any of them"), ("all", "all of them")],
        chosen_mode=f.mode,
        places=[(pid, atlas.places[pid].name) for pid in visible.places],
        routes=routes,
        cards=[
            (s.id, card_view(atlas, item, s.quotes, s.risks))
            for s in shown
            for item in [atlas.places.get(s.id) or atlas.segments[s.id]]
        ],
    )


def standalone_html(atlas: Atlas, f: Filter | None = None) -> str:
    """One self-contained HTML file: the map with its legend, an evidence panel with every
    passage, a filter by risk; every script, style and layer inlined.

    Opens from disk with no server and no network (the school's learning platform, a USB stick,
    any static web host). ``f`` chooses what is drawn; its risks start checked in the panel.
    """
    f = f or Filter()
    base = replace(f, risks=frozenset(), mode="any")
    visible = apply(atlas, base)
    m = folium_map.full_map(atlas, visible, base, home=True, note=False)
    css = stylesheet("base.css", "cards.css", "export.css")
    onefile.add_head(m, render("export/head.html", note=folium_map.NOTE, css=css))
    onefile.add_body(m, panel_html(atlas, visible, f))
    groups, features = _layers_by_route(atlas, m)
    onefile.add_call(
        m,
        "export_panel",
        "escapeRoutesPanel",
        onefile.Ref(m.get_name()),
        groups,
        features,
        _risk_data(atlas, base, visible),
    )
    return onefile.finish(assets.inline_html(m))
