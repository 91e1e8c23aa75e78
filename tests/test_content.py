"""The validator: real content passes; each kind of broken file gives its exact message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from escape_routes.content import ROOT, Paths, load_atlas
from escape_routes.textnorm import fold, repair_mojibake


def messages(paths: Paths) -> list[str]:
    return [str(p) for p in load_atlas(paths).problems]


def first(path: Path) -> dict:
    """The first record of a YAML list file."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))[0]


def test_real_content_is_valid(atlas):
    """Every rule holds on the shipped content, and there is something to check."""
    assert [str(p) for p in atlas.problems] == []
    assert len(atlas.quotes) >= 60
    assert len(atlas.sources) == 5
    assert len(atlas.routes) == 13
    assert atlas.places and atlas.segments and atlas.risks and atlas.figures


def test_validate_cli_prints_counts():
    """`python -m escape_routes validate` exits 0 and prints its counts."""
    run = subprocess.run(
        [sys.executable, "-m", "escape_routes", "validate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("ok: 5 sources, ")


def test_malformed_yaml(content_copy):
    """Malformed YAML names the file, line and column."""
    (content_copy.content / "risks.yaml").write_text("- id: a\n  label: [unclosed\n")
    msgs = messages(content_copy)
    assert any(m.startswith("content/risks.yaml: malformed YAML at line 3") for m in msgs), msgs


def test_malformed_geojson(content_copy):
    """Malformed GeoJSON names the file and line."""
    (content_copy.geodata / "places.geojson").write_text('{"type": "FeatureCollection",\n  ')
    msgs = messages(content_copy)
    assert (
        "geodata/places.geojson: malformed GeoJSON at line 2: Expecting property name "
        "enclosed in double quotes" in msgs
    )


def test_unknown_risk_id(content_copy):
    """A quote tagged with a risk that does not exist is named with its field."""
    path = content_copy.content / "quotes.yaml"
    data = yaml.safe_load(path.read_text())
    data[0]["risks"] = ["no-such-risk"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert f"content/quotes.yaml: {data[0]['id']}: risks: unknown risk 'no-such-risk'" in messages(
        content_copy
    )


def test_dangling_quote_id(content_copy):
    """A place that cites a quote that does not exist is named, and left out of the atlas."""
    path = content_copy.geodata / "places.geojson"
    data = json.loads(path.read_text())
    place = data["features"][0]["properties"]
    place["quotes"].append("q-does-not-exist")
    path.write_text(json.dumps(data))
    atlas = load_atlas(content_copy)
    msg = f"geodata/places.geojson: {place['id']}: quotes: unknown quote 'q-does-not-exist'"
    assert msg in [str(p) for p in atlas.problems]
    assert place["id"] not in atlas.places
    assert len(atlas.places) == len(data["features"]) - 1


def test_quote_changed_by_one_word(content_copy):
    """A quote that is not verbatim in its source is caught."""
    path = content_copy.content / "quotes.yaml"
    data = yaml.safe_load(path.read_text())
    words = data[0]["text"].split(" ")
    words[len(words) // 2] = "banana"
    data[0]["text"] = " ".join(words)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    src = next(
        s
        for s in yaml.safe_load((content_copy.content / "sources.yaml").read_text())
        if s["id"] == data[0]["source"]
    )
    assert (
        f"content/quotes.yaml: {data[0]['id']}: text: not found verbatim in {src['file']}"
        in messages(content_copy)
    )


def test_duplicate_id(content_copy):
    """Two records with one id: the second is reported."""
    path = content_copy.content / "risks.yaml"
    data = yaml.safe_load(path.read_text())
    data.append(dict(data[0]))
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert f"content/risks.yaml: {data[0]['id']}: id: duplicate id" in messages(content_copy)


def test_duplicate_yaml_key(content_copy):
    """A key written twice in one record is an error, not silently the last one."""
    path = content_copy.content / "risks.yaml"
    text = path.read_text()
    rid = first(path)["id"]
    path.write_text(text.replace(f"id: {rid}\n", f"id: {rid}\n  id: {rid}\n", 1))
    assert any("duplicate key 'id'" in m for m in messages(content_copy))


def test_missing_required_field(content_copy):
    """A record without a required field names the field."""
    path = content_copy.content / "sources.yaml"
    data = yaml.safe_load(path.read_text())
    del data[0]["title"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert f"content/sources.yaml: {data[0]['id']}: title: required field is missing" in messages(
        content_copy
    )


def test_wrong_geometry_type(content_copy):
    """A place drawn as a line is reported."""
    path = content_copy.geodata / "places.geojson"
    data = json.loads(path.read_text())
    feat = data["features"][0]
    lon, lat = feat["geometry"]["coordinates"]
    feat["geometry"] = {"type": "LineString", "coordinates": [[lon, lat], [lon + 1, lat]]}
    path.write_text(json.dumps(data))
    pid = feat["properties"]["id"]
    assert f"geodata/places.geojson: {pid}: geometry must be a Point, not LineString" in messages(
        content_copy
    )


def test_place_in_wrong_country(content_copy):
    """A place claiming a country it is not in is reported with its distance."""
    path = content_copy.geodata / "places.geojson"
    data = json.loads(path.read_text())
    feat = next(f for f in data["features"] if f["properties"]["country"] == "CHN")
    feat["properties"]["country"] = "MNG"
    path.write_text(json.dumps(data))
    pid = feat["properties"]["id"]
    msgs = [m for m in messages(content_copy) if m.startswith(f"geodata/places.geojson: {pid}:")]
    assert len(msgs) == 1 and "km outside MNG" in msgs[0], msgs


def test_empty_file(content_copy):
    """An empty file is named as empty."""
    (content_copy.content / "quotes.yaml").write_text("\n")
    msgs = messages(content_copy)
    assert "content/quotes.yaml: file is empty" in msgs


def test_broken_content_keeps_the_rest(content_copy):
    """One broken place leaves every other place and every route in the atlas."""
    good = load_atlas(content_copy)
    path = content_copy.geodata / "places.geojson"
    data = json.loads(path.read_text())
    data["features"][0]["properties"]["risks"] = ["no-such-risk"]
    path.write_text(json.dumps(data))
    broken = load_atlas(content_copy)
    assert len(broken.places) == len(good.places) - 1
    assert broken.segments.keys() == good.segments.keys()


def test_risk_without_backing_quote(content_copy):
    """Rule 2: a risk on a place must be carried by one of the place's own quotes."""
    atlas = load_atlas(content_copy)
    place = next(iter(atlas.places.values()))
    unbacked = next(
        r for r in atlas.risks if not any(r in atlas.quotes[q].risks for q in place.quotes)
    )
    path = content_copy.geodata / "places.geojson"
    data = json.loads(path.read_text())
    feat = next(f for f in data["features"] if f["properties"]["id"] == place.id)
    feat["properties"]["risks"].append(unbacked)
    path.write_text(json.dumps(data))
    assert (
        f"geodata/places.geojson: {place.id}: risks: no attached quote is tagged {unbacked!r}"
        in messages(content_copy)
    )


def test_number_without_quote(content_copy):
    """Rule 4: a number in a summary that no attached quote states is reported."""
    path = content_copy.geodata / "places.geojson"
    data = json.loads(path.read_text())
    feat = data["features"][0]
    feat["properties"]["summary"] += " About 987654 people passed."
    path.write_text(json.dumps(data))
    pid = feat["properties"]["id"]
    assert (
        f"geodata/places.geojson: {pid}: summary: number 987654 is not in any attached quote"
        in messages(content_copy)
    )


def test_sources_missing_outside_ci(content_copy, monkeypatch):
    """Without the supplied texts the verbatim check says it was skipped."""
    monkeypatch.delenv("CI", raising=False)
    paths = Paths(content_copy.content, content_copy.geodata, content_copy.content / "nope")
    atlas = load_atlas(paths)
    assert atlas.problems == []
    assert any("verbatim check skipped" in n for n in atlas.notes)


def test_sources_missing_in_ci_is_an_error(content_copy, monkeypatch):
    """In CI the supplied texts must be there: their absence fails validation."""
    monkeypatch.setenv("CI", "true")
    paths = Paths(content_copy.content, content_copy.geodata, content_copy.content / "nope")
    assert any("required in CI" in m for m in messages(paths))


def test_validate_exits_nonzero_on_problems(content_copy):
    """The CLI exits 1 and prints one line per problem."""
    (content_copy.content / "quotes.yaml").write_text("")
    env = {
        **os.environ,
        "ESCAPE_ROUTES_CONTENT": str(content_copy.content),
        "ESCAPE_ROUTES_GEODATA": str(content_copy.geodata),
    }
    run = subprocess.run(
        [sys.executable, "-m", "escape_routes", "validate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 1
    assert "content/quotes.yaml: file is empty" in run.stdout


def test_mojibake_repaired_and_folded():
    """The known mojibake of text 003 is repaired; typography folds."""
    assert repair_mojibake("arenโ€™t") == "aren’t"
    assert repair_mojibake("US$2โ€“US3") == "US$2–US3"
    assert fold("“Hello”  –\n world’s") == '"Hello" - world\'s'


def test_every_quote_is_verbatim_in_its_source(atlas):
    """Rule 1, stated directly: each quote, folded, occurs in its folded source text."""
    from tests.conftest import SOURCES

    for q in atlas.quotes.values():
        src = atlas.sources[q.source]
        assert fold(q.text) in fold((SOURCES / src.file).read_text(encoding="utf-8")), q.id


@pytest.mark.parametrize("kind", ["reader_comment"])
def test_reader_comments_are_marked(atlas, kind):
    """Rule 6: reader comments come only from the blog with comments, and carry a date."""
    comments = [q for q in atlas.quotes.values() if q.kind == kind]
    assert comments, "the texts' reader comments (bounty, Russia route) should be used"
    assert all(q.comment_date and q.source == "martyn-2005" for q in comments)
