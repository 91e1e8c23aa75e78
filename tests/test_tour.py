"""The presenter map's view: the step's places in the narrow map, never closer than the step."""

from __future__ import annotations

import math

from escape_routes.content.model import Atlas
from escape_routes.explore.tour_steps import PRESENTER_MAP_PX, presenter_view


def project(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixels at a zoom (256 px a world at zoom 0)."""
    scale = 256 * 2**zoom
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return (lon + 180) / 360 * scale, (1 - y / math.pi) / 2 * scale


def assert_steps_fit_the_presenter_map(atlas: Atlas) -> None:
    """Each place of each step lies inside the presenter map (a 460 x 540 px column) with a
    margin for its name, at a zoom no closer than the step's own."""
    w, h = PRESENTER_MAP_PX
    for step in atlas.tour:
        (lat, lon), zoom = presenter_view(atlas, step)
        assert 3 <= zoom <= step.view.zoom, step.id
        cx, cy = project(lat, lon, zoom)
        for pid in step.places:
            p = atlas.places[pid]
            x, y = project(p.lat, p.lon, zoom)
            assert abs(x - cx) <= 0.36 * w and abs(y - cy) <= 0.36 * h, (step.id, pid)


def test_every_step_shows_its_places_inside_the_presenter_map(atlas):
    """Each place of each step lies inside the presenter map (a 460 x 540 px column) with a
    margin for its name, at a zoom no closer than the step's own."""
    assert atlas.tour and all(step.places for step in atlas.tour)
    assert_steps_fit_the_presenter_map(atlas)
