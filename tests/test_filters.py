"""Filters on the fixture content: any/all, routes, status, years, source kind; the matrix.

The fixture (tests/fixtures/) has two routes: CROSSING (across the Yalu in 2006, into hiding in
northeast China, sent back to the camps) and PROPOSAL (a reader's proposal, reader comments
only). Both pass the hiding place; the camps are on CROSSING alone.
"""

from __future__ import annotations

from escape_routes.content.derived import derived
from escape_routes.content.model import evidence_kind
from escape_routes.explore.filters import Filter
from escape_routes.explore.scoping import evidence, risk_matrix, shared_matrix
from escape_routes.explore.visible import apply
from tests.conftest import CROSSING, PROPOSAL


def route_risks(atlas, rid):
    """Risks the route's own passages carry where they happen (its segments, its own places)."""
    return evidence(atlas, rid).own_risks()


def test_no_filter_shows_everything(atlas):
    """With no filter every route and place is visible."""
    v = apply(atlas, Filter())
    assert v.routes == list(atlas.routes)
    assert set(v.places) == set(atlas.places)
    assert (
        v.summary(atlas) == f"{len(atlas.routes)} of {len(atlas.routes)} routes, "
        f"{len(atlas.places)} of {len(atlas.places)} places"
    )


def test_any_keeps_routes_with_the_risk_and_drops_the_rest(atlas):
    """Match any: a route is shown exactly when its evidence carries one of the risks."""
    for risk in atlas.risks:
        v = apply(atlas, Filter(risks=frozenset({risk})))
        expected = [r for r in atlas.routes if risk in route_risks(atlas, r)]
        assert v.routes == expected, risk
    some = apply(atlas, Filter(risks=frozenset({"sold-as-bride"})))
    assert 0 < len(some.routes) < len(atlas.routes)


def test_all_is_stricter_than_any(atlas):
    """Match all of two risks keeps only routes carrying both; any keeps either."""
    pair = frozenset({"sent-back", "sold-as-bride"})
    v_any = apply(atlas, Filter(risks=pair, mode="any"))
    v_all = apply(atlas, Filter(risks=pair, mode="all"))
    assert set(v_all.routes) <= set(v_any.routes)
    assert all(pair <= route_risks(atlas, r) for r in v_all.routes)
    for pid, shown in v_all.places.items():
        assert pair <= set(shown.risks), pid


def test_status_filter(atlas):
    """Only segments of the chosen status are shown."""
    v = apply(atlas, Filter(statuses=frozenset({"repatriation"})))
    assert v.segments and all(atlas.segments[s].status == "repatriation" for s in v.segments)
    assert CROSSING in v.routes


def test_route_filter_limits_places_to_the_route(atlas):
    """Choosing a route shows it alone, with the places it passes."""
    v = apply(atlas, Filter(routes=frozenset({CROSSING})))
    assert v.routes == [CROSSING]
    on_route = {p for s in atlas.route_segments(CROSSING) for p in s.places}
    assert set(v.places) <= on_route and v.places


def test_period_filter(atlas):
    """By reported years: a leg shows when one of its texts is of those years, no more."""
    v = apply(atlas, Filter(period=(2005, 2005)))
    for sid in v.segments:
        assert 2005 in atlas.segments[sid].reported
    assert len(v.segments) < len(atlas.segments)
    # NPR reported Kim's crossing in 2023: a 2023 filter shows it (an event of 2006)
    assert CROSSING in apply(atlas, Filter(period=(2023, 2023))).routes
    # reported in 2005 and 2023 is not "reported in 2010"
    v = apply(atlas, Filter(period=(2010, 2010)))
    assert not v.segments


def test_happened_filter(atlas):
    """By happened years: only what a text dates, in those years."""
    v = apply(atlas, Filter(period=(2006, 2006), dates="happened"))
    assert set(v.segments) == {f"{CROSSING}-1"}
    v = apply(atlas, Filter(period=(2003, 2010), dates="happened"))
    for sid in v.segments:
        h = atlas.segments[sid].happened
        assert h is not None and h.start <= 2010 and h.end >= 2003
    assert {f"{CROSSING}-1"} <= set(v.segments)
    assert f"{CROSSING}-2" not in v.segments, "going into hiding is undated"
    assert v.places
    assert all(atlas.places[p].happened for p in v.places)


def test_hiding_reader_comments(atlas):
    """Without reader comments, the proposed route (only reader comments) disappears."""
    kinds = frozenset(atlas.vocab.source_kinds)
    v = apply(atlas, Filter(kinds=kinds))
    assert PROPOSAL not in v.routes
    for shown in [*v.segments.values(), *v.places.values()]:
        assert all(evidence_kind(atlas, atlas.quotes[q]) != "reader_comment" for q in shown.quotes)


def test_matrix_counts_passages(atlas):
    """Each cell lists the passages tagged with that risk among the route's evidence."""
    table = risk_matrix(atlas, atlas.routes)
    for row in table.values():
        for risk, quotes in row.items():
            assert all(risk in atlas.quotes[q].risks for q in quotes)
    assert table[CROSSING]["sold-as-bride"]


def test_risk_filter_counts_only_where_it_happens(atlas):
    """A risk told of a shared place (northeast China) keeps no route that only starts there."""
    shown = apply(atlas, Filter(risks=frozenset({"sold-as-bride"}))).routes
    assert PROPOSAL not in shown
    assert CROSSING in shown
    shared = shared_matrix(atlas, [PROPOSAL])[PROPOSAL]
    assert shared["sold-as-bride"]
    assert not risk_matrix(atlas, [PROPOSAL])[PROPOSAL]["sold-as-bride"]


def test_route_lengths_are_plausible(atlas):
    """Drawn lengths are positive, and the one-leg proposal is shorter than the three legs from
    the Yalu to the camps."""
    km = derived(atlas).route_km
    assert 0 < km[PROPOSAL] < km[CROSSING]
