"""The map page's routes x risks table: passages per route and risk; a chosen cell or row is the
page's state (``K.MATRIX_CHOICE``), drawn on the map, carried by the link and restored from it."""

from __future__ import annotations

import hashlib
from functools import lru_cache, partial
from typing import Any

import pyarrow as pa
import streamlit as st
from markupsafe import Markup

from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas
from escape_routes.explore.filters import Filter
from escape_routes.explore.scoping import risk_matrix, shared_matrix
from escape_routes.explore.visible import Visible
from escape_routes.html.render import quote_view
from escape_routes.html.templates import render
from escape_routes.ui import keys as K
from escape_routes.ui.frame import md

RISK_COL = "risk:"  # the table's risk columns are named by risk id, never by label
LENGTH_HELP = (
    "The length of the line drawn on the map, in km: schematic, not a path. The texts give no "
    "distances; a curve only joins the places they name."
)

Choice = tuple[str, "str | None"]  # (route, risk) of a chosen cell; (route, None): a row


def table_key(visible: Visible) -> str:
    """The table's widget key, which changes with the rows it shows.

    A selection belongs to the table it was made in: when a filter changes the rows, the new
    table starts from the page's choice (:func:`choice`), so a row number never points at
    another route (or past the end).
    """
    digest = hashlib.sha1("\n".join(visible.routes).encode()).hexdigest()[:12]
    return f"{K.MATRIX}-{digest}"


def choice(atlas: Atlas, visible: Visible) -> Choice | None:
    """The chosen route (and risk, for a cell), if that route is shown now."""
    chosen = st.session_state.get(K.MATRIX_CHOICE)
    if not chosen or chosen[0] not in visible.routes:
        return None
    route, risk = chosen
    return (route, risk if risk in atlas.risks else None)


def _picked(routes: tuple[str, ...], key: str) -> None:
    """The table's selection callback: the cell or row picked becomes the page's choice."""
    sel = (st.session_state.get(key) or {}).get("selection") or {}
    cells = [
        c
        for c in sel.get("cells") or []
        if isinstance(c, (list, tuple)) and len(c) == 2 and c[0] in range(len(routes))
    ]
    rows = [r for r in sel.get("rows") or [] if r in range(len(routes))]
    picked: Choice | None = None
    if cells:
        column = str(cells[0][1])
        risk = column.removeprefix(RISK_COL) if column.startswith(RISK_COL) else None
        picked = (routes[cells[0][0]], risk)
    elif rows:
        picked = (routes[rows[0]], None)
    st.session_state[K.MATRIX_CHOICE] = picked


def _default(visible: Visible, chosen: Choice | None) -> dict | None:
    """The table's first selection: the page's choice (from a link, or from a table shown
    under another filter)."""
    if chosen is None:
        return None
    row = visible.routes.index(chosen[0])
    if chosen[1] is None:
        return {"selection": {"rows": [row], "columns": [], "cells": []}}
    return {"selection": {"rows": [], "columns": [], "cells": [[row, RISK_COL + chosen[1]]]}}


@lru_cache(maxsize=64)
def _arrow_table(rows: tuple[tuple[tuple[str, Any], ...], ...]) -> pa.Table:
    """The table's rows as Arrow, built once per process for each set of rows: Streamlit sends
    Arrow, and converting a pandas frame was the costliest step of a map page's run when a class
    connects at once (bench/RESULTS.md, 5b). Arrow tables are immutable, so sharing is safe."""
    return pa.Table.from_pylist([dict(r) for r in rows])


def cell(own: list[str], shared: list[str]) -> str:
    """A table cell: the route's own passages, and the shared ones apart ("2 (+1 shared)")."""
    return f"{len(own)} (+{len(shared)} shared)" if shared else str(len(own))


def passages(n: int) -> str:
    """ "1 passage", "3 passages"."""
    return f"{n} passage" if n == 1 else f"{n} passages"


def routes_table(atlas: Atlas, visible: Visible, f: Filter) -> Choice | None:
    """Routes x risks: passages per cell; a cell shows its passages, a row selects the route.

    Returns
    -------
    tuple or None
        The chosen (route, risk or None), to show on the map.
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
        "the texts rank nothing. The drawn line's length is schematic, not a path."
    )
    columns = {
        "route": st.column_config.TextColumn("Route", pinned=True),
        "km": st.column_config.NumberColumn(
            "Length of the drawn line (km): schematic, not a path", help=LENGTH_HELP
        ),
        "time": st.column_config.TextColumn("Journey time in the texts"),
    }
    columns.update(
        {
            RISK_COL + r.id: st.column_config.TextColumn(f"{r.cue} {r.label}")
            for r in atlas.risks.values()
        }
    )
    chosen = choice(atlas, visible)
    key = table_key(visible)
    st.dataframe(
        _arrow_table(tuple(tuple(r.items()) for r in rows)),
        hide_index=True,
        key=key,
        on_select=partial(_picked, tuple(visible.routes), key),
        selection_mode=["single-cell", "single-row"],
        selection_default=_default(visible, chosen),
        width="stretch",
        column_config=columns,
    )
    if chosen and chosen[1] is not None:
        rid, risk = chosen[0], atlas.risks[chosen[1]]
        qs, more = table[rid][risk.id], shared[rid][risk.id]
        name = atlas.routes[rid].name
        st.markdown(f"**{passages(len(qs))}: {md(risk.label)} on {md(name)}**")
        st.html(_quotes(atlas, qs))
        if more:
            st.markdown(
                f"*{len(more)} more from places other routes share (not counted: they may "
                "be about another route)*"
            )
            st.html(_quotes(atlas, more, shared=True))
    return chosen


def _quotes(atlas: Atlas, quote_ids: list[str], shared: bool = False) -> Markup:
    """A table cell's passages (``templates/panel/quotes.html``); ``shared``: greyed."""
    views = [quote_view(atlas, atlas.quotes[q]) for q in quote_ids]
    return render("panel/quotes.html", quotes=views, shared=shared)
