"""The geography rules on geopandas: the overlay, the CRS each file declares, invalid shapes."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
from shapely.geometry import LineString, box

from escape_routes.content.derived import derived
from escape_routes.content.geoframes import CRS, frames
from escape_routes.rules.crossings import stretches
from escape_routes.rules.validator import load_atlas


def test_one_overlay_gives_each_line_its_countries_in_order():
    """A line from A into B: two stretches, in the order met, measured geodesically, the first
    touching the start and the second the end; a sliver under 2 km is ignored."""
    countries = gpd.GeoDataFrame(
        {"iso_a3": ["AAA", "BBB", "CCC"]},
        geometry=[box(0, -1, 1, 1), box(1, -1, 2, 1), box(1.5, 0.999, 1.501, 1.1)],
        crs=CRS,
    )
    lines = gpd.GeoDataFrame({"id": ["leg"]}, geometry=[LineString([(0.5, 0), (1.5, 0)])], crs=CRS)
    (a, b) = stretches(lines, countries)["leg"]
    assert (a.country, b.country) == ("AAA", "BBB")
    assert a.km == pytest.approx(55.7, abs=0.2) and b.km == pytest.approx(55.7, abs=0.2)
    assert a.at == 0 and b.at == pytest.approx(0.5)
    assert a.touches_start and not a.touches_end and b.touches_end and not b.touches_start


def test_the_frames_are_the_atlas_in_wgs84(atlas):
    """Every segment (its drawn line) and place is a row, in EPSG:4326, with valid geometry."""
    geo = frames(atlas)
    assert set(geo.segments["id"]) == set(atlas.segments)
    assert set(geo.places["id"]) == set(atlas.places)
    for frame in (geo.segments, geo.places, geo.countries, geo.rivers):
        assert frame.crs == CRS and frame.geometry.is_valid.all()
    sid = next(iter(atlas.segments))
    assert list(geo.segments.set_index("id").geometry[sid].coords) == list(
        derived(atlas).lines[sid]
    )
    assert not geo.problems


def test_a_file_in_another_crs_is_named(content_copy):
    """A legacy ``crs`` member naming Web Mercator: one precise problem for that file."""
    path = content_copy.geodata / "places.geojson"
    data = json.loads(path.read_text("utf-8"))
    data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}
    path.write_text(json.dumps(data), "utf-8")
    found = [str(p) for p in load_atlas(content_copy).problems]
    assert (
        "geodata/places.geojson: crs: declares its coordinates in EPSG:3857; geodata must be "
        "WGS 84 longitude/latitude (EPSG:4326), as GeoJSON (RFC 7946) requires"
    ) in found


def test_an_invalid_country_is_named_and_the_rest_still_checked(content_copy):
    """A self-intersecting outline: a problem naming the country and GEOS's reason; the
    places and lines are still checked against the repaired shape."""
    path = content_copy.geodata / "basemap" / "countries.geojson"
    data = json.loads(path.read_text("utf-8"))
    feat = next(f for f in data["features"] if f["properties"]["iso_a3"] == "LKA")
    feat["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[80, 6], [81.5, 9], [81.5, 6], [80, 9], [80, 6]]],
    }
    path.write_text(json.dumps(data), "utf-8")
    atlas = load_atlas(content_copy)
    found = [str(p) for p in atlas.problems]
    bad = [p for p in found if p.startswith("geodata/basemap/countries.geojson: LKA: geometry:")]
    assert len(bad) == 1 and "invalid geometry: Self-intersection" in bad[0], found
    assert len(found) == 1, found
