"""The shared map's component arguments are exactly those streamlit-folium's st_folium makes."""

from __future__ import annotations

import folium
import streamlit_folium as sf

from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import apply
from escape_routes.map import folium_map
from escape_routes.ui.mapcomponent import component_args


def test_same_arguments_as_st_folium(atlas, monkeypatch):
    """Built twice from the same content and view, both paths give the component the same."""

    def build():
        visible = apply(atlas, Filter(risks=frozenset({"sold-as-bride"})))
        groups = folium_map.layers(atlas, visible, next(iter(atlas.places)))
        return (
            folium_map.base_map(atlas, center=(40.0, 120.0), zoom=5),
            groups,
            folium.LayerControl(),
        )

    seen = {}
    monkeypatch.setattr(sf, "_component_func", lambda **kw: seen.update(kw))
    base, groups, control = build()
    sf.st_folium(
        base,
        key="map",
        use_container_width=True,
        returned_objects=["last_active_drawing"],
        feature_group_to_add=groups,
        layer_control=control,
    )
    ours = component_args(*build(), "map", ["last_active_drawing"])
    for name, value in ours.items():
        assert value == seen[name], name
    assert set(seen) - set(ours) == {"height", "width", "zoom", "center", "on_change"}
