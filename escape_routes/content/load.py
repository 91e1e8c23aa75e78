"""Read content/ and geodata/ into one Atlas, keeping every valid record and naming every bad one.

Reading never raises on bad content: each problem becomes a :class:`Problem` (file, id, field,
message) and the record it concerns is left out, so the app can draw everything else. Reading,
checking and pruning are three steps: :func:`read_atlas` (here) parses the files,
:func:`escape_routes.rules.validator.run_all` returns what the rules find, and
:func:`~escape_routes.rules.validator.prune` returns the atlas without the bad records;
:func:`~escape_routes.rules.validator.load_atlas` does all three.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from escape_routes.content.model import (
    EMPTY_VOCABULARY,
    Atlas,
    Figure,
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

M = TypeVar("M", bound=BaseModel)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that rejects a key given twice in one mapping."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_text(path: Path, label: str, problems: list[Problem]) -> str | None:
    """A file's text, or None (with a Problem) when it is missing, unreadable or empty."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(label, None, None, "file is missing"))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(label, None, None, f"cannot be read: {exc}"))
        return None
    if not text.strip():
        problems.append(Problem(label, None, None, "file is empty"))
        return None
    return text


_MISSING = object()


def _read_yaml(path: Path, label: str, problems: list[Problem]) -> Any:
    """A YAML file's data, or ``_MISSING`` (with a Problem) when it cannot be read or parsed."""
    text = _read_text(path, label, problems)
    if text is None:
        return _MISSING
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(label, None, None, f"malformed YAML{at}: {reason}"))
        return _MISSING


def read_yaml_list(path: Path, label: str, problems: list[Problem]) -> list[Any]:
    """A YAML file that must hold a non-empty list; problems are appended, never raised."""
    data = _read_yaml(path, label, problems)
    if data is _MISSING:
        return []
    if not isinstance(data, list) or not data:
        problems.append(Problem(label, None, None, "must be a non-empty list of records"))
        return []
    return data


class _DuplicateKey(ValueError):
    """A JSON object gave the same key twice."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON objects like YAML mappings: a key given twice is an error, not the last one."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(repr(key))
        out[key] = value
    return out


def read_geojson(path: Path, label: str, problems: list[Problem]) -> list[dict[str, Any]]:
    """The features of a GeoJSON FeatureCollection; problems are appended, never raised."""
    text = _read_text(path, label, problems)
    if text is None:
        return []
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        problems.append(
            Problem(label, None, None, f"malformed GeoJSON at line {exc.lineno}: {exc.msg}")
        )
        return []
    except _DuplicateKey as exc:
        problems.append(Problem(label, None, None, f"malformed GeoJSON: duplicate key {exc}"))
        return []
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        problems.append(Problem(label, None, "type", "must be a GeoJSON FeatureCollection"))
        return []
    features = data.get("features")
    if not isinstance(features, list) or not features:
        problems.append(Problem(label, None, "features", "must be a non-empty list"))
        return []
    return features


def _describe(err: dict[str, Any]) -> tuple[str, str]:
    loc = ".".join(str(p) for p in err["loc"]) or None
    if err["type"] == "missing":
        return loc or "", "required field is missing"
    if err["type"] == "extra_forbidden":
        return loc or "", "unknown field"
    return loc or "", err["msg"]


def parse_records(
    rows: Iterable[Any],
    model: type[M],
    label: str,
    problems: list[Problem],
    prepare: Callable[[Any], dict[str, Any]] | None = None,
) -> dict[str, M]:
    """Validate rows into records keyed by id; a bad or duplicate row becomes a Problem."""
    records: dict[str, M] = {}
    for n, row in enumerate(rows, start=1):
        rid = row.get("id") if isinstance(row, dict) else None
        name = str(rid) if rid is not None else f"record #{n}"
        try:
            data = prepare(row) if prepare else row
            record = model.model_validate(data)
        except (ValidationError, ValueError) as exc:
            errors = exc.errors() if isinstance(exc, ValidationError) else []
            if not errors:
                problems.append(Problem(label, name, None, str(exc)))
            for err in errors:
                where, what = _describe(err)
                problems.append(Problem(label, name, where, what))
            continue
        key = record.id  # type: ignore[attr-defined]
        if key in records:
            problems.append(Problem(label, key, "id", "duplicate id"))
            continue
        records[key] = record
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


def _load_basemap(path: Path, label: str, problems: list[Problem]) -> dict[str, Any]:
    features = read_geojson(path, label, problems)
    return {"type": "FeatureCollection", "features": features} if features else {}


def read_vocabulary(path: Path, label: str, problems: list[Problem]) -> Vocabulary:
    """The vocabulary file, or an empty vocabulary (with a Problem) when it cannot be used."""
    data = _read_yaml(path, label, problems)
    if data is _MISSING:
        return EMPTY_VOCABULARY
    try:
        return Vocabulary.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            where, what = _describe(err)
            problems.append(Problem(label, None, where, what))
        return EMPTY_VOCABULARY


def read_atlas(paths: Paths) -> tuple[Atlas, list[Problem]]:
    """Parse every content and geodata file into records; no rule across records is checked.

    Returns
    -------
    tuple
        The parsed atlas and one :class:`Problem` per file or record that could not be read.
    """
    problems: list[Problem] = []
    c, g = paths.content, paths.geodata

    def yaml_records(name: str, model: type[M]) -> dict[str, M]:
        label = f"content/{name}"
        return parse_records(read_yaml_list(c / name, label, problems), model, label, problems)

    vocab = read_vocabulary(c / "vocabulary.yaml", "content/vocabulary.yaml", problems)
    sources = yaml_records("sources.yaml", Source)
    risks = yaml_records("risks.yaml", Risk)
    quotes = yaml_records("quotes.yaml", Quote)
    figures = yaml_records("figures.yaml", Figure)
    routes = yaml_records("routes.yaml", Route)
    tour = tuple(yaml_records("tour.yaml", TourStep).values())
    label = "geodata/places.geojson"
    places = parse_records(
        read_geojson(g / "places.geojson", label, problems), Place, label, problems, _place_row
    )
    segments: dict[str, Segment] = {}
    route_files = sorted((g / "routes").glob("*.geojson"))
    if not route_files:
        problems.append(Problem("geodata/routes", None, None, "no route files found"))
    for path in route_files:
        label = f"geodata/routes/{path.name}"
        segs = parse_records(
            read_geojson(path, label, problems), Segment, label, problems, _segment_row
        )
        for sid, seg in segs.items():
            if seg.route != path.stem:
                problems.append(Problem(label, sid, "route", f"must be {path.stem!r}"))
            elif sid in segments:
                problems.append(Problem(label, sid, "id", "duplicate id"))
            else:
                segments[sid] = seg
    from escape_routes.content.geoframes import crs_problems  # geopandas: not in the server

    problems += crs_problems(g)
    basemap = {
        name: _load_basemap(
            g / "basemap" / f"{name}.geojson", f"geodata/basemap/{name}.geojson", problems
        )
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
        **basemap,
    )
    return atlas, problems


def read_about(paths: Paths) -> str | None:
    """The About page's text (``content/about.md``: the project's own Markdown), or None."""
    try:
        return paths.content.joinpath("about.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
