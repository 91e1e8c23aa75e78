"""Rule 7: a drawn line crosses only the countries its segment declares and its passages name.

The line checked is the line drawn (:func:`escape_routes.content.geometry.drawn_line`), arcs
included, and where it runs comes from one overlay of every drawn line with every country
(geopandas, on the atlas's GeoDataFrames: :mod:`escape_routes.content.geoframes`), measured with
the one geodesic routine (:func:`escape_routes.content.geometry.line_km`). For each segment:

- a leg drawn as an arc (means ``unstated`` or ``air``) holds only its two endpoints, and only
  such a leg may ``bend``;
- it starts in the first country it declares and ends in the last (2 km slack: the basemap is
  generalised, and Musan, Changbai and Boten lie within ~1.5 km of a border);
- a ground leg crosses exactly the countries it declares, in that order; stretches shorter than
  2 km are ignored, since the drawn borders can be that far off;
- every declared country is named in the segment's own passages, or is where it starts or ends;
- no line, arcs included, runs through North Korea unless that stretch starts or ends the leg.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from escape_routes.content.geometry import distance_km, is_arc, line_km
from escape_routes.content.model import Atlas, Problem, Segment
from escape_routes.content.tables import segment_file
from escape_routes.rules import gazetteer as gazetteers

if TYPE_CHECKING:
    import geopandas as gpd

    from escape_routes.rules.gazetteer import Gazetteer


MIN_STRETCH_KM = 2.0
ENDPOINT_SLACK_KM = 2.0
NORTH_KOREA = "PRK"


@dataclass(frozen=True)
class Stretch:
    """A piece of a drawn line inside one country."""

    country: str
    km: float
    at: float  # where along the line it begins (0 = start, 1 = end)
    touches_start: bool
    touches_end: bool


def _problem(seg: Segment, fld: str, msg: str) -> Problem:
    return Problem(segment_file(seg.route), seg.id, fld, msg)


def _near_km(geom, point) -> float:
    from shapely.ops import nearest_points

    near = nearest_points(geom, point)[0]
    return distance_km((near.x, near.y), (point.x, point.y))


def stretches(segments: gpd.GeoDataFrame, countries: gpd.GeoDataFrame) -> dict[str, list[Stretch]]:
    """Segment id -> the pieces of its drawn line inside each country, in the order the line
    meets them: one overlay of every drawn line with every country.

    Pieces shorter than MIN_STRETCH_KM are left out (generalised borders).
    """
    import geopandas as gpd
    from shapely import Point

    lines = segments[["id", "geometry"]]
    shapes = countries[["iso_a3", "geometry"]]
    if lines.empty or shapes.empty:
        return {sid: [] for sid in lines["id"]}
    pieces = gpd.overlay(lines, shapes, how="intersection", keep_geom_type=True)
    pieces = pieces.explode(index_parts=False)
    drawn = dict(zip(lines["id"], lines.geometry, strict=True))
    out: dict[str, list[Stretch]] = {sid: [] for sid in drawn}
    for sid, iso, part in zip(pieces["id"], pieces["iso_a3"], pieces.geometry, strict=True):
        if part.is_empty:
            continue
        km = line_km(part.coords)
        if km < MIN_STRETCH_KM:
            continue
        line = drawn[sid]
        start, end = Point(line.coords[0]), Point(line.coords[-1])
        out[sid].append(
            Stretch(
                iso,
                round(km, 1),
                line.project(Point(part.coords[0]), normalized=True),
                _near_km(part, start) <= ENDPOINT_SLACK_KM,
                _near_km(part, end) <= ENDPOINT_SLACK_KM,
            )
        )
    return {sid: sorted(parts, key=lambda s: s.at) for sid, parts in out.items()}


def _sequence(parts: list[Stretch]) -> list[str]:
    seq: list[str] = []
    for p in parts:
        if not seq or seq[-1] != p.country:
            seq.append(p.country)
    return seq


def check_segment(
    seg: Segment, parts: list[Stretch], shapes: dict, passages: str, gazetteer: Gazetteer
) -> list[Problem]:
    """Every geography problem of one segment: ``parts``, its stretches; ``shapes``, ISO code
    -> country geometry; ``passages``, its quotes' text, joined."""
    out: list[Problem] = []
    arc = is_arc(seg)
    if arc and len(seg.coords) != 2:
        msg = (
            f"a leg whose means is {seg.means} holds only its two endpoints (it is drawn as an "
            f"arc); it has {len(seg.coords)} points"
        )
        out.append(_problem(seg, "geometry", msg))
    if not arc and seg.bend is not None:
        out.append(_problem(seg, "bend", "only a leg drawn as an arc (unstated or air) bends"))
    unknown = [c for c in seg.countries if c not in shapes]
    for iso in unknown:
        out.append(_problem(seg, "countries", f"{iso} is not on the basemap"))
    if unknown or not shapes:
        return out
    out += _check_ends(seg, shapes)
    for p in parts:
        if p.country == NORTH_KOREA and not (p.touches_start or p.touches_end):
            msg = (
                f"the drawn line runs {p.km:.0f} km through North Korea (PRK) on its way elsewhere"
            )
            out.append(_problem(seg, "geometry", msg))
    if not arc:
        out += _check_crossed(seg, parts)
    ends = {seg.countries[0], seg.countries[-1]}
    for iso in seg.countries:
        if iso not in ends and not gazetteer.names_country(iso, passages):
            msg = (
                f"{iso} is named in none of its passages, and the leg neither starts nor ends there"
            )
            out.append(_problem(seg, "countries", msg))
    return out


def _check_ends(seg: Segment, shapes: dict) -> list[Problem]:
    """The leg starts in its first declared country and ends in its last (2 km slack)."""
    from shapely import Point

    out = []
    coords = seg.coords  # a drawn line starts and ends on its stored endpoints
    ends = ((coords[0], seg.countries[0], "first"), (coords[-1], seg.countries[-1], "last"))
    for point, iso, which in ends:
        pt = Point(point)
        if shapes[iso].contains(pt):
            continue
        km = _near_km(shapes[iso].boundary, pt)
        if km > ENDPOINT_SLACK_KM:
            verb = "starts" if which == "first" else "ends"
            msg = f"{verb} in {iso}, but its {which} point lies {km:.1f} km outside it"
            out.append(_problem(seg, "countries", msg))
    return out


def _check_crossed(seg: Segment, parts: list[Stretch]) -> list[Problem]:
    """A ground leg crosses exactly the countries it declares, in the declared order."""
    out = []
    crossed: dict[str, float] = {}
    for p in parts:
        crossed[p.country] = crossed.get(p.country, 0.0) + p.km
    for iso, km in crossed.items():
        if iso not in seg.countries and iso != NORTH_KOREA:
            msg = f"the drawn line crosses {iso} for {km:.0f} km, which countries does not declare"
            out.append(_problem(seg, "countries", msg))
    ends = {seg.countries[0], seg.countries[-1]}
    for iso in seg.countries:
        if iso not in crossed and iso not in ends:
            msg = f"declares {iso}, but the drawn line does not cross it"
            out.append(_problem(seg, "countries", msg))
    seq = _dedupe([c for c in _sequence(parts) if c in seg.countries])
    declared = [c for c in seg.countries if c in crossed]
    if set(seq) == set(declared) and seq != declared:
        msg = f"the line passes {', '.join(seq)}, not in the declared order {', '.join(declared)}"
        out.append(_problem(seg, "countries", msg))
    return out


def _dedupe(seq: list[str]) -> list[str]:
    seen: list[str] = []
    for c in seq:
        if c not in seen:
            seen.append(c)
    return seen


def check_lines(atlas: Atlas) -> list[Problem]:
    """Rule 7 for every segment, on the atlas's GeoDataFrames."""
    from escape_routes.content.geoframes import frames

    gazetteer = gazetteers.of(atlas)
    geo = frames(atlas)
    shapes = dict(zip(geo.countries["iso_a3"], geo.countries.geometry, strict=True))
    parts = stretches(geo.segments, geo.countries) if shapes else {}
    out: list[Problem] = []
    for seg in atlas.segments.values():
        passages = " ".join(atlas.quotes[q].text for q in seg.quotes if q in atlas.quotes)
        out += check_segment(seg, parts.get(seg.id, []), shapes, passages, gazetteer)
    return out
