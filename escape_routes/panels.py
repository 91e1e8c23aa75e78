"""Page pieces below and beside the map: evidence panel, matrix, text alternative."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from escape_routes.content import Atlas
from escape_routes.filters import Filter, Visible, risk_matrix, route_length_km
from escape_routes.model import STATUS_LABELS
from escape_routes.render import CSS, card, quote_block


@dataclass(frozen=True)
class MapClick:
    """What streamlit-folium reports for a click on a place or segment: its id and kind."""

    id: str
    kind: str

    @classmethod
    def from_return(cls, value: dict[str, Any] | None) -> MapClick | None:
        """Read ``last_active_drawing`` (the clicked GeoJSON feature), or None."""
        drawing = (value or {}).get("last_active_drawing") or {}
        props = drawing.get("properties") if isinstance(drawing, dict) else None
        if isinstance(props, dict) and isinstance(props.get("id"), str):
            return cls(props["id"], str(props.get("kind", "")))
        return None


def evidence_panel(atlas: Atlas, visible: Visible, selected: str | None) -> None:
    """The last clicked item's evidence in large type (popups are small on a projector)."""
    shown = visible.places.get(selected or "") or visible.segments.get(selected or "")
    if shown is None:
        st.info("Click a place or a route on the map to see what happens there and who says so.")
        return
    item = atlas.places.get(shown.id) or atlas.segments[shown.id]
    st.html(
        f"<style>{CSS} .er-panel .er-card{{font-size:1.12rem}}</style>"
        f'<div class="er-panel">{card(atlas, item, shown.quotes, shown.risks)}</div>'
    )


def matrix(atlas: Atlas, visible: Visible, f: Filter) -> str | None:
    """Routes x risks: passages per cell; a cell shows its passages, a row selects the route.

    Returns
    -------
    str or None
        The route whose row or cell was chosen, to show on the map.
    """
    table = risk_matrix(atlas, visible.routes, f)
    risks = list(atlas.risks.values())
    rows = []
    for rid in visible.routes:
        route = atlas.routes[rid]
        row = {
            "Route": route.name,
            "Drawn length (km, approx.)": round(route_length_km(atlas, rid)),
        }
        row["Journey time in the texts"] = route.journey_time.text if route.journey_time else "—"
        row.update({f"{r.cue} {r.label}": len(table[rid][r.id]) for r in risks})
        rows.append(row)
    if not rows:
        st.write("No route matches the filters.")
        return None
    st.caption(
        "Number of passages that tie each risk to each route (its segments and the places it "
        "passes). A count of passages, not a measure of danger: the texts rank nothing."
    )
    event = st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        key="matrix",
        on_select="rerun",
        selection_mode=["single-cell", "single-row"],
        width="stretch",
    )
    sel = event.selection if event else None
    cells = list(getattr(sel, "cells", []) or [])
    chosen_rows = list(getattr(sel, "rows", []) or [])
    if cells:
        row_i, col = cells[0]
        rid = visible.routes[row_i]
        risk = next((r for r in risks if f"{r.cue} {r.label}" == col), None)
        if risk is not None:
            qs = table[rid][risk.id]
            st.markdown(f"**{len(qs)} passage(s): {risk.label} on {atlas.routes[rid].name}**")
            st.html(
                f"<style>{CSS}</style>" + "".join(quote_block(atlas, atlas.quotes[q]) for q in qs)
            )
        return rid
    if chosen_rows:
        return visible.routes[chosen_rows[0]]
    return None


def matrix_choice(visible: Visible) -> str | None:
    """The route whose row or cell is selected in the matrix (read before the map is drawn)."""
    sel = (st.session_state.get("matrix") or {}).get("selection") or {}
    rows = [c[0] for c in sel.get("cells") or []] + list(sel.get("rows") or [])
    if rows and isinstance(rows[0], int) and 0 <= rows[0] < len(visible.routes):
        return visible.routes[rows[0]]
    return None


def text_alternative(atlas: Atlas, visible: Visible) -> None:
    """The visible routes and places as tables, for screen readers and printing."""
    seg_rows = [
        {
            "Route": atlas.routes[s.route].name,
            "Segment": s.name,
            "Status": STATUS_LABELS[s.status],
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
            "Location": p.precision,
            "Risks": ", ".join(atlas.risks[r].label for r in shown.risks),
            "Quotes": " | ".join(atlas.quotes[q].text for q in shown.quotes),
        }
        for pid, shown in visible.places.items()
        for p in [atlas.places[pid]]
    ]
    st.dataframe(pd.DataFrame(seg_rows), hide_index=True, width="stretch")
    st.dataframe(pd.DataFrame(place_rows), hide_index=True, width="stretch")
