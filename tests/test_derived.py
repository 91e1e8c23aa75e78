"""The atlas is immutable all the way down, and what is computed from it is computed once."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace

import pytest

from escape_routes.content.derived import STORED, derived
from escape_routes.content.geometry import drawn_line, line_km
from escape_routes.content.projection import mercator_lat, mercator_y, mercator_ys


def test_basemap_and_vocabulary_tables_cannot_be_changed(atlas):
    """Appending a country, replacing a term, adding a record: each raises."""
    with pytest.raises(AttributeError):
        atlas.countries["features"].append({"type": "Feature"})
    with pytest.raises(TypeError):
        atlas.countries["features"][0]["properties"]["name"] = "x"
    with pytest.raises(TypeError):
        atlas.rivers["type"] = "x"
    with pytest.raises(TypeError):
        atlas.vocab.statuses["new"] = next(iter(atlas.vocab.statuses.values()))
    with pytest.raises(TypeError):
        atlas.sources.pop(next(iter(atlas.sources)))
    with pytest.raises(TypeError):
        atlas.quotes.update({})


def test_frozen_basemap_is_still_geojson(atlas):
    """The read-only basemap serialises as the GeoJSON it was read from (the export inlines it)."""
    data = json.loads(json.dumps(atlas.countries))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == len(atlas.countries["features"])


def test_derived_is_made_once_per_atlas_and_not_shared_with_a_changed_copy(atlas):
    """The same object every time; a changed copy gets its own, and no fingerprint."""
    assert derived(atlas) is derived(atlas)
    assert derived(atlas).lines is derived(atlas).lines
    copy = replace(atlas, segments={})
    assert derived(copy) is not derived(atlas)
    assert copy.fingerprint == ""
    assert derived(atlas).routes_of_places and not derived(copy).routes_of_places


def test_lengths_come_from_the_drawn_lines(atlas):
    """A segment's length is its drawn line's; a route's is the sum of its segments'."""
    d = derived(atlas)
    for sid, seg in atlas.segments.items():
        assert d.lines[sid] == drawn_line(seg)
        assert d.segment_km[sid] == pytest.approx(line_km(drawn_line(seg)))
    for rid in atlas.routes:
        total = sum(d.segment_km[s.id] for s in atlas.route_segments(rid))
        assert d.route_km[rid] == pytest.approx(total)


def test_years_are_those_of_the_passages_sources(atlas):
    """Each year once, in order, unknown quote ids skipped."""
    quotes = list(atlas.quotes)[:6]
    want = sorted({atlas.sources[atlas.quotes[q].source].year for q in quotes})
    assert derived(atlas).years([*quotes, "no-such-quote"]) == tuple(want)


def test_routes_of_places_follow_the_segments(atlas):
    """A place is on exactly the routes whose segments name it."""
    for pid, routes in derived(atlas).routes_of_places.items():
        assert routes == {s.route for s in atlas.segments.values() if pid in s.places}


def test_a_pickled_atlas_keeps_its_stored_data_but_not_its_shapes(atlas):
    """What a compiled atlas is stored with: every STORED field, no shapely geometry."""
    stamped = atlas.stamped("f" * 32)
    derived(stamped).prepare()
    assert derived(stamped).basemap.countries  # made, but not stored
    back = pickle.loads(pickle.dumps(stamped))
    assert back.fingerprint == "f" * 32 and back.sources == atlas.sources
    for name in STORED:
        assert name in vars(derived(back)), name
        assert getattr(derived(back), name) == getattr(derived(stamped), name)
    assert "basemap" not in vars(derived(back))
    with pytest.raises(TypeError):
        back.places["x"] = None


def test_one_mercator():
    """The scalar and array forms agree, and the inverse undoes them."""
    lats = [-60.0, 0.0, 37.5, 42.25, 70.0]
    assert list(mercator_ys(lats)) == pytest.approx([mercator_y(x) for x in lats])
    assert [mercator_lat(mercator_y(x)) for x in lats] == pytest.approx(lats)


def test_an_edited_basemap_is_read_again_and_an_unchanged_one_shared(content_copy):
    """Loading keeps a basemap layer and what is made of it (shapes, label anchors) by the file's
    text: a copy with the same files shares them; an edited file is read again, never the old."""
    from escape_routes.content.load import read_atlas

    first, _ = read_atlas(content_copy)
    again, _ = read_atlas(content_copy)
    assert again.countries is first.countries
    assert derived(again).basemap.countries is derived(first).basemap.countries
    assert derived(again).label_anchors == derived(first).label_anchors
    path = content_copy.geodata / "basemap" / "countries.geojson"
    assert not path.is_symlink()  # a copy: the repository's basemap is never edited here
    data = json.loads(path.read_text("utf-8"))
    data["features"][0]["properties"]["label"] = "Renamed Land"
    path.write_text(json.dumps(data), "utf-8")
    edited, _ = read_atlas(content_copy)
    assert edited.countries["features"][0]["properties"]["label"] == "Renamed Land"
    assert "Renamed Land" in {c.label for c in derived(edited).basemap.countries}
    assert "Renamed Land" in {a.text for a in derived(edited).label_anchors}
    assert "Renamed Land" not in {c.label for c in derived(first).basemap.countries}
