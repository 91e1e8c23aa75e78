"""The map adapter: the component gets exactly what streamlit-folium's st_folium would give it,
maps are cached on their spec alone, and another streamlit-folium is refused at import."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
import streamlit_folium as sf

from escape_routes.explore.filters import Filter
from escape_routes.map.build import build_map
from escape_routes.map.spec import MapSpec, fingerprint
from escape_routes.ui import map_adapter
from escape_routes.ui.map_adapter import PINNED, MapEvent, check_version, component_args

REPO = Path(__file__).resolve().parents[1]


def st_folium_args(parts, key, returned, monkeypatch) -> dict:
    seen: dict = {}
    monkeypatch.setattr(sf, "_component_func", lambda **kw: seen.update(kw))
    sf.st_folium(
        parts.base,
        key=key,
        use_container_width=True,
        returned_objects=list(returned),
        feature_group_to_add=list(parts.groups),
    )
    return seen


@pytest.mark.parametrize(
    "fields",
    [
        {"filter": Filter(risks=frozenset({"terrain"})), "selected": "yanji", "clicks": True,
         "center": (40.0, 120.0), "zoom": 5},
        {"step": 2, "keyboard": False, "legend_open": False, "label_px": 19},
    ],
    ids=["map page", "tour step"],
)  # fmt: skip
def test_same_arguments_as_st_folium(atlas, monkeypatch, fields):
    """Built twice from the same spec, the adapter's arguments equal st_folium's own."""
    spec = MapSpec.of(atlas, **fields)
    returned = map_adapter.CLICKS if spec.clicks else ()
    seen = st_folium_args(build_map(atlas, spec), "map", returned, monkeypatch)
    ours = component_args(build_map(atlas, spec), returned)
    for name, value in ours.items():
        assert value == seen[name], name
    assert seen["key"] == map_adapter._hash_key(ours["script"], "map")
    assert set(seen) - set(ours) == {"key", "height", "width", "zoom", "center", "on_change"}


def test_the_cache_is_keyed_on_the_spec_alone(atlas):
    """Equal specs share one map; a spec that differs in any field, or names other content,
    gets its own; a spec never meets an atlas of other content."""
    cache = map_adapter._Cache()
    risk = Filter(risks=frozenset({next(iter(atlas.risks))}))
    place, other_place = list(atlas.places)[:2]
    spec = MapSpec.of(atlas, filter=risk)
    first = cache.args(atlas, spec)
    assert cache.args(atlas, MapSpec.of(atlas, filter=risk)) is first
    for changed in (replace(spec, selected=place), replace(spec, focus=next(iter(atlas.routes))),
                    replace(spec, label_px=19), replace(spec, filter=Filter())):  # fmt: skip
        assert cache.args(atlas, changed) is not first
    other = replace(atlas, places={k: v for k, v in atlas.places.items() if k != place})
    assert fingerprint(other) != spec.content
    with pytest.raises(ValueError, match="other content"):
        cache.args(other, replace(spec, selected=other_place))


def test_a_spec_is_complete_and_hashable(atlas):
    """A spec needs a whole first view or none, and every field must be hashable."""
    with pytest.raises(ValueError, match="center and zoom"):
        MapSpec.of(atlas, center=(40.0, 125.0))
    with pytest.raises(TypeError):
        MapSpec.of(atlas, basemap_urls=[("countries", "/x")])


def test_another_streamlit_folium_is_refused_naming_the_pinned_one():
    """A different version stops the import with a message naming the version it needs."""
    check_version(PINNED)
    with pytest.raises(ImportError, match=re.escape(f"streamlit-folium {PINNED}")):
        check_version("0.28.0")
    pins = (REPO / "requirements.txt").read_text()
    assert re.search(rf"^streamlit-folium=={re.escape(PINNED)}\b", pins, re.MULTILINE)


def test_what_the_map_reports():
    """A clicked feature is its id; the map's own button is an action; anything else nothing."""
    clicked = {"last_active_drawing": {"properties": {"id": "yanji"}}}
    assert MapEvent.from_return(clicked) == MapEvent(id="yanji")
    button = {"last_active_drawing": {"properties": {"action": "show-everything", "nonce": 7}}}
    assert MapEvent.from_return(button) == MapEvent(action="show-everything", nonce="7")
    bad = ("x", {"properties": 1}, {"properties": {"id": 3}})
    for value in (None, {}, *({"last_active_drawing": b} for b in bad)):
        assert MapEvent.from_return(value) is None
