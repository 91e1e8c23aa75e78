"""Page pieces below and beside the map: evidence panel, matrix, text alternative."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st
from markupsafe import Markup

from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas
from escape_routes.explore.filters import Filter
from escape_routes.explore.scoping import risk_matrix, shared_matrix
from escape_routes.explore.visible import Visible
from escape_routes.html.render import card_view, quote_view
from escape_routes.html.templates import render
from escape_routes.ui import keys as K
from escape_routes.ui.frame import md

RISK_COL = "risk:"  # the matrix's risk columns are named by risk id, never by label


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
    shown = visible.places.get(selected or "") or visible.segments.get(selected or "")
    if shown is None:
        st.info("Click a place or a route on the map to see what happens there and who says so.")
        return
    item = atlas.places.get(shown.id) or atlas.segments[shown.id]
    view = card_view(atlas, item, shown.quotes, shown.risks, about=True, level=2)
    st.html(render("panel/evidence.html", card=view))


def matrix_key(visible: Visible) -> str:
    """The table's widget key, which changes with the rows it shows.

    A selection belongs to the table it was made in: when a filter changes the rows, the new
    table starts with no selection, so a row number never points at another route (or past
    the end).
    """
    digest = hashlib.sha1("\n".join(visible.routes).encode()).hexdigest()[:12]
    return f"{K.MATRIX}-{digest}"


def _selection(visible: Visible) -> tuple[list[tuple[int, str]], list[int]]:
    """The selected cells and rows of the table now shown, only those that exist."""
    sel = (st.session_state.get(matrix_key(visible)) or {}).get("selection") or {}
    n = len(visible.routes)
    cells = [
        (c[0], str(c[1]))
        for c in sel.get("cells") or []
        if isinstance(c, (list, tuple)) and len(c) == 2 and isinstance(c[0], int) and 0 <= c[0] < n
    ]
    rows = [r for r in sel.get("rows") or [] if isinstance(r, int) and 0 <= r < n]
    return cells, rows


def matrix_choice(visible: Visible) -> str | None:
    """The route whose row or cell is selected in the matrix (read before the map is drawn)."""
    cells, rows = _selection(visible)
    picked = [c[0] for c in cells] + rows
    return visible.routes[picked[0]] if picked else None


@lru_cache(maxsize=64)
def _arrow_table(rows: tuple[tuple[tuple[str, Any], ...], ...]) -> pa.Table:
    """The table's rows as Arrow, built once per process for each set of rows: Streamlit sends
    Arrow, and converting a pandas frame was the costliest step of a map page's run when a class
    connects at once (bench/RESULTS.md, 5b). Arrow tables are immutable, so sharing is safe."""
    return pa.Table.from_pylist([dict(r) for r in rows])


def cell(own: list[str], shared: list[str]) -> str:
    """A matrix cell: the route's own passages, and the shared ones apart ("2 (+1 shared)")."""
    return f"{len(own)} (+{len(shared)} shared)" if shared else str(len(own))


def matrix(atlas: Atlas, visible: Visible, f: Filter) -> str | None:
    """Routes x risks: passages per cell; a cell shows its passages, a row selects the route.

    Returns
    -------
    str or None
        The route whose row or cell was chosen, to show on the map.
    """
    if not visible.routes:
        st.write("No route matches the filters.")
        return None
    table = risk_matrix(atlas, visible.routes, f)
    shared = shared_matrix(atlas, visible.routes, f)
    rows = []
    for rid in visible.routes:
        route = atlas.routes[rid]
        row = {
            "route": route.name,
            "km": round(derived(atlas).route_km[rid]),
            "time": route.journey_time.text if route.journey_time else "—",
        }
        row.update(
            {
                RISK_COL + risk_id: cell(table[rid][risk_id], shared[rid][risk_id])
                for risk_id in atlas.risks
            }
        )
        rows.append(row)
    st.caption(
        "Number of passages that tie each risk to each route where it happens: passages of the "
        "route's own segments, and of places no other route passes, each counted only for the "
        "risks that segment or place lists. “+N shared” are passages of places several routes "
        "share (such as northeast China): shown greyed when you open a cell, never counted, "
        "since they may describe another route. A count of passages, not a measure of danger: "
        "the texts rank nothing."
    )
    columns = {
        "route": st.column_config.TextColumn("Route"),
        "km": st.column_config.NumberColumn("Drawn length (km, approx.)"),
        "time": st.column_config.TextColumn("Journey time in the texts"),
    }
    columns.update(
        {
            RISK_COL + r.id: st.column_config.TextColumn(f"{r.cue} {r.label}")
            for r in atlas.risks.values()
        }
    )
    st.dataframe(
        _arrow_table(tuple(tuple(r.items()) for r in rows)),
        hide_index=True,
        key=matrix_key(visible),
        on_select="rerun",
        selection_mode=["single-cell", "single-row"],
        width="stretch",
        column_config=columns,
    )
    cells, chosen_rows = _selection(visible)
    if cells:
        row_i, col = cells[0]
        rid = visible.routes[row_i]
        risk = atlas.risks.get(col.removeprefix(RISK_COL)) if col.startswith(RISK_COL) else None
        if risk is not None:
            qs, more = table[rid][risk.id], shared[rid][risk.id]
            name = atlas.routes[rid].name
            st.markdown(f"**{len(qs)} passage(s): {md(risk.label)} on {md(name)}**")
            st.html(_quotes(atlas, qs))
            if more:
                st.markdown(
                    f"*{len(more)} more from places other routes share (not counted: they may "
                    "be about another route)*"
                )
                st.html(_quotes(atlas, more, shared=True))
        return rid
    if chosen_rows:
        return visible.routes[chosen_rows[0]]
    return None


def _quotes(atlas: Atlas, quote_ids: list[str], shared: bool = False) -> Markup:
    """A table cell's passages (``templates/panel/quotes.html``); ``shared``: greyed."""
    views = [quote_view(atlas, atlas.quotes[q]) for q in quote_ids]
    return render("panel/quotes.html", quotes=views, shared=shared)


def text_alternative(atlas: Atlas, visible: Visible) -> None:
    """The visible routes and places as tables, for screen readers and printing."""
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
