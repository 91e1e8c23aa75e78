"""Read content/ and geodata/ into one Atlas, keeping every valid record and naming every bad one.

Reading never raises on bad content: each problem becomes a :class:`Problem` (file, table, id,
field, message, the rule it breaks and what loading does about it) and the record it concerns
is left out, so the app can draw everything else. A file that cannot be parsed is named at its
cause, in plain words (:mod:`.syntax`); a record that does not fit its schema, in a teacher's
words (:mod:`.schema`). Reading, checking and pruning are three steps: :func:`read_atlas` (here)
parses the files, :func:`escape_routes.rules.validator.run_all` returns what the rules find, and
:func:`~escape_routes.rules.validator.prune` returns the atlas without the bad records;
:func:`~escape_routes.rules.validator.load_atlas` does all three.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from escape_routes.content.frozen import deep_frozen
from escape_routes.content.model import (
    EMPTY_VOCABULARY,
    Atlas,
    Effect,
    Figure,
    GazetteerEntry,
    Place,
    Problem,
    Quote,
    Risk,
    Route,
    Segment,
    Source,
    TourStep,
    Vocabulary,
)
from escape_routes.content.paths import Paths
from escape_routes.content.schema import describe
from escape_routes.content.syntax import (
    MISSING,
    file_problem,
    parse_json,
    read_json,
    read_text,
    read_yaml,
)
from escape_routes.content.tables import FILES, ROUTE_FILES, segment_file, table_of

M = TypeVar("M", bound=BaseModel)


def read_yaml_list(path: Path, label: str, problems: list[Problem]) -> list[Any]:
    """A YAML file that must hold a non-empty list; problems are appended, never raised."""
    data = read_yaml(path, label, problems)
    if data is MISSING:
        return []
    if not isinstance(data, list) or not data:
        msg = 'must be a non-empty list of records, each starting with "- " (a dash and a space)'
        problems.append(file_problem(label, msg))
        return []
    return data


def read_geojson(path: Path, label: str, problems: list[Problem]) -> list[dict[str, Any]]:
    """The features of a GeoJSON FeatureCollection; problems are appended, never raised."""
    return _features(read_json(path, label, problems), label, problems)


def _features(data: Any, label: str, problems: list[Problem]) -> list[dict[str, Any]]:
    """The features of a parsed GeoJSON FeatureCollection (:func:`read_geojson`)."""
    if data is MISSING:
        return []
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        problems.append(file_problem(label, "must be a GeoJSON FeatureCollection", "type"))
        return []
    features = data.get("features")
    if not isinstance(features, list) or not features:
        problems.append(file_problem(label, "must be a non-empty list", "features"))
        return []
    return features


def _record_problem(label: str, rid: str | None, field: str | None, msg: str, rule: str) -> Problem:
    effect = Effect.DROP_RECORD
    return Problem(label, rid, field, msg, table=table_of(label), rule=rule, effect=effect)


def parse_records(
    rows: Iterable[Any],
    model: type[M],
    label: str,
    problems: list[Problem],
    prepare: Callable[[Any], dict[str, Any]] | None = None,
    vocab: Vocabulary = EMPTY_VOCABULARY,
    key: str = "id",
) -> dict[str, M]:
    """Validate rows into records keyed by ``key``; a bad or duplicate row becomes a Problem."""
    records: dict[str, M] = {}
    table = table_of(label)
    for n, row in enumerate(rows, start=1):
        rid = row.get(key) if isinstance(row, dict) else None
        name = str(rid) if rid is not None else f"record #{n}"
        try:
            data = prepare(row) if prepare else row
            record = model.model_validate(data)
        except (ValidationError, ValueError) as exc:
            errors = exc.errors() if isinstance(exc, ValidationError) else []
            if not errors:
                problems.append(_record_problem(label, name, None, str(exc), "R0"))
            for err in errors:
                where, what = describe(err, model, table, vocab)
                problems.append(_record_problem(label, name, where or None, what, "R0"))
            continue
        rid = getattr(record, key)
        if rid in records:
            problems.append(_record_problem(label, rid, key, f"duplicate {key}", "R3"))
            continue
        records[rid] = record
    return records


def _place_row(feature: Any) -> dict[str, Any]:
    return _feature_row(feature, "Point", lambda c: {"lon": c[0], "lat": c[1]})


def _segment_row(feature: Any) -> dict[str, Any]:
    return _feature_row(feature, "LineString", lambda c: {"coords": [tuple(p) for p in c]})


def _feature_row(
    feature: Any, geometry_type: str, coords: Callable[[Any], dict[str, Any]]
) -> dict[str, Any]:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise ValueError("not a GeoJSON Feature")
    props = feature.get("properties")
    if not isinstance(props, dict):
        raise ValueError("feature has no properties")
    geometry = feature.get("geometry") or {}
    gtype = geometry.get("type")
    if gtype != geometry_type:
        raise ValueError(f"geometry must be a {geometry_type}, not {gtype}")
    if "id" in feature and feature["id"] != props.get("id"):
        raise ValueError("feature id differs from properties.id")
    try:
        return {**props, **coords(geometry.get("coordinates"))}
    except (TypeError, IndexError) as exc:
        raise ValueError(f"malformed {geometry_type} coordinates") from exc


def _load_basemap(path: Path, label: str, problems: list[Problem]) -> Mapping[str, Any]:
    """A basemap layer, frozen (:func:`_basemap_layer`)."""
    text = read_text(path, label, problems)
    if text is None:
        return deep_frozen({})
    layer, found = _basemap_layer(label, text)
    problems += found
    return layer


@lru_cache(maxsize=4)
def _basemap_layer(label: str, text: str) -> tuple[Mapping[str, Any], tuple[Problem, ...]]:
    """A basemap file's text as a frozen layer, with the problems found in it: parsed and
    frozen once per text (the two files are the largest there are and seldom change; a copy of
    the content, or the next check after an edit, has the same ones)."""
    problems: list[Problem] = []
    features = _features(parse_json(text, label, problems), label, problems)
    layer = {"type": "FeatureCollection", "features": features} if features else {}
    return deep_frozen(layer), tuple(problems)


def read_vocabulary(path: Path, label: str, problems: list[Problem]) -> Vocabulary:
    """The vocabulary file, or an empty vocabulary (with a Problem) when it cannot be used."""
    data = read_yaml(path, label, problems)
    if data is MISSING:
        return EMPTY_VOCABULARY
    try:
        return Vocabulary.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            where, what = describe(err, Vocabulary, "vocab", EMPTY_VOCABULARY)
            problems.append(file_problem(label, what, where))
        return EMPTY_VOCABULARY


def read_atlas(paths: Paths) -> tuple[Atlas, list[Problem]]:
    """Parse every content and geodata file into records; no rule across records is checked.

    Returns
    -------
    tuple
        The parsed atlas and one :class:`Problem` per file or record that could not be read.
    """
    problems: list[Problem] = []

    def path(label: str) -> Path:
        folder, _, name = label.partition("/")
        return (paths.content if folder == "content" else paths.geodata) / name

    def records(table: str, model: type[M], key: str = "id") -> dict[str, M]:
        label = FILES[table]
        rows = read_yaml_list(path(label), label, problems)
        return parse_records(rows, model, label, problems, vocab=vocab, key=key)

    def features(label: str, model: type[M], row: Callable[[Any], dict[str, Any]]) -> dict[str, M]:
        rows = read_geojson(path(label), label, problems)
        return parse_records(rows, model, label, problems, row, vocab)

    vocab = read_vocabulary(path(FILES["vocab"]), FILES["vocab"], problems)
    gazetteer = tuple(records("gazetteer", GazetteerEntry, key="name").values())
    sources = records("sources", Source)
    risks = records("risks", Risk)
    quotes = records("quotes", Quote)
    figures = records("figures", Figure)
    routes = records("routes", Route)
    tour = tuple(records("tour", TourStep).values())
    places = features(FILES["places"], Place, _place_row)
    segments: dict[str, Segment] = {}
    route_files = sorted(path(ROUTE_FILES).glob("*.geojson"))
    if not route_files:
        problems.append(file_problem(ROUTE_FILES, "no route files found"))
    for route_file in route_files:
        label = segment_file(route_file.stem)
        for sid, seg in features(label, Segment, _segment_row).items():
            if seg.route != route_file.stem:
                msg = f"must be {route_file.stem!r}, the name of its file"
                problems.append(_record_problem(label, sid, "route", msg, "R3"))
            elif sid in segments:
                problems.append(_record_problem(label, sid, "id", "duplicate id", "R3"))
            else:
                segments[sid] = seg
    from escape_routes.content.geoframes import crs_problems  # geopandas: not in the server

    problems += crs_problems(paths.geodata)
    basemap = {
        name: _load_basemap(path(FILES[name]), FILES[name], problems)
        for name in ("countries", "rivers")
    }
    atlas = Atlas(
        sources=sources,
        quotes=quotes,
        risks=risks,
        figures=figures,
        routes=routes,
        places=places,
        segments=segments,
        tour=tour,
        vocab=vocab,
        gazetteer=gazetteer,
        **basemap,
    )
    return atlas, problems


def read_about(paths: Paths) -> str | None:
    """The About page's text (``content/about.md``: the project's own Markdown), or None."""
    try:
        return paths.content.joinpath("about.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
