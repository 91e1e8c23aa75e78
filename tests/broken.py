"""The validator's broken-file cases: each breaks a copy of the content and names the message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import yaml

from escape_routes.content.paths import Paths


def _yaml(path: Path) -> list:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _put_yaml(path: Path, data: list) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _geo(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def malformed_yaml(p: Paths) -> str:
    (p.content / "risks.yaml").write_text("- id: a\n  label: [unclosed\n")
    return "content/risks.yaml: line 2: the [ opened at column 10 is never closed: close it with ]"


def malformed_geojson(p: Paths) -> str:
    (p.geodata / "places.geojson").write_text('{"type": "FeatureCollection",\n  ')
    return (
        "geodata/places.geojson: the file ends at line 1 before its data is complete: a closing "
        "} or ] (or more) is missing"
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

# --- The rules of issue 9: one broken copy per rule, each with its exact message. -----------


def _put_geo(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False))


def _feature(data: dict, fid: str) -> dict:
    return next(f for f in data["features"] if f["properties"]["id"] == fid)


def line_moved_across_a_border(p: Paths) -> str:
    """Ji-young's walk across the Tumen, its Chinese end moved into Russia."""
    path = p.geodata / "routes" / "north-to-china.geojson"
    data = _geo(path)
    _feature(data, "north-to-china-1")["geometry"]["coordinates"][-1] = [131.5, 43.3]
    _put_geo(path, data)
    return (
        "geodata/routes/north-to-china.geojson: north-to-china-1: countries: the drawn line "
        "crosses RUS for "
    )


def arc_through_north_korea(p: Paths) -> str:
    """The leg from Beijing to Seoul bent north, so that its arc cuts across North Korea."""
    path = p.geodata / "routes" / "to-seoul.geojson"
    data = _geo(path)
    _feature(data, "to-seoul-3")["properties"]["bend"] = 0.2
    _put_geo(path, data)
    return "geodata/routes/to-seoul.geojson: to-seoul-3: geometry: the drawn line runs "


def invented_town_in_a_summary(p: Paths) -> str:
    """A town no passage names (found through GeoNames, not the hand-made list)."""
    path = p.geodata / "places.geojson"
    data = _geo(path)
    _feature(data, "yanji")["properties"]["summary"] += " Many then go on to Tonghua."
    _put_geo(path, data)
    return "geodata/places.geojson: yanji: summary: names Tonghua, which no attached passage names"


def hedge_dropped(p: Paths) -> str:
    """ "$1300 to over $3000" stored without its "over"."""
    data = _yaml(p.content / "figures.yaml")
    next(f for f in data if f["id"] == "f-guide-fees")["hedge"] = None
    _put_yaml(p.content / "figures.yaml", data)
    return (
        "content/figures.yaml: f-guide-fees: hedge: the quote hedges the value with 'over'; "
        "record it in hedge"
    )


def upper_bound_from_over(p: Paths) -> str:
    """ "over $3000" given an upper bound of 3000."""
    data = _yaml(p.content / "figures.yaml")
    next(f for f in data if f["id"] == "f-guide-fees")["high"] = 3000
    _put_yaml(p.content / "figures.yaml", data)
    return "content/figures.yaml: f-guide-fees: high: 'over 3000' gives no upper bound"


def illustrative_figure_counted(p: Paths) -> str:
    """ "say, 500 or 1,000" stored as a count."""
    data = _yaml(p.content / "figures.yaml")
    next(f for f in data if f["id"] == "f-gift-repatriations")["number"] = 500
    _put_yaml(p.content / "figures.yaml", data)
    return (
        "content/figures.yaml: f-gift-repatriations: number: 'say' makes the value "
        "illustrative: no number"
    )


def cumulative_total_on_the_yearly_chart(p: Paths) -> str:
    """The all-time total since 1953 put on the yearly chart's topic."""
    data = _yaml(p.content / "figures.yaml")
    next(f for f in data if f["id"] == "f-defectors-total-2015")["topic"] = "defectors-per-year"
    _put_yaml(p.content / "figures.yaml", data)
    return (
        "content/figures.yaml: f-defectors-total-2015: topic: the quote gives a cumulative "
        "total ('a total of'), but topic defectors-per-year measures a count per year"
    )


def reader_only_claim_as_fact(p: Paths) -> str:
    """Dandong's bounty hunters stated as fact, on the strength of reader comments alone."""
    path = p.geodata / "places.geojson"
    data = _geo(path)
    _feature(data, "dandong")["properties"]["summary"] = "Bounty hunters work Dandong."
    _put_geo(path, data)
    return (
        "geodata/places.geojson: dandong: summary: “Bounty hunters work Dandong.” rests on reader "
        "comments alone for Dandong; say so (e.g. “an anonymous reader wrote (2005) …”)"
    )


def two_commenters_merged(p: Paths) -> str:
    """Two different commenters made into "a reader comment"."""
    path = p.geodata / "places.geojson"
    data = _geo(path)
    _feature(data, "dandong")["properties"]["summary"] = (
        "A reader comment says the bounty in Dandong is 25 yuan and the Yalu River is wide."
    )
    _put_geo(path, data)
    return (
        "geodata/places.geojson: dandong: summary: “A reader comment says the bounty in Dandong "
        "is 25 yuan an...” merges 2 different commenters (the commenter of 2005-10-01, "
        "10:01 pm; the commenter of 2005-10-02, 10:16 am) into one; name each as the text "
        "identifies them"
    )


def excerpt_credited_to_the_blogger(p: Paths) -> str:
    """The newspaper excerpt in the 2005 post filed as the blogger's own reporting."""
    data = _yaml(p.content / "quotes.yaml")
    q = next(q for q in data if q["id"] == "q-martyn-sold-for-sex")
    q["kind"] = "reporting"
    _put_yaml(p.content / "quotes.yaml", data)
    return (
        "content/quotes.yaml: q-martyn-sold-for-sex: excerpt_from: required for, and only for, "
        "excerpts"
    )


def quote_off_the_map_unexplained(p: Paths) -> str:
    """A quote attached to nothing, with no off_map reason."""
    data = _yaml(p.content / "quotes.yaml")
    del next(q for q in data if q["id"] == "q-plight-via-yanji")["off_map"]
    _put_yaml(p.content / "quotes.yaml", data)
    return (
        "content/quotes.yaml: q-plight-via-yanji: off_map: attached to nothing on the map; "
        "attach it, or say why not in off_map"
    )


def reported_year_before_the_source(p: Paths) -> str:
    """ "Reported 2003" on a leg whose passages were written in 2016 and 2023."""
    path = p.geodata / "routes" / "tumen-crossing.geojson"
    data = _geo(path)
    _feature(data, "tumen-crossing-1")["properties"]["reported"] = [2003, 2016, 2023]
    _put_geo(path, data)
    return (
        "geodata/routes/tumen-crossing.geojson: tumen-crossing-1: reported: 2003 comes before "
        "the earliest attached source (2016): a text cannot report what it was written before"
    )


def happened_year_unexplained(p: Paths) -> str:
    """An event year that no passage writes, without a note saying how it was derived."""
    path = p.geodata / "routes" / "vietnam.geojson"
    data = _geo(path)
    del _feature(data, "vietnam-2")["properties"]["happened"]["note"]
    _put_geo(path, data)
    return (
        "geodata/routes/vietnam.geojson: vietnam-2: happened: 2015 is written in no attached "
        "passage; say how it was derived in note"
    )


def unstated_leg_drawn_as_a_path(p: Paths) -> str:
    """A leg whose means no text gives, drawn with a bend in the middle like a road."""
    path = p.geodata / "routes" / "tumen-crossing.geojson"
    data = _geo(path)
    coords = _feature(data, "tumen-crossing-1")["geometry"]["coordinates"]
    coords.insert(1, [129.55, 42.6])
    _put_geo(path, data)
    return (
        "geodata/routes/tumen-crossing.geojson: tumen-crossing-1: geometry: a leg whose means is "
        "unstated holds only its two endpoints (it is drawn as an arc); it has 3 points"
    )


def internal_id_in_a_note(p: Paths) -> str:
    """A contest note that names a text by its internal id, which no reader knows."""
    data = _yaml(p.content / "quotes.yaml")
    quote = next(q for q in data if q.get("contested"))
    quote["contested"] += " See martyn-2005."
    _put_yaml(p.content / "quotes.yaml", data)
    return (
        f"content/quotes.yaml: {quote['id']}: contested: names the internal id 'martyn-2005'; "
        "name the text as readers see it (its title, kind or date)"
    )


RULE_CASES: dict[str, Callable[[Paths], str]] = {
    f.__name__: f
    for f in (
        line_moved_across_a_border, arc_through_north_korea, invented_town_in_a_summary,
        hedge_dropped, upper_bound_from_over, illustrative_figure_counted,
        cumulative_total_on_the_yearly_chart, reader_only_claim_as_fact, two_commenters_merged,
        excerpt_credited_to_the_blogger, quote_off_the_map_unexplained,
        reported_year_before_the_source, happened_year_unexplained, unstated_leg_drawn_as_a_path,
        internal_id_in_a_note,
    )
}  # fmt: skip
