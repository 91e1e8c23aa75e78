"""The arc that draws a leg of unknown means, and the line every consumer draws."""

from __future__ import annotations

import math

import pytest

from escape_routes.content.geometry import ARC_POINTS, arc, drawn_line, is_arc
from tests.conftest import CROSSING


def merc(lat: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def test_arc_starts_and_ends_exactly_at_the_endpoints():
    """The arc joins the two places themselves, not points near them."""
    a, b = (116.3972, 39.9075), (126.9784, 37.566)
    line = arc(a, b, -0.12)
    assert line[0] == a and line[-1] == b and len(line) == ARC_POINTS


def test_zero_bend_is_the_straight_line_in_mercator():
    """With no bend every point lies on the chord (as Leaflet draws it)."""
    a, b = (100.0, 10.0), (120.0, 40.0)
    for lon, lat in arc(a, b, 0.0):
        t = (lon - a[0]) / (b[0] - a[0])
        assert merc(lat) == pytest.approx(merc(a[1]) + t * (merc(b[1]) - merc(a[1])), abs=1e-3)


@pytest.mark.parametrize(("bend", "side"), [(0.3, 1), (-0.3, -1)])
def test_bend_sign_picks_the_side(bend, side):
    """Travelling east, a positive bend bulges north (left), a negative one south (right)."""
    line = arc((100.0, 30.0), (120.0, 30.0), bend)
    mid = line[len(line) // 2]
    assert (mid[1] - 30.0) * side > 0
    # the bulge is the bend times the chord length, in Mercator degrees
    assert abs(merc(mid[1]) - merc(30.0)) == pytest.approx(abs(bend) * 20.0, rel=0.02)


def test_drawn_line_keeps_ground_legs_and_bends_the_rest(atlas):
    """Ground legs keep their coordinates; unstated and air legs become their arcs."""
    ground = atlas.segments[f"{CROSSING}-1"]  # across the river, the way the text says
    assert not is_arc(ground) and drawn_line(ground) == tuple(tuple(c) for c in ground.coords)
    leg = atlas.segments[f"{CROSSING}-2"]  # into hiding: no text says how
    assert is_arc(leg) and len(leg.coords) == 2
    line = drawn_line(leg)
    assert line == arc(leg.coords[0], leg.coords[-1], leg.bend)
    assert len(line) == ARC_POINTS


def test_default_bend_when_none_is_given(atlas):
    """An arc leg without a bend still curves (it is never drawn straight)."""
    leg = atlas.segments[f"{CROSSING}-2"].model_copy(update={"bend": None})
    line = drawn_line(leg)
    a, b, mid = line[0], line[-1], line[len(line) // 2]
    assert mid != ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
