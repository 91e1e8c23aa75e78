"""Page pieces below and beside the map: evidence panel, text alternative (the routes x risks
table: escape_routes/ui/routes_table.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from escape_routes.content.model import Atlas
from escape_routes.explore.visible import Visible
from escape_routes.html.render import card_view
from escape_routes.html.templates import render
from escape_routes.ui.frame import md


@dataclass(frozen=True)
class MapClick:
    """What streamlit-folium reports for a click on a place or segment: its id."""

    id: str

    @classmethod
    def from_return(cls, value: dict[str, Any] | None) -> MapClick | None:
        """Read ``last_active_drawing`` (the clicked GeoJSON feature), or None."""
        drawing = (value or {}).get("last_active_drawing") or {}
        props = drawing.get("properties") if isinstance(drawing, dict) else None
        if isinstance(props, dict) and isinstance(props.get("id"), str):
            return cls(props["id"])
        return None


def evidence_panel(atlas: Atlas, visible: Visible, selected: str | None) -> None:
    """The last clicked item's evidence in large type (popups are small on a projector)."""
    key = selected or ""
    shown = visible.places.get(key) or visible.segments.get(key)
    hidden = None if shown else atlas.places.get(key) or atlas.segments.get(key)
    if hidden is not None:
        st.warning(
            f"“{md(hidden.name)}” is selected, but the map's filters hide it now. Clear the "
            "filters in the sidebar to see it, or click a place or a route on the map.",
            icon="🔍",
        )
        return
    if shown is None:
        st.info("Click a place or a route on the map to see what happens there and who says so.")
        return
    item = atlas.places.get(shown.id) or atlas.segments[shown.id]
    view = card_view(atlas, item, shown.quotes, shown.risks, about=True, level=2)
    st.html(render("panel/evidence.html", card=view))


def text_alternative(atlas: Atlas, visible: Visible) -> None:
    """The visible routes and places as tables, for screen readers and printing. pandas (with
    pyarrow about 70 MB) is imported here, when the tables are first shown, not with the page."""
    import pandas as pd

    label = atlas.vocab.label
    seg_rows = [
        {
            "Route": atlas.routes[s.route].name,
            "Segment": s.name,
            "Status": label("statuses", s.status),
            "Means": label("means", s.means),
            "Happened": f"{s.happened.start}–{s.happened.end}" if s.happened else "not dated",
            "Reported": ", ".join(str(y) for y in s.reported),
            "Risks": ", ".join(atlas.risks[r].label for r in shown.risks),
            "Quotes": " | ".join(atlas.quotes[q].text for q in shown.quotes),
        }
        for sid, shown in visible.segments.items()
        for s in [atlas.segments[sid]]
    ]
    place_rows = [
        {
            "Place": p.name,
            "Country": p.country,
            "Location": label("precisions", p.precision),
            "Risks": ", ".join(atlas.risks[r].label for r in shown.risks),
            "Quotes": " | ".join(atlas.quotes[q].text for q in shown.quotes),
        }
        for pid, shown in visible.places.items()
        for p in [atlas.places[pid]]
    ]
    st.dataframe(pd.DataFrame(seg_rows), hide_index=True, width="stretch")
    st.dataframe(pd.DataFrame(place_rows), hide_index=True, width="stretch")
