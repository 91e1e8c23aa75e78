"""The whole map as one offline HTML file (the tour file and the handout: own modules).

The one-file map keeps what the map page has beside the map: an evidence panel that shows every
passage of the chosen place or route segment (popups show the first few), a chooser that reaches
every place and segment without the mouse, and a filter by risk. The panel's cards are HTML made
by :mod:`escape_routes.html.render`; its script (``js/export_panel.js``) gets only ids and layers.
"""

from __future__ import annotations

from dataclasses import replace

import folium

from escape_routes.content.model import Atlas
from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import Visible, apply
from escape_routes.html.render import CSS, card, esc, risk_badge
from escape_routes.map import assets, folium_map, state
from escape_routes.map.controls import FeatureLayer
from escape_routes.outputs import onefile

PANEL_CSS = """
body{display:grid;grid-template-columns:minmax(0,1fr) minmax(20rem,27rem);grid-template-rows:100%;
  font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#222}
.folium-map{grid-column:1;grid-row:1}
.er-side{grid-column:2;grid-row:1;overflow:auto;border-left:1px solid #bbb;padding:.6rem .9rem;
  background:#fff}
.er-side h1{font-size:1.25rem;margin:.2rem 0 .3rem}
.er-side h2{font-size:1.1rem;margin:.8rem 0 .3rem}
.er-lead{font-size:.9rem;color:#5d4037;font-weight:600;margin:.2rem 0}
.er-filter summary{cursor:pointer;font-weight:600;padding:.2rem 0}
.er-side fieldset{border:1px solid #ccc;border-radius:4px;margin:.3rem 0;padding:.2rem .5rem}
.er-side legend{font-size:.9rem;font-weight:600}
.er-risks label{display:flex;gap:.35rem;align-items:center;margin:.15rem 0;font-size:.9rem}
.er-risks .er-badge{margin:0;font-size:.85em}
.er-modes label{margin-right:1rem;font-size:.9rem}
.er-side select{width:100%;font-size:.95rem;padding:.2rem}
.er-side button{font-size:.9rem;padding:.15rem .6rem}
#er-count{font-weight:600;font-size:.9rem;margin:.3rem 0}
.er-ev .er-card{font-size:1rem}.er-hint{color:#444}
@media (max-width:800px){:root,:root body{height:auto}
  body{grid-template-columns:1fr;grid-template-rows:70vh auto}
  .er-side{grid-column:1;grid-row:2;border-left:0;border-top:1px solid #bbb}}
"""


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


def panel_html(atlas: Atlas, visible: Visible, f: Filter) -> str:
    """The side panel: what the map is, the risk filter, a chooser and every evidence card."""
    boxes = "".join(
        f'<label><input type="checkbox" name="er-risk" value="{esc(rid)}"'
        f"{' checked' if rid in f.risks else ''}>{risk_badge(risk)}</label>"
        for rid, risk in atlas.risks.items()
    )
    modes = "".join(
        f'<label><input type="radio" name="er-mode" value="{mode}"'
        f"{' checked' if f.mode == mode else ''}> {label}</label>"
        for mode, label in (("any", "any of them"), ("all", "all of them"))
    )
    places = "".join(
        f'<option value="{esc(pid)}">{esc(atlas.places[pid].name)}</option>'
        for pid in visible.places
    )
    groups = [f'<optgroup label="Places">{places}</optgroup>'] if places else []
    for rid in visible.routes:
        segs = "".join(
            f'<option value="{esc(s.id)}">{esc(s.name)}</option>'
            for s in atlas.route_segments(rid)
            if s.id in visible.segments
        )
        groups.append(f'<optgroup label="{esc(atlas.routes[rid].name)}">{segs}</optgroup>')
    shown = [*visible.places.values(), *visible.segments.values()]
    cards = "".join(
        f'<article class="er-ev" id="ev-{esc(s.id)}" hidden>'
        f"{card(atlas, atlas.places.get(s.id) or atlas.segments[s.id], s.quotes, s.risks)}"
        "</article>"
        for s in shown
    )
    return (
        f'<main class="er-side" aria-label="Evidence and filters">'
        f'<h1>Escape routes from North Korea</h1><p class="er-lead">{esc(folium_map.NOTE)}</p>'
        f'<p id="er-count" role="status">Showing {esc(visible.summary(atlas))}.</p>'
        '<details class="er-filter"><summary>Filter by risk <span id="er-chosen"></span>'
        "</summary>"
        f'<fieldset class="er-risks"><legend>Show routes and places with these risks</legend>'
        f"{boxes}</fieldset>"
        f'<fieldset class="er-modes"><legend>A route or place needs</legend>{modes}</fieldset>'
        '<button type="button" id="er-clear">Show everything</button></details>'
        '<h2 id="er-ev-h">Evidence</h2>'
        '<label for="er-pick">Choose a place or a route segment, or click one on the map:</label>'
        f'<select id="er-pick"><option value="">—</option>{"".join(groups)}</select>'
        '<div aria-live="polite" aria-labelledby="er-ev-h">'
        '<p id="er-hint" class="er-hint">Every passage behind the chosen place or route segment '
        "appears here, with who says it and where.</p>"
        f"{cards}</div></main>"
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
    onefile.add_head(
        m,
        f"<title>{esc('Escape Routes — ' + folium_map.NOTE)}</title>"
        f"<style>{CSS}{PANEL_CSS}</style>",
    )
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
