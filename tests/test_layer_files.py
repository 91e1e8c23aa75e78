"""The layer files (issue 20), read back by GDAL's own tools: every format, its counts (from the
content, never constants), its geometry types and CRS, one feature's passages and citations,
the metadata, hostile text, and a filtered download."""

from __future__ import annotations

import csv
import html
import io
import json
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

import pytest

from escape_routes.content.paths import ROOT
from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import apply
from escape_routes.outputs import layers
from escape_routes.outputs.layers_kml import KML, kml_colour
from escape_routes.outputs.layers_meta import notes_problems, read_notes
from tests import ogr
from tests.hostile import PAYLOADS, hostile_atlas

FORMATS = (".geojson", ".gpkg", ".kml", ".csv")


@pytest.fixture(scope="module")
def notes():
    return read_notes(ROOT / "content")


@pytest.fixture(scope="module")
def files(atlas, notes, tmp_path_factory):
    """Every format of the whole atlas, written once."""
    ogr.need_gdal()
    folder = tmp_path_factory.mktemp("layers")
    made = layers.build(atlas, notes)
    return {ext: layers.write(made, folder / f"all{ext}")[0] for ext in FORMATS}


def _richest(atlas):
    """The segment with the most passages (the one whose passages are checked)."""
    return max(atlas.segments.values(), key=lambda s: len(s.quotes))


def _passages_intact(atlas, text: str, quote_ids) -> None:
    for qid in quote_ids:
        p = layers.passage(atlas, qid)
        assert p.text in text and p.citation in text, qid


def test_geojson_is_one_rfc7946_collection_of_everything(atlas, files):
    """One FeatureCollection: a LineString per segment and a Point per place, in EPSG:4326,
    no ``crs`` member, the metadata beside the features; a feature's passages intact."""
    (info,) = ogr.layers(files[".geojson"]).values()
    assert info.count == len(atlas.segments) + len(atlas.places) and ogr.is_wgs84(info.srs)
    feats = ogr.features(files[".geojson"], info.name)
    kinds = [f["geometry"]["type"] for f in feats]
    assert kinds.count("LineString") == len(atlas.segments)
    assert kinds.count("Point") == len(atlas.places)
    raw = json.loads(files[".geojson"].read_text("utf-8"))
    assert raw["type"] == "FeatureCollection" and "crs" not in raw
    assert raw["metadata"]["caveat"] in {f["properties"]["caveat"] for f in feats}
    seg = _richest(atlas)
    found = next(f for f in feats if f["properties"]["id"] == seg.id)
    assert found["geometry"]["coordinates"][0] == list(seg.coords[0])
    _passages_intact(atlas, found["properties"]["passages"], seg.quotes)


def test_geopackage_has_segments_places_and_what_it_is(atlas, notes, files):
    """Layers ``segments`` (lines) and ``places`` (points) in EPSG:4326; the dataset names the
    five texts, Natural Earth and GeoNames with their licences, and the caveat."""
    found = ogr.layers(files[".gpkg"])
    assert found["segments"].geometry == "Line String"
    assert found["segments"].count == len(atlas.segments)
    assert found["places"].geometry == "Point" and found["places"].count == len(atlas.places)
    assert ogr.is_wgs84(found["segments"].srs) and ogr.is_wgs84(found["places"].srs)
    report = ogr.metadata(files[".gpkg"])
    for text in (
        notes.caveat,
        *(c.licence for c in notes.credits),
        *(c.name for c in notes.credits),
    ):
        assert text in report, text
    for src in atlas.sources.values():
        assert src.title in report
    seg = _richest(atlas)
    found = next(
        f for f in ogr.features(files[".gpkg"], "segments") if f["properties"]["id"] == seg.id
    )
    _passages_intact(atlas, found["properties"]["passages"], seg.quotes)
    assert found["properties"]["start_lon"] == seg.coords[0][0]


def test_kml_has_a_folder_per_route_in_its_colour(atlas, notes, files):
    """One folder per route (named as the map names it) holding its segments, one of places;
    each line styled in its route's colour; balloons with every passage and citation."""
    found = ogr.layers(files[".kml"])
    assert list(found) == [r.name for r in atlas.routes.values()] + ["Places"]
    for route in atlas.routes.values():
        assert found[route.name].count == len(atlas.route_segments(route.id))
        assert ogr.is_wgs84(found[route.name].srs)
    assert found["Places"].count == len(atlas.places)
    doc = ET.parse(files[".kml"]).getroot()
    ns = {"k": KML}
    for route in atlas.routes.values():
        colour = doc.find(f".//k:Style[@id='route-{route.id}']/k:LineStyle/k:color", ns)
        assert colour is not None and colour.text == kml_colour(route.colour)
    seg = _richest(atlas)
    route = atlas.routes[seg.route]
    feat = next(
        f for f in ogr.features(files[".kml"], route.name) if f["properties"]["Name"] == seg.name
    )
    description = html.unescape(feat["properties"]["description"])
    _passages_intact(atlas, description, seg.quotes)
    assert notes.caveat in description
    assert notes.caveat in doc.find("k:Document/k:description", ns).text


def test_csv_has_a_row_per_passage_and_places_with_coordinates(atlas, files):
    """One row per passage per feature; places with lon/lat; geometry as WKT; a README beside
    it names the texts, the credits and the CRS."""
    (info,) = ogr.layers(files[".csv"]).values()
    assert info.count == sum(len(s.quotes) for s in atlas.segments.values()) + sum(
        len(p.quotes) for p in atlas.places.values()
    )
    rows = ogr.features(files[".csv"], info.name)
    places = {r["properties"]["id"]: r for r in rows if r["properties"]["feature"] == "place"}
    for pid, place in atlas.places.items():
        props = places[pid]["properties"]
        assert (float(props["lon"]), float(props["lat"])) == (place.lon, place.lat)
        assert places[pid]["geometry"] == {"type": "Point", "coordinates": [place.lon, place.lat]}
    readme = files[".csv"].with_suffix(".README.txt").read_text("utf-8")
    assert "EPSG:4326" in readme and "GeoNames" in readme and "Natural Earth" in readme
    assert files[".csv"].read_bytes().startswith(b"\xef\xbb\xbf")  # a spreadsheet reads UTF-8


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)


@pytest.mark.parametrize(
    "payload", [*PAYLOADS[:6], "]]><script>alert(1)</script>", '=HYPERLINK("http://x")']
)
def test_hostile_text_stays_text_in_every_format(atlas, notes, tmp_path, payload):
    """A payload in every text field comes back as the same characters in every format: no
    markup in a KML description but ours, no formula in a CSV cell."""
    ogr.need_gdal()
    bad = hostile_atlas(atlas, payload)
    made = layers.build(bad, notes)
    out = {ext: layers.write(made, tmp_path / f"h{ext}")[0] for ext in FORMATS}
    seg = _richest(bad)
    want = bad.quotes[seg.quotes[0]].text
    (gj,) = ogr.layers(out[".geojson"])
    props = next(
        f["properties"]
        for f in ogr.features(out[".geojson"], gj)
        if f["properties"]["id"] == seg.id
    )
    assert props["name"] == bad.segments[seg.id].name and want in props["passages"]
    gp = next(
        f["properties"]
        for f in ogr.features(out[".gpkg"], "segments")
        if f["properties"]["id"] == seg.id
    )
    assert gp["name"] == bad.segments[seg.id].name and want in gp["passages"]
    route = bad.routes[seg.route]
    assert route.name in ogr.layers(out[".kml"])
    described = {}
    for feat in ogr.features(out[".kml"], route.name):
        assert feat["properties"]["Name"] in {s.name for s in bad.segments.values()}
        parser = _Tags()
        parser.feed(feat["properties"]["description"])
        assert parser.tags <= {"p", "i", "b", "table", "tr", "th", "td", "h4", "blockquote"}
        assert parser.attrs <= {"align"}
        described[feat["properties"]["Name"]] = html.unescape(feat["properties"]["description"])
    assert want in described[bad.segments[seg.id].name]
    with out[".csv"].open(encoding="utf-8-sig", newline="") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert any(want in c or ("'" + want) in c for c in cells)


def test_a_filtered_file_holds_only_what_the_filter_shows(atlas, notes, tmp_path):
    """Filtered by one risk: the GeoJSON holds exactly the segments and places the map shows,
    and says which filter made it."""
    ogr.need_gdal()
    risk = next(
        r for r in atlas.risks if 0 < len(apply(atlas, Filter(risks=frozenset({r}))).places)
    )
    f = Filter(risks=frozenset({risk}))
    visible = apply(atlas, f)
    assert len(visible.segments) + len(visible.places) < len(atlas.segments) + len(atlas.places)
    (path,) = layers.write(layers.build(atlas, notes, f), tmp_path / "f.geojson")
    (name,) = ogr.layers(path)
    ids = {feat["properties"]["id"] for feat in ogr.features(path, name)}
    assert ids == set(visible.segments) | set(visible.places)
    meta = json.loads(path.read_text("utf-8"))["metadata"]
    assert atlas.risks[risk].label in meta["filter"] and f"risks={risk}" in meta["link"]


def test_the_csv_download_is_a_zip_of_the_csv_and_its_readme(atlas, notes):
    """What the map page's button gives for CSV: the table and its README, in one zip."""
    data = layers.download(layers.build(atlas, notes), ".csv")
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names == ["escape-routes-layers.csv", "escape-routes-layers.README.txt"]


def test_the_command_writes_each_format(real_atlas, tmp_path):
    """``python -m escape_routes layers OUT`` (on the shipped content) by the extension, filtered
    by a link's query; an unknown extension is refused."""
    out = tmp_path / "out.kml"
    query = f"risks={next(iter(real_atlas.risks))}"
    done = subprocess.run(
        [sys.executable, "-m", "escape_routes", "layers", str(out), "--filter", query],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"<?xml") and "filter: risks (any of them)" in done.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "escape_routes", "layers", str(tmp_path / "out.shp")],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert bad.returncode == 2 and "unknown format" in bad.stderr


def test_broken_layer_notes_are_named(tmp_path):
    """content/layers.yaml without a field, or with a tab: the file, the field or line, and what
    is wrong (validate prints it; layers refuses with it)."""
    (tmp_path / "layers.yaml").write_text("title: Routes\ncaveat: schematic\n", encoding="utf-8")
    with pytest.raises(ValueError, match="^content/layers.yaml: about: required field is missing"):
        read_notes(tmp_path)
    (tmp_path / "layers.yaml").write_text("title: Routes\ncaveat:\n\t- x\n", encoding="utf-8")
    [problem] = notes_problems(tmp_path)
    assert str(problem).startswith("content/layers.yaml: line 3 starts with a tab"), problem
