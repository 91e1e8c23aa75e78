"""Facts about the shipped content (``content/``, ``geodata/``), in one place.

Every other code test runs on the fixture content (``tests/fixtures/``), so a teacher who edits
the content breaks nothing there. The facts below are about the content itself: that it passes
every rule, that its quotes are verbatim in the supplied texts, and decisions worth pinning
(which passages count for which route, the tour's step on forced returns, a palette no one
confuses). A teacher who changes one of these on purpose updates it here.
"""

from __future__ import annotations

import itertools

import pytest

from escape_routes.content.textnorm import fold
from escape_routes.explore.filters import Filter
from escape_routes.explore.scoping import evidence, risk_matrix, routes_of_places, shared_matrix
from escape_routes.explore.tour_steps import presenter_view
from escape_routes.explore.visible import apply
from escape_routes.map import folium_map, legend
from tests.colours import VISIONS, contrast, delta_e
from tests.test_tour import assert_steps_fit_the_presenter_map

# --- valid, verbatim, and what there is --------------------------------------------------------


def test_real_content_is_valid(real_atlas):
    """Every rule holds on the shipped content, and there is something to check."""
    atlas = real_atlas
    assert [str(p) for p in atlas.problems] == []
    assert atlas.notes == () or atlas.notes[0].startswith("verbatim check skipped")
    assert len(atlas.quotes) >= 60
    assert len(atlas.sources) == 5
    assert len(atlas.routes) == 13
    assert atlas.places and atlas.segments and atlas.risks and atlas.figures


def test_every_quote_is_verbatim_in_its_source(real_atlas, sources_dir):
    """Rule 1, stated directly: each quote, folded, occurs in its folded source text."""
    for q in real_atlas.quotes.values():
        src = real_atlas.sources[q.source]
        assert fold(q.text) in fold((sources_dir / src.file).read_text(encoding="utf-8")), q.id


def test_reader_comments_are_marked(real_atlas):
    """Rule 6: reader comments come only from the blog with comments, and carry a date."""
    comments = [q for q in real_atlas.quotes.values() if q.kind == "reader_comment"]
    assert comments, "the texts' reader comments (bounty, Russia route) should be used"
    assert all(q.comment_date and q.source == "martyn-2005" for q in comments)


# --- risk where it happens ---------------------------------------------------------------------


def test_shared_place_passages_do_not_count_for_every_route(real_atlas):
    """The woman sold in northeast China is not sexual exploitation on the way to Vietnam."""
    atlas = real_atlas
    assert len(routes_of_places(atlas)["northeast-china"]) > 1
    vietnam = evidence(atlas, "vietnam")
    assert vietnam.own["sexual-exploitation"] == []
    assert vietnam.own["punishment-after-return"] == []  # that happens in North Korea
    gobi = evidence(atlas, "mongolia-gobi")
    assert "q-npr-sold-northeast" not in gobi.own["trafficking-forced-marriage"]
    assert "q-npr-sold-northeast" in gobi.shared["trafficking-forced-marriage"]
    shown = apply(atlas, Filter(risks=frozenset({"sexual-exploitation"}))).routes
    assert "vietnam" not in shown and "russian-far-east" not in shown
    assert "northeast-china" in shown
    assert shared_matrix(atlas, ["mongolia-gobi"])["mongolia-gobi"]["trafficking-forced-marriage"]
    assert not risk_matrix(atlas, ["mongolia-gobi"])["mongolia-gobi"]["trafficking-forced-marriage"]


def test_the_prison_camps_count_for_the_forced_return(real_atlas):
    """The prison camps symbol is on the forced-return route alone: its passages are its own."""
    assert routes_of_places(real_atlas)["prison-camps"] == {"forced-repatriation"}
    ev = evidence(real_atlas, "forced-repatriation")
    assert "q-npr-salmon-kwanliso" in ev.own["punishment-after-return"]


def test_the_russian_route_rests_on_reader_comments_alone(real_atlas):
    """Without reader comments, the proposed Russian route (only reader comments) disappears."""
    v = apply(real_atlas, Filter(kinds=frozenset(real_atlas.vocab.source_kinds)))
    assert "russian-far-east" not in v.routes and "russian-far-east" in real_atlas.routes


# --- the tour ------------------------------------------------------------------------------------


def test_every_step_shows_its_places_inside_the_presenter_map(real_atlas):
    """Each place of each step of the shipped tour fits the presenter map."""
    assert_steps_fit_the_presenter_map(real_atlas)


def test_the_forced_return_step_is_centred_between_its_places_not_on_the_wide_view(real_atlas):
    """Step 6 was centred on the Yellow Sea for the wide map, which put the return at the
    narrow map's very edge: the presenter view moves east, towards the places."""
    step = next(s for s in real_atlas.tour if s.id == "what-returns-mean")
    (lat, lon), zoom = presenter_view(real_atlas, step)
    assert lon > step.view.center[1] and zoom <= step.view.zoom


# --- route colours -------------------------------------------------------------------------------
# Thirteen routes cannot all be told apart by colour alone by someone with a colour-vision
# deficiency; colour is one cue of several (the line style of a segment's status, the legend,
# whose entries show each route on the map, and the labels). What the palette itself promises,
# checked in simulated normal, protan, deutan and tritan vision (tests/colours.py):
# - every two routes differ by at least MIN_DELTA_E (CIEDE2000) in each vision, except a route
#   drawn only dotted (closed, proposed) and one drawn only solid: the pattern tells those apart;
# - every route differs from the rivers' blue by at least MIN_FROM_RIVER;
# - every route stands out from the land at least 3:1 (WCAG's contrast for graphics).

MIN_DELTA_E = {"normal": 16.0, "protan": 8.0, "deutan": 8.0, "tritan": 5.5}
MIN_FROM_RIVER = {"normal": 20.0, "protan": 10.0, "deutan": 10.0, "tritan": 5.5}
MIN_CONTRAST_ON_LAND = 3.0


def _styles(atlas, rid: str) -> set[str | None]:
    return {legend.status_dash(atlas, s.status) for s in atlas.route_segments(rid)}


def _dotted(dash: str | None) -> bool:
    """A pattern of short dots with long gaps (closed, proposed), not a dash."""
    if not dash:
        return False
    on, off = (float(x) for x in dash.split()[:2])
    return off >= 3 * on


def told_apart_by_pattern(atlas, a: str, b: str) -> bool:
    """One route drawn only solid, the other only dotted."""
    sa, sb = _styles(atlas, a), _styles(atlas, b)
    return (sa == {None} and len(sb) == 1 and _dotted(next(iter(sb)))) or (
        sb == {None} and len(sa) == 1 and _dotted(next(iter(sa)))
    )


def test_no_two_routes_look_alike(real_atlas):
    """Every two routes differ in colour in normal and simulated colour-blind vision."""
    atlas = real_atlas
    close = []
    for a, b in itertools.combinations(atlas.routes, 2):
        if told_apart_by_pattern(atlas, a, b):
            continue
        ca, cb = atlas.routes[a].colour, atlas.routes[b].colour
        for vision in VISIONS:
            d = delta_e(ca, cb, vision)
            if d < MIN_DELTA_E[vision]:
                close.append(f"{a} {ca} ~ {b} {cb}: {d:.1f} in {vision} vision")
    assert not close, "\n".join(close)


@pytest.mark.parametrize("vision", VISIONS)
def test_no_route_looks_like_a_river(real_atlas, vision):
    """No route is river blue."""
    river = folium_map.RIVER_STYLE["color"]
    near = {
        rid: round(delta_e(r.colour, river, vision), 1)
        for rid, r in real_atlas.routes.items()
        if delta_e(r.colour, river, vision) < MIN_FROM_RIVER[vision]
    }
    assert not near, near


def test_routes_stand_out_from_the_land(real_atlas):
    """Every route's line has at least 3:1 contrast with the land it is drawn on."""
    weak = {
        rid: round(contrast(r.colour, folium_map.LAND_COLOUR), 2)
        for rid, r in real_atlas.routes.items()
        if contrast(r.colour, folium_map.LAND_COLOUR) < MIN_CONTRAST_ON_LAND
    }
    assert not weak, weak
