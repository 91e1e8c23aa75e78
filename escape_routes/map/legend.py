"""The map's legend: line styles first, one button per route (a click fits the map to it), the
risk cues folded (template ``html/templates/map/legend.html``)."""

from __future__ import annotations

from markupsafe import Markup

from escape_routes.content.model import Atlas
from escape_routes.html.templates import render


def status_dash(atlas: Atlas, status: str) -> str | None:
    """The dash pattern of a segment's line (its status's, in the vocabulary); None is solid."""
    term = atlas.vocab.statuses.get(status)
    return term.dash if term else None


def main_status(atlas: Atlas, route_id: str) -> str | None:
    """The status most of a route's legs have (a tie: the first leg's)."""
    statuses = [s.status for s in atlas.route_segments(route_id)]
    return max(statuses, key=statuses.count) if statuses else None


def legend_html(atlas: Atlas, open_: bool = True) -> Markup:
    """The legend's HTML (its route buttons are wired up by js/mapui.js)."""
    routes = []
    for rid, route in atlas.routes.items():
        status = main_status(atlas, rid)
        dash = status_dash(atlas, status) if status else None
        routes.append({"id": rid, "name": route.name, "colour": route.colour, "dash": dash or ""})
    styles = [{"label": t.label, "dash": t.dash or ""} for t in atlas.vocab.statuses.values()]
    risks = [{"cue": r.cue, "label": r.label, "colour": r.colour} for r in atlas.risks.values()]
    return render("map/legend.html", open=open_, routes=routes, styles=styles, risks=risks)
