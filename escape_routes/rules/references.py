"""Rules 2, 3 and 4 for everything that carries risks and quotes (places, segments, routes, tour
steps): every reference resolves, every risk is backed by an attached quote tagged with it, and
every number in the item's own words is written in one of its quotes. And rule 3 for terms:
every kind, status or means a record uses is in ``content/vocabulary.yaml``.
"""

from __future__ import annotations

from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas, Problem, Segment
from escape_routes.content.textnorm import numbers_in

PLACES = "geodata/places.geojson"


def segment_file(seg: Segment) -> str:
    """The file a segment is read from, as problems name it."""
    return f"geodata/routes/{seg.route}.geojson"


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
    stated |= {str(y) for y in derived(atlas).years(quotes)}
    for n in sorted(numbers_in(own_text) - stated):
        out.append(Problem(file, rid, "summary", f"number {n} is not in any attached quote"))
    return out


def check_features(atlas: Atlas) -> list[Problem]:
    """Rules 2-4 for places, segments, routes and tour steps."""
    out: list[Problem] = []
    for p in atlas.places.values():
        out += _check_feature(atlas, PLACES, p.id, p.risks, p.quotes, p.summary)
    for s in atlas.segments.values():
        f = segment_file(s)
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
            out.append(Problem(segment_file(seg), seg.id, "route", msg))
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
            (segment_file(s), s.id, "status", "statuses", s.status),
            (segment_file(s), s.id, "means", "means", s.means),
        ]
    return [
        Problem(file, rid, fld, f"{term!r} is not in content/vocabulary.yaml ({table})")
        for file, rid, fld, table, term in uses
        if term not in getattr(vocab, table)
    ]
