"""The validator's broken-file cases: each breaks a copy of the content and names the message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import yaml

from escape_routes.content import Paths


def _yaml(path: Path) -> list:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _put_yaml(path: Path, data: list) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _geo(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def malformed_yaml(p: Paths) -> str:
    (p.content / "risks.yaml").write_text("- id: a\n  label: [unclosed\n")
    return "content/risks.yaml: malformed YAML at line 3"


def malformed_geojson(p: Paths) -> str:
    (p.geodata / "places.geojson").write_text('{"type": "FeatureCollection",\n  ')
    return (
        "geodata/places.geojson: malformed GeoJSON at line 2: Expecting property name "
        "enclosed in double quotes"
    )


def unknown_risk_id(p: Paths) -> str:
    data = _yaml(p.content / "quotes.yaml")
    data[0]["risks"] = ["no-such-risk"]
    _put_yaml(p.content / "quotes.yaml", data)
    return f"content/quotes.yaml: {data[0]['id']}: risks: unknown risk 'no-such-risk'"


def dangling_quote_id(p: Paths) -> str:
    data = _geo(p.geodata / "places.geojson")
    props = data["features"][0]["properties"]
    props["quotes"].append("q-does-not-exist")
    (p.geodata / "places.geojson").write_text(json.dumps(data))
    return f"geodata/places.geojson: {props['id']}: quotes: unknown quote 'q-does-not-exist'"


def quote_changed_by_one_word(p: Paths) -> str:
    data = _yaml(p.content / "quotes.yaml")
    words = data[0]["text"].split(" ")
    words[len(words) // 2] = "banana"
    data[0]["text"] = " ".join(words)
    _put_yaml(p.content / "quotes.yaml", data)
    src = next(s for s in _yaml(p.content / "sources.yaml") if s["id"] == data[0]["source"])
    return f"content/quotes.yaml: {data[0]['id']}: text: not found verbatim in {src['file']}"


def duplicate_id(p: Paths) -> str:
    data = _yaml(p.content / "risks.yaml")
    data.append(dict(data[0]))
    _put_yaml(p.content / "risks.yaml", data)
    return f"content/risks.yaml: {data[0]['id']}: id: duplicate id"


def missing_required_field(p: Paths) -> str:
    data = _yaml(p.content / "sources.yaml")
    del data[0]["title"]
    _put_yaml(p.content / "sources.yaml", data)
    return f"content/sources.yaml: {data[0]['id']}: title: required field is missing"


def wrong_geometry_type(p: Paths) -> str:
    data = _geo(p.geodata / "places.geojson")
    feat = data["features"][0]
    lon, lat = feat["geometry"]["coordinates"]
    feat["geometry"] = {"type": "LineString", "coordinates": [[lon, lat], [lon + 1, lat]]}
    (p.geodata / "places.geojson").write_text(json.dumps(data))
    pid = feat["properties"]["id"]
    return f"geodata/places.geojson: {pid}: geometry must be a Point, not LineString"


def place_in_wrong_country(p: Paths) -> str:
    data = _geo(p.geodata / "places.geojson")
    feat = next(f for f in data["features"] if f["properties"]["country"] == "CHN")
    feat["properties"]["country"] = "MNG"
    (p.geodata / "places.geojson").write_text(json.dumps(data))
    lon, lat = feat["geometry"]["coordinates"]
    return f"geodata/places.geojson: {feat['properties']['id']}: country: ({lat}, {lon}) lies "


def empty_file(p: Paths) -> str:
    (p.content / "quotes.yaml").write_text("\n")
    return "content/quotes.yaml: file is empty"


CASES: dict[str, Callable[[Paths], str]] = {
    f.__name__: f
    for f in (
        malformed_yaml, malformed_geojson, unknown_risk_id, dangling_quote_id,
        quote_changed_by_one_word, duplicate_id, missing_required_field, wrong_geometry_type,
        place_in_wrong_country, empty_file,
    )
}  # fmt: skip

#: Cases that only the verbatim check can catch: they need the supplied texts.
NEEDS_SOURCES = {"quote_changed_by_one_word"}
