"""One map from a spec: :func:`build_map` (atlas, :class:`~escape_routes.map.spec.MapSpec`) ->
the base map and its layers, depending on nothing else."""

from __future__ import annotations

from dataclasses import dataclass

import folium

from escape_routes.content.model import Atlas
from escape_routes.explore import tour_steps
from escape_routes.explore.visible import Visible, apply
from escape_routes.map.controls import Raw
from escape_routes.map.folium_map import base_map, route_bounds
from escape_routes.map.layers import POPUP_QUOTES, layers
from escape_routes.map.spec import MapSpec, fingerprint
from escape_routes.map.state import state_data, state_group


@dataclass(frozen=True)
class MapParts:
    """A map in two parts: ``base`` (the same whatever the filter) and ``groups`` (what the
    filter or the step shows), which the app swaps without reloading the base."""

    base: folium.Map
    groups: tuple[folium.FeatureGroup, ...]


def visible_for(atlas: Atlas, spec: MapSpec) -> Visible:
    """What the map shows: a tour step's routes and places, or what the filter leaves."""
    if spec.step is not None:
        return tour_steps.visible(atlas, atlas.tour[spec.step - 1])
    return apply(atlas, spec.filter)


def build_map(atlas: Atlas, spec: MapSpec) -> MapParts:
    """The map ``spec`` describes, from ``atlas``.

    Raises
    ------
    ValueError
        If ``spec`` names other content than ``atlas`` (its fingerprint), or a tour step the
        atlas does not have.
    """
    if spec.content != fingerprint(atlas):
        raise ValueError("the map spec names other content than the atlas it is built from")
    if spec.step is not None and not 1 <= spec.step <= len(atlas.tour):
        raise ValueError(f"the tour has no step {spec.step}")
    # Without a first view the map page's map opens on Korea and northeast China, fitted beside
    # the legend; a tour map is moved to its step's view by the page (st_map's center and zoom).
    view = {"center": spec.center, "zoom": spec.zoom} if spec.center else {"home": not spec.step}
    base = base_map(
        atlas,
        **view,  # type: ignore[arg-type]
        keyboard=spec.keyboard,
        online_tiles=spec.online_tiles,
        basemap_urls=dict(spec.basemap_urls) or None,
        note=False,
        legend_open=spec.legend_open,
        label_px=spec.label_px,
        fill=spec.fill,
    )
    if spec.style:
        base.get_root().header.add_child(Raw(spec.style), name="er_map_style")
    visible = visible_for(atlas, spec)
    named_first = frozenset(atlas.tour[spec.step - 1].places) if spec.step else frozenset()
    # The tour has no panel beside its map: its popups show every passage.
    popup_quotes = None if spec.step else POPUP_QUOTES
    groups = layers(atlas, visible, spec.selected, spec.focus, named_first, popup_quotes)
    if spec.step is None:
        focus = route_bounds(atlas, spec.focus) if spec.focus in atlas.routes else None
        groups.insert(0, state_group(state_data(atlas, spec.filter, visible, focus)))
    return MapParts(base, tuple(groups))
