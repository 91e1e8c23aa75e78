"""The content's geodata as GeoDataFrames: geopandas (GDAL through pyogrio) is the spatial engine.

- ``segments``: one row per route segment, its **drawn** line as the geometry (arcs as drawn:
  :attr:`.derived.Derived.lines`), its attributes, and its stored endpoints (``start_lon`` ...);
- ``places``: one row per place, a Point;
- ``countries`` and ``rivers``: the basemap.

Every frame is in WGS 84 longitude/latitude (EPSG:4326, the only CRS GeoJSON has since RFC 7946);
:func:`crs_problems` checks the CRS each geodata file declares, and :func:`invalid_geometries`
names every geometry GEOS finds invalid (the frames keep a repaired copy, so the checks that
follow still run). The geography rules (:mod:`escape_routes.rules.coordinates`,
:mod:`escape_routes.rules.crossings`) work on these frames, and the layer files
(:mod:`escape_routes.outputs.layers`) are written from them. A server process imports this
module only to build a download: the validator runs outside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import LineString, Point

from escape_routes.content.derived import Shape, derived
from escape_routes.content.model import Atlas, Effect, Problem
from escape_routes.content.tables import FILES, PLACES, segment_file, table_of

CRS = "EPSG:4326"


@dataclass(frozen=True)
class GeoFrames:
    """The atlas's segments, places, countries and rivers as GeoDataFrames (EPSG:4326)."""

    segments: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    countries: gpd.GeoDataFrame
    rivers: gpd.GeoDataFrame
    problems: tuple[Problem, ...]  # invalid geometries, each named


def frames(atlas: Atlas) -> GeoFrames:
    """The atlas's GeoDataFrames, built once per atlas."""
    return derived(atlas).memo("geoframes", lambda: _build(atlas))


def _build(atlas: Atlas) -> GeoFrames:
    lines = derived(atlas).lines
    segments = gpd.GeoDataFrame(
        [
            {
                **s.model_dump(exclude={"coords", "happened"}),
                "happened": s.happened,
                "start_lon": s.coords[0][0],
                "start_lat": s.coords[0][1],
                "end_lon": s.coords[-1][0],
                "end_lat": s.coords[-1][1],
                "file": segment_file(s.route),
                "geometry": LineString(lines[s.id]),
            }
            for s in atlas.segments.values()
        ],
        geometry="geometry",
        crs=CRS,
        columns=None if atlas.segments else ["id", "file", "geometry"],
    )
    places = gpd.GeoDataFrame(
        [
            {
                **p.model_dump(exclude={"happened"}),
                "happened": p.happened,
                "file": PLACES,
                "geometry": Point(p.lon, p.lat),
            }
            for p in atlas.places.values()
        ],
        geometry="geometry",
        crs=CRS,
        columns=None if atlas.places else ["id", "file", "geometry"],
    )
    shapes = derived(atlas).basemap  # the basemap's shapes, parsed once per atlas
    countries = _basemap(shapes.countries, FILES["countries"])
    rivers = _basemap(shapes.rivers, FILES["rivers"])
    found: list[Problem] = []
    out = []
    for frame in (segments, places, countries, rivers):
        problems, repaired = invalid_geometries(frame)
        found += problems
        out.append(repaired)
    return GeoFrames(*out, problems=tuple(found))


def _basemap(shapes: tuple[Shape, ...], file: str) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "iso_a3": [s.iso for s in shapes],
            "label": [s.label for s in shapes],
            "id": [s.iso or s.label for s in shapes],
            "file": [file] * len(shapes),
        },
        geometry=[s.geometry for s in shapes],
        crs=CRS,
    )


def invalid_geometries(frame: gpd.GeoDataFrame) -> tuple[list[Problem], gpd.GeoDataFrame]:
    """A problem for each invalid geometry (GEOS's reason and where), and the frame with those
    geometries repaired (:func:`shapely.make_valid`), so that the checks after it can run."""
    if frame.empty:
        return [], frame
    bad = ~frame.geometry.is_valid
    basemap = (FILES["countries"], FILES["rivers"])
    problems = [
        Problem(
            row.file,
            str(row.id),
            "geometry",
            f"invalid geometry: {shapely.is_valid_reason(g)}",
            table=table_of(row.file),
            # a basemap shape is drawn repaired; a route's or place's leaves the record out
            effect=Effect.REPORT if row.file in basemap else None,
        )  # fmt: skip
        for row, g in zip(frame[bad].itertuples(), frame.geometry[bad], strict=True)
    ]
    if not problems:
        return [], frame
    repaired = frame.copy()
    repaired.loc[bad, "geometry"] = shapely.make_valid(frame.geometry[bad].to_numpy())
    return problems, repaired


def crs_problems(geodata: Path) -> list[Problem]:
    """A problem for each geodata file that declares a CRS other than WGS 84 longitude/latitude
    (a legacy GeoJSON ``crs`` member, as older GIS software writes it)."""
    import pyogrio

    out = []
    files = [geodata / "places.geojson", *sorted((geodata / "routes").glob("*.geojson"))]
    files += [geodata / "basemap" / "countries.geojson", geodata / "basemap" / "rivers.geojson"]
    for path in files:
        try:
            crs = pyogrio.read_info(path)["crs"]
        except Exception:  # a file GDAL cannot read: the loader names what is wrong with it
            continue
        if crs not in (CRS, "OGC:CRS84"):
            label = f"geodata/{path.relative_to(geodata).as_posix()}"
            msg = (
                f"declares its coordinates in {crs}; geodata must be WGS 84 longitude/latitude "
                f"({CRS}), as GeoJSON (RFC 7946) requires"
            )
            out.append(
                Problem(label, None, "crs", msg, table=table_of(label), rule="R5",
                        effect=Effect.REPORT)
            )  # fmt: skip
    return out
