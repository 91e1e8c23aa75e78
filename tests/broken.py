"""Broken copies of the fixture content: each case breaks a copy and returns the message the
validator must give (the start of it, where the rest is a measured distance).

``CASES`` are broken files (the app shows them in a banner and draws everything else);
``RULE_CASES`` break one of the rules of issue 9 each. A case that needs a record the fixture
lacks adds it (a passage added to the copy's source text and to its quotes), so the fixture
stays small.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from escape_routes.content.paths import Paths
from tests.conftest import CROSSING, PROPOSAL


def _yaml(path: Path) -> list:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _put_yaml(path: Path, data: list) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _geo(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _put_geo(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _feature(data: dict, fid: str) -> dict:
    return next(f for f in data["features"] if f["properties"]["id"] == fid)


def _changed(record: dict, fields: dict[str, Any]) -> None:
    """Set fields of a record; a callable value is applied to the old value."""
    for name, value in fields.items():
        record[name] = value(record.get(name)) if callable(value) else value


def _change_feature(p: Paths, file: str, fid: str, coords: Any = None, **props: Any) -> None:
    """Change feature ``fid`` of a geodata file: its properties, and (a callable) its
    coordinates."""
    path = p.geodata / file
    data = _geo(path)
    feature = _feature(data, fid)
    _changed(feature["properties"], props)
    if coords is not None:
        feature["geometry"]["coordinates"] = coords(feature["geometry"]["coordinates"])
    _put_geo(path, data)


def _change_record(p: Paths, file: str, rid: str, **fields: Any) -> None:
    """Change record ``rid`` of a content YAML file."""
    data = _yaml(p.content / file)
    _changed(next(r for r in data if r["id"] == rid), fields)
    _put_yaml(p.content / file, data)


def add_passage(p: Paths, qid: str, text: str, **fields: Any) -> None:
    """Add a passage to the copy: its text to the news report's source text, and a quote of it
    (off the map, saying why, unless ``fields`` says otherwise)."""
    source = _yaml(p.content / "sources.yaml")[0]
    assert p.sources is not None
    with (p.sources / source["file"]).open("a", encoding="utf-8") as out:
        out.write(f"\n{text}\n")
    quote = {"id": qid, "source": source["id"], "kind": "reporting", "text": text, "risks": []}
    quote["off_map"] = "Added by a broken case for a figure."
    quote |= fields
    _put_yaml(p.content / "quotes.yaml", [*_yaml(p.content / "quotes.yaml"), quote])


# --- broken files -------------------------------------------------------------------------------


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

# --- The rules of issue 9: one broken copy per rule, each with its exact message. -----------


def line_moved_across_a_border(p: Paths) -> str:
    """The walk across the Yalu, its Chinese end moved into Russia."""
    _change_feature(
        p, f"routes/{CROSSING}.geojson", f"{CROSSING}-1", coords=lambda c: [c[0], [131.5, 43.3]]
    )
    return (
        f"geodata/routes/{CROSSING}.geojson: {CROSSING}-1: countries: the drawn line "
        "crosses RUS for "
    )


def arc_through_north_korea(p: Paths) -> str:
    """The proposed leg to the Russian Far East bent south, so that its arc cuts across North
    Korea."""
    _change_feature(p, f"routes/{PROPOSAL}.geojson", f"{PROPOSAL}-1", bend=-0.2)
    return f"geodata/routes/{PROPOSAL}.geojson: {PROPOSAL}-1: geometry: the drawn line runs "


def invented_town_in_a_summary(p: Paths) -> str:
    """A town no passage names (found through GeoNames, not the hand-made list)."""
    _change_feature(
        p, "places.geojson", "hiding-region", summary=lambda s: s + " Many then go on to Tonghua."
    )
    return (
        "geodata/places.geojson: hiding-region: summary: names Tonghua, which no attached "
        "passage names"
    )


def hedge_dropped(p: Paths) -> str:
    """ "over a thousand" stored without its "over"."""
    _change_record(p, "figures.yaml", "f-detained", hedge=None)
    return (
        "content/figures.yaml: f-detained: hedge: the quote hedges the value with 'over'; "
        "record it in hedge"
    )


def upper_bound_from_over(p: Paths) -> str:
    """ "over a thousand" given an upper bound of 1000."""
    _change_record(p, "figures.yaml", "f-detained", high=1000)
    return "content/figures.yaml: f-detained: high: 'over 1000' gives no upper bound"


def _add_figure(p: Paths, fid: str, **fields: Any) -> None:
    figure = {"id": fid, "unit": "people", "year": None, "contested": None} | fields
    _put_yaml(p.content / "figures.yaml", [*_yaml(p.content / "figures.yaml"), figure])


def illustrative_figure_counted(p: Paths) -> str:
    """ "say, 500 or 1,000" stored as a count."""
    add_passage(
        p, "q-gift",
        '"Whenever a high-ranking North Korean official visited China," she explains, "they '
        "would ask for, say, 500 or 1,000 defectors, and China would immediately repatriate "
        'them, as if it were a gift."',
        kind="quoted_statement",
    )  # fmt: skip
    _add_figure(
        p, "f-gift", quote="q-gift", value="say, 500 or 1,000", hedge="say", number=500,
        measures="Defectors China would repatriate when an official visited: an illustration.",
        topic="detained-in-china",
    )  # fmt: skip
    return "content/figures.yaml: f-gift: number: 'say' makes the value illustrative: no number"


def cumulative_total_on_the_yearly_chart(p: Paths) -> str:
    """An all-time total (a passage of the 2016 student blog, added to the copy) put on the
    yearly chart's topic."""
    add_passage(
        p, "q-total",
        "And as of 2015, there has been a total of 28,795 North Korean defectors that have "
        "crossed over to the South Korean border since the end of the Korean War in 1953.",
    )  # fmt: skip
    _add_figure(
        p, "f-total", quote="q-total", value="28,795", number=28795, year=2015,
        measures="North Korean defectors who had crossed to the South by 2015, since 1953.",
        topic="defectors-per-year",
    )  # fmt: skip
    return (
        "content/figures.yaml: f-total: topic: the quote gives a cumulative total "
        "('a total of'), but topic defectors-per-year measures a count per year"
    )


def reader_only_claim_as_fact(p: Paths) -> str:
    """Dandong's bounty hunters stated as fact, on the strength of a reader comment alone."""
    _change_feature(p, "places.geojson", "dandong-town", summary="Bounty hunters work Dandong.")
    return (
        "geodata/places.geojson: dandong-town: summary: “Bounty hunters work Dandong.” rests on "
        "reader comments alone for Dandong; say so (e.g. “an anonymous reader wrote (2005) …”)"
    )


def two_commenters_merged(p: Paths) -> str:
    """Two different commenters made into "a reader comment"."""
    _change_feature(
        p, "places.geojson", "dandong-town",
        quotes=lambda q: [*q, "rc-russia-proposal"],
        summary="A reader comment says the bounty in Dandong is 25 yuan and Russia can help.",
    )  # fmt: skip
    return (
        "geodata/places.geojson: dandong-town: summary: “A reader comment says the bounty in "
        "Dandong is 25 yuan an...” merges 2 different commenters (the commenter of 2005-10-01, "
        "10:01 pm; the commenter of 2005-10-02, 10:16 am) into one; name each as the text "
        "identifies them"
    )


def excerpt_credited_to_the_blogger(p: Paths) -> str:
    """A passage credited to an article it quotes (excerpt_from), yet filed as the text's own
    reporting."""
    _change_record(p, "quotes.yaml", "q-sold-to-men", excerpt_from="an unnamed newspaper article")
    return "content/quotes.yaml: q-sold-to-men: excerpt_from: required for, and only for, excerpts"


def quote_off_the_map_unexplained(p: Paths) -> str:
    """A quote attached to nothing, with no off_map reason."""
    add_passage(p, "q-mostly-women", "The defectors are mostly women.", off_map=None)
    return (
        "content/quotes.yaml: q-mostly-women: off_map: attached to nothing on the map; "
        "attach it, or say why not in off_map"
    )


def reported_year_before_the_source(p: Paths) -> str:
    """ "Reported 2003" on a leg whose passage was written in 2023."""
    _change_feature(p, f"routes/{CROSSING}.geojson", f"{CROSSING}-1", reported=[2003, 2023])
    return (
        f"geodata/routes/{CROSSING}.geojson: {CROSSING}-1: reported: 2003 comes before "
        "the earliest attached source (2023): a text cannot report what it was written before"
    )


def happened_year_unexplained(p: Paths) -> str:
    """An event year that no passage writes, without a note saying how it was derived."""
    _change_feature(
        p, f"routes/{CROSSING}.geojson", f"{CROSSING}-3", happened={"from": 2015, "to": 2015}
    )
    return (
        f"geodata/routes/{CROSSING}.geojson: {CROSSING}-3: happened: 2015 is written in no "
        "attached passage; say how it was derived in note"
    )


def unstated_leg_drawn_as_a_path(p: Paths) -> str:
    """A leg whose means no text gives, drawn with a bend in the middle like a road."""
    _change_feature(
        p,
        f"routes/{CROSSING}.geojson",
        f"{CROSSING}-2",
        coords=lambda c: [c[0], [126.0, 42.7], *c[1:]],
    )
    return (
        f"geodata/routes/{CROSSING}.geojson: {CROSSING}-2: geometry: a leg whose means is "
        "unstated holds only its two endpoints (it is drawn as an arc); it has 3 points"
    )


def internal_id_in_a_note(p: Paths) -> str:
    """A contest note that names a text by its internal id, which no reader knows."""
    data = _yaml(p.content / "quotes.yaml")
    quote = next(q for q in data if q.get("contested"))
    source = quote["source"]
    quote["contested"] += f" See {source}."
    _put_yaml(p.content / "quotes.yaml", data)
    return (
        f"content/quotes.yaml: {quote['id']}: contested: names the internal id {source!r}; "
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
