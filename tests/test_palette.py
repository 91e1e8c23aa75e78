"""Route colours: no two routes look alike, to anyone, and none looks like a river.

Thirteen routes cannot all be told apart by colour alone by someone with a colour-vision
deficiency; colour is one cue of several (the line style of a segment's status, the legend,
whose entries show each route on the map, and the labels). What the palette itself promises,
checked here in simulated normal, protan, deutan and tritan vision (tests/colours.py):

- every two routes differ by at least :data:`MIN_DELTA_E` (CIEDE2000) in each vision, except a
  route drawn only dotted (closed, proposed) and one drawn only solid: the pattern tells those
  apart;
- every route differs from the rivers' blue by at least :data:`MIN_FROM_RIVER`;
- every route stands out from the land at least 3:1 (WCAG's contrast for graphics).
"""

from __future__ import annotations

import itertools

import pytest

from escape_routes.map import folium_map, legend
from tests.colours import VISIONS, contrast, delta_e

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


def test_no_two_routes_look_alike(atlas):
    """Every two routes differ in colour in normal and simulated colour-blind vision."""
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
def test_no_route_looks_like_a_river(atlas, vision):
    """No route is river blue."""
    river = folium_map.RIVER_STYLE["color"]
    near = {
        rid: round(delta_e(r.colour, river, vision), 1)
        for rid, r in atlas.routes.items()
        if delta_e(r.colour, river, vision) < MIN_FROM_RIVER[vision]
    }
    assert not near, near


def test_routes_stand_out_from_the_land(atlas):
    """Every route's line has at least 3:1 contrast with the land it is drawn on."""
    weak = {
        rid: round(contrast(r.colour, folium_map.LAND_COLOUR), 2)
        for rid, r in atlas.routes.items()
        if contrast(r.colour, folium_map.LAND_COLOUR) < MIN_CONTRAST_ON_LAND
    }
    assert not weak, weak
