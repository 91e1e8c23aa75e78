"""Risk where it happens: a route counts only its own passages, and shared places stay apart."""

from __future__ import annotations

from escape_routes.explore.filters import Filter
from escape_routes.explore.scoping import evidence, routes_of_places
from tests.conftest import CROSSING, PROPOSAL


def test_shared_place_passages_do_not_count_for_every_route(atlas):
    """The women sold in northeast China are not trafficking on the reader's proposed way out."""
    assert "hiding-region" in routes_of_places(atlas)
    assert len(routes_of_places(atlas)["hiding-region"]) > 1
    proposal = evidence(atlas, PROPOSAL)
    assert proposal.own["sold-as-bride"] == []
    assert proposal.own["prison-camp"] == []  # that happens in North Korea
    assert "q-sold-to-men" not in proposal.own["sold-as-bride"]
    assert "q-sold-to-men" in proposal.shared["sold-as-bride"]


def test_a_place_only_one_route_passes_counts_as_its_own(atlas):
    """The prison camps symbol is on the route that ends in a forced return alone: its passages
    are its own."""
    assert routes_of_places(atlas)["prison-camps-symbol"] == {CROSSING}
    ev = evidence(atlas, CROSSING)
    assert "q-detained-and-camps" in ev.own["prison-camp"]


def test_a_passage_counts_only_for_risks_its_feature_lists(atlas):
    """A passage's other tags do not leak: the feature's own risk list says what happens there."""
    for rid in atlas.routes:
        ev = evidence(atlas, rid)
        for risk, quotes in ev.own.items():
            for q in quotes:
                holders = [s for s in atlas.route_segments(rid) if q in s.quotes] + [
                    atlas.places[p]
                    for s in atlas.route_segments(rid)
                    for p in s.places
                    if q in atlas.places[p].quotes
                ]
                assert any(risk in h.risks for h in holders), (rid, risk, q)
                assert risk in atlas.quotes[q].risks


def test_own_and_shared_never_overlap(atlas):
    """A passage is either the route's own for a risk or shared, not both."""
    for rid in atlas.routes:
        ev = evidence(atlas, rid)
        for risk in atlas.risks:
            assert not set(ev.own[risk]) & set(ev.shared[risk]), (rid, risk)


def test_source_kind_filter_applies(atlas):
    """Without reader comments, the route into hiding keeps fewer passages."""
    kinds = frozenset(atlas.vocab.source_kinds)
    full = evidence(atlas, CROSSING)
    cut = evidence(atlas, CROSSING, Filter(kinds=kinds))
    assert sum(map(len, cut.own.values())) < sum(map(len, full.own.values()))
