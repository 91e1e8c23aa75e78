"""The routes x risks table on the fixture content: its choice is in the link and restored from
it, drawn on the map, and dropped (with a warning) when the link names what does not exist."""

from __future__ import annotations

import pytest

from escape_routes.explore.filters import Filter
from escape_routes.explore.links import parse, to_params
from escape_routes.explore.scoping import risk_matrix
from escape_routes.explore.visible import apply
from escape_routes.ui import keys as K
from escape_routes.ui.routes_table import LENGTH_HELP, passages
from tests.conftest import CROSSING, PROPOSAL
from tests.test_app import _navigation_as_on_a_running_server, app, map_args

__all__ = ["_navigation_as_on_a_running_server"]  # autouse here too: a running server's navigation


@pytest.fixture(autouse=True)
def _fixture_content(fixture_app):
    """Every test here runs the app on the fixture content."""


def a_counted_risk(atlas) -> str:
    """A risk the crossing route's own passages carry."""
    return next(r for r, qs in risk_matrix(atlas, [CROSSING])[CROSSING].items() if qs)


def test_table_choice_round_trips_through_a_link(atlas):
    risk = a_counted_risk(atlas)
    for table in [(CROSSING, risk), (PROPOSAL, None)]:
        params = to_params(Filter(), table=table)
        assert params["table"] == ",".join(p for p in table if p)
        state = parse(params, atlas)
        assert state.table == table and not state.warnings


def test_bad_table_parameters_warn(atlas):
    state = parse({"table": "no-such-route"}, atlas)
    assert state.table is None and "no route 'no-such-route'" in state.warnings[0]
    state = parse({"table": f"{CROSSING},no-such-risk"}, atlas)
    assert state.table == (CROSSING, None) and "no risk 'no-such-risk'" in state.warnings[0]


def test_a_link_opens_the_table_on_its_cell_and_the_map_fits_its_route(atlas):
    """``?table=route,risk`` opens the table with that cell chosen: its passages are listed, the
    map is handed the route's bounds to fit, and the link keeps the cell."""
    risk = a_counted_risk(atlas)
    at = app()
    at.query_params["table"] = f"{CROSSING},{risk}"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.toggle(key=K.MATRIX_OPEN).value
    n = len(risk_matrix(atlas, [CROSSING])[CROSSING][risk])
    heading = f"{passages(n)}: {atlas.risks[risk].label} on {atlas.routes[CROSSING].name}"
    assert any(heading in m.value.replace("\\", "") for m in at.markdown)
    assert '"focus": [[' in map_args(at)["feature_group"]
    assert at.query_params["table"] == f"{CROSSING},{risk}"
    table = at.dataframe[0].proto
    assert f'"cells": [[0, "risk:{risk}"]]' in table.selection_default  # drawn chosen
    assert LENGTH_HELP in table.columns


def test_closing_the_table_drops_it_from_the_link(atlas):
    at = app()
    at.query_params["table"] = PROPOSAL
    at.run()
    assert at.query_params["table"] == PROPOSAL
    at.toggle(key=K.MATRIX_OPEN).set_value(False).run()
    assert "table" not in at.query_params


def test_a_filter_hiding_the_chosen_route_hides_the_choice(atlas):
    """A risk only the crossing carries hides the proposal (reader comments, no risk of its
    own): its row leaves the table, the map focuses nothing, no error."""
    only = Filter(risks=frozenset({a_counted_risk(atlas)}))
    assert PROPOSAL not in apply(atlas, only).routes
    at = app()
    at.query_params.update({"table": PROPOSAL, "risks": ",".join(only.risks)})
    at.run()
    assert not at.exception
    assert '"focus": null' in map_args(at)["feature_group"]
    assert all("Show only" not in b.label for b in at.button)
    assert at.query_params["table"] == PROPOSAL  # kept: it shows again when the filter allows
