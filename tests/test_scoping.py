"""Risk where it happens: a route counts only its own passages, and shared places stay apart."""

from __future__ import annotations

from escape_routes.explore.filters import Filter
from escape_routes.explore.scoping import evidence, routes_of_places


def test_shared_place_passages_do_not_count_for_every_route(atlas):
    """The woman sold in northeast China is not sexual exploitation on the way to Vietnam."""
    assert "northeast-china" in routes_of_places(atlas)
    assert len(routes_of_places(atlas)["northeast-china"]) > 1
    vietnam = evidence(atlas, "vietnam")
    assert vietnam.own["sexual-exploitation"] == []
    assert vietnam.own["punishment-after-return"] == []  # that happens in North Korea
    gobi = evidence(atlas, "mongolia-gobi")
    assert "q-npr-sold-northeast" not in gobi.own["trafficking-forced-marriage"]
    assert "q-npr-sold-northeast" in gobi.shared["trafficking-forced-marriage"]


def test_a_place_only_one_route_passes_counts_as_its_own(atlas):
    """The prison camps symbol is on the forced-return route alone: its passages are its own."""
    assert routes_of_places(atlas)["prison-camps"] == {"forced-repatriation"}
    ev = evidence(atlas, "forced-repatriation")
    assert "q-npr-salmon-kwanliso" in ev.own["punishment-after-return"]


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
    """Without reader comments, the hiding route keeps fewer passages."""
    kinds = frozenset({"news_report", "feature_article", "blog_post", "narrative_feature"})
    full = evidence(atlas, "northeast-china")
    cut = evidence(atlas, "northeast-china", Filter(kinds=kinds))
    assert sum(map(len, cut.own.values())) < sum(map(len, full.own.values()))
