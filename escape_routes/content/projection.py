"""Web Mercator: the one projection every map of ours is drawn in.

The live map (Leaflet's EPSG:3857), the tour's presenter view, the handout's SVG maps and the
arcs of legs no text gives a path for all use these functions. A Mercator ``y`` is measured in
the units of a longitude degree (``mercator_y(0) == 0``; a degree east and a unit of ``y`` north
are the same length on the screen), and at a zoom level a degree is :func:`px_per_degree` pixels
(a world of 256 pixels at zoom 0, as on a tiled map).
"""

from __future__ import annotations

import math

import numpy as np

TILE_PX = 256


def mercator_y(lat: float) -> float:
    """Web Mercator y of a latitude, in the units of a longitude degree."""
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def mercator_lat(y: float) -> float:
    """The latitude of a Web Mercator y (the inverse of :func:`mercator_y`)."""
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


def mercator_ys(lats: np.ndarray) -> np.ndarray:
    """:func:`mercator_y` of every latitude in an array."""
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lats) / 2)))


def px_per_degree(zoom: float) -> float:
    """Screen pixels per longitude degree (and per unit of Mercator y) at a zoom level."""
    return TILE_PX * 2**zoom / 360


def zoom_to_fit(span: float, px: float) -> float:
    """The (fractional) zoom at which ``span`` degrees (or units of y) take ``px`` pixels."""
    return math.log2(px / (span * px_per_degree(0)))
