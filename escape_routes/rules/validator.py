"""The validator: every rule run on a parsed atlas, the atlas pruned of what they find, and
:func:`load_atlas`, which does both after reading the files.

Each rule lives in its own module of this package and returns Problems without touching the
Atlas; :func:`prune` returns a new atlas without the records they concern.
"""

from __future__ import annotations

from dataclasses import replace

from escape_routes.content.load import read_atlas
from escape_routes.content.model import Atlas, Place, Problem, Segment
from escape_routes.content.paths import Paths, in_ci
from escape_routes.rules import honesty
from escape_routes.rules.coordinates import check_geometry
from escape_routes.rules.figures import check_values
from escape_routes.rules.references import PLACES, check_features, check_terms, segment_file
from escape_routes.rules.verbatim import check_quotes, skipped_note


def run_all(atlas: Atlas, paths: Paths) -> tuple[list[Problem], list[str]]:
    """Run every rule on a parsed atlas.

    Returns
    -------
    tuple
        The problems found, and notes (a check that was skipped, and why).
    """
    found = check_terms(atlas) + check_quotes(atlas, paths) + check_values(atlas)
    found += check_features(atlas)
    found += honesty.run(atlas, paths)
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
        if (segment_file(v), k) not in bad
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


def load_atlas(paths: Paths | None = None) -> Atlas:
    """Read and check all content; invalid records are reported and left out.

    Parameters
    ----------
    paths
        Folders to read; defaults to the repository's (see :meth:`Paths.default`).

    Returns
    -------
    Atlas
        Valid records, basemap layers, one :class:`Problem` per thing wrong, and notes (such as
        a check that was skipped).
    """
    paths = paths or Paths.default()
    parsed, problems = read_atlas(paths)
    found, notes = run_all(parsed, paths)
    atlas = prune(parsed, found)
    return replace(atlas, problems=(*problems, *found), notes=tuple(notes))
