"""Load content/ and geodata/ into one Atlas, keeping every valid record and naming every bad one.

Loading never raises on bad content: each problem becomes a :class:`Problem` (file, id, field,
message) and the record it concerns is left out, so the app can draw everything else.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from escape_routes.model import (
    Figure,
    Place,
    Quote,
    Risk,
    Route,
    Segment,
    Source,
    TourStep,
)

ROOT = Path(__file__).resolve().parent.parent
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, precise enough to fix without searching."""

    file: str
    id: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = ": ".join(p for p in (self.file, self.id, self.field) if p)
        return f"{where}: {self.message}"


@dataclass
class Atlas:
    """Everything the app shows, valid records only, plus the problems found while loading."""

    sources: dict[str, Source] = field(default_factory=dict)
    quotes: dict[str, Quote] = field(default_factory=dict)
    risks: dict[str, Risk] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)
    routes: dict[str, Route] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    segments: dict[str, Segment] = field(default_factory=dict)
    tour: list[TourStep] = field(default_factory=list)
    countries: dict[str, Any] = field(default_factory=dict)
    rivers: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def route_segments(self, route_id: str) -> list[Segment]:
        """The segments of one route in travel order."""
        return sorted(
            (s for s in self.segments.values() if s.route == route_id), key=lambda s: s.order
        )


@dataclass(frozen=True)
class Paths:
    """Where the content lives; overridable for tests and for a copy being edited."""

    content: Path
    geodata: Path
    sources: Path

    @classmethod
    def default(cls) -> Paths:
        """The repository's folders, or those named by ESCAPE_ROUTES_* environment variables."""
        env = os.environ.get
        return cls(
            content=Path(env("ESCAPE_ROUTES_CONTENT", ROOT / "content")),
            geodata=Path(env("ESCAPE_ROUTES_GEODATA", ROOT / "geodata")),
            sources=Path(env("ESCAPE_ROUTES_SOURCES", ROOT.parent / "shared" / "sources")),
        )


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


def _rel(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base.parent))
    except ValueError:
        return str(path)


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


def read_yaml_list(path: Path, label: str, problems: list[Problem]) -> list[Any]:
    """A YAML file that must hold a non-empty list; problems are appended, never raised."""
    text = _read_text(path, label, problems)
    if text is None:
        return []
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(label, None, None, f"malformed YAML{at}: {reason}"))
        return []
    if not isinstance(data, list) or not data:
        problems.append(Problem(label, None, None, "must be a non-empty list of records"))
        return []
    return data


def read_geojson(path: Path, label: str, problems: list[Problem]) -> list[dict[str, Any]]:
    """The features of a GeoJSON FeatureCollection; problems are appended, never raised."""
    text = _read_text(path, label, problems)
    if text is None:
        return []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(
            Problem(label, None, None, f"malformed GeoJSON at line {exc.lineno}: {exc.msg}")
        )
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


def load_atlas(paths: Paths | None = None) -> Atlas:
    """Read and check all content; invalid records are reported and left out.

    Parameters
    ----------
    paths
        Folders to read; defaults to the repository's (see :meth:`Paths.default`).

    Returns
    -------
    Atlas
        Valid records, basemap layers, and one :class:`Problem` per thing wrong.
    """
    from escape_routes import checks

    paths = paths or Paths.default()
    problems: list[Problem] = []
    atlas = Atlas(problems=problems)
    c, g = paths.content, paths.geodata

    def yaml_records(name: str, model: type[M]) -> dict[str, M]:
        label = f"content/{name}"
        return parse_records(read_yaml_list(c / name, label, problems), model, label, problems)

    atlas.sources = yaml_records("sources.yaml", Source)
    atlas.risks = yaml_records("risks.yaml", Risk)
    atlas.quotes = yaml_records("quotes.yaml", Quote)
    atlas.figures = yaml_records("figures.yaml", Figure)
    atlas.routes = yaml_records("routes.yaml", Route)
    atlas.tour = list(yaml_records("tour.yaml", TourStep).values())

    label = "geodata/places.geojson"
    atlas.places = parse_records(
        read_geojson(g / "places.geojson", label, problems), Place, label, problems, _place_row
    )
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
            elif sid in atlas.segments:
                problems.append(Problem(label, sid, "id", "duplicate id"))
            else:
                atlas.segments[sid] = seg
    atlas.countries = _load_basemap(
        g / "basemap" / "countries.geojson", "geodata/basemap/countries.geojson", problems
    )
    atlas.rivers = _load_basemap(
        g / "basemap" / "rivers.geojson", "geodata/basemap/rivers.geojson", problems
    )
    checks.run_all(atlas, paths)
    return atlas
