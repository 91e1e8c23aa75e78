"""The content's tables: the file each is read from, and problems named after them.

One home for every file label a problem carries (``content/quotes.yaml``,
``geodata/routes/<route>.geojson``, …), for the vocabulary table each term field draws on, and
for the words a problem uses to help (the allowed words, "did you mean").
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from escape_routes.content.model import (
    Effect,
    Figure,
    Place,
    Problem,
    Quote,
    Record,
    Risk,
    Route,
    Segment,
    Source,
    TourStep,
)

#: table -> the file it is read from (segments: one file per route, :func:`segment_file`).
FILES = {
    "vocab": "content/vocabulary.yaml",
    "gazetteer": "content/gazetteer.yaml",
    "sources": "content/sources.yaml",
    "risks": "content/risks.yaml",
    "quotes": "content/quotes.yaml",
    "figures": "content/figures.yaml",
    "routes": "content/routes.yaml",
    "tour": "content/tour.yaml",
    "guide": "content/guide.yaml",
    "places": "geodata/places.geojson",
    "countries": "geodata/basemap/countries.geojson",
    "rivers": "geodata/basemap/rivers.geojson",
}
ROUTE_FILES = "geodata/routes"
PLACES = FILES["places"]
QUOTES = FILES["quotes"]
VOCABULARY = FILES["vocab"]

_TABLE_OF_RECORD: dict[type[Record], str] = {
    Source: "sources",
    Risk: "risks",
    Quote: "quotes",
    Figure: "figures",
    Route: "routes",
    TourStep: "tour",
    Place: "places",
    Segment: "segments",
}

#: (table, field) -> the vocabulary table its terms come from.
TERM_TABLES = {
    ("sources", "kind"): "source_kinds",
    ("quotes", "kind"): "quote_kinds",
    ("figures", "topic"): "figure_topics",
    ("places", "kind"): "place_kinds",
    ("places", "precision"): "precisions",
    ("segments", "status"): "statuses",
    ("segments", "means"): "means",
}

#: What each vocabulary table holds, in a teacher's words.
TERM_WORDS = {
    "source_kinds": "a kind of source",
    "quote_kinds": "a kind of quote",
    "figure_topics": "a figure topic",
    "place_kinds": "a kind of place",
    "precisions": "a precision",
    "statuses": "a status",
    "means": "a means of travel",
}


def segment_file(route: str) -> str:
    """The file a route's segments are read from, as problems name it."""
    return f"{ROUTE_FILES}/{route}.geojson"


def table_of(file: str) -> str | None:
    """The table a file holds (``geodata/routes/*.geojson``: segments), or None."""
    if file.startswith(ROUTE_FILES + "/") or file == ROUTE_FILES:
        return "segments"
    return next((t for t, f in FILES.items() if f == file), None)


def table_name(record: Record) -> str:
    """The table a record belongs to (``"quotes"``, ``"segments"``, …)."""
    return _TABLE_OF_RECORD[type(record)]


def file_of(record: Record) -> str:
    """The file a record is read from."""
    if isinstance(record, Segment):
        return segment_file(record.route)
    return FILES[table_name(record)]


def problem(
    record: Record,
    field: str | None,
    message: str,
    *,
    effect: Effect | None = None,
    refers: tuple[str, str | None] | None = None,
) -> Problem:
    """A problem about one record (its file and table from the record's type); the rule that
    finds it fills in its number and, unless given here, its effect."""
    return Problem(
        file_of(record),
        record.id,  # type: ignore[attr-defined]
        field,
        message,
        table=table_name(record),
        effect=effect,
        refers=refers,
    )


#: What one record of each table is called in a message ("quote q-x", "tour step 3").
NOUNS = {
    "quotes": "quote",
    "places": "place",
    "segments": "segment",
    "routes": "route",
    "sources": "source",
    "risks": "risk",
    "figures": "figure",
    "tour": "tour step",
}
_WHAT = {noun: table for table, noun in NOUNS.items()}


def unknown(
    record: Record,
    field: str,
    what: str,
    ref: str,
    known: Iterable[str],
    *,
    list_all: bool = False,
    effect: Effect = Effect.DROP_REFERENCE,
) -> Problem:
    """``unknown quote 'q-x' (did you mean 'q-y'?)``: a reference that resolves to nothing. By
    default the reference is left out and the record keeps what else it has; ``list_all`` lists
    the known ids too (for short tables: risks, routes, sources)."""
    msg = f"unknown {what} {ref!r}" + did_you_mean(ref, known, list_all=list_all)
    return problem(record, field, msg, effect=effect, refers=(FILES[_WHAT[what]], ref))


def did_you_mean(word: str, known: Iterable[str], *, list_all: bool = False) -> str:
    """`` (did you mean 'x'?)`` for the nearest known word, and with ``list_all`` the known
    words themselves; empty when there is nothing to suggest."""
    options = sorted(known)
    near = difflib.get_close_matches(word.lower().replace(" ", "_"), options, n=1, cutoff=0.6)
    if not near:
        near = [o for o in options if word.lower() in o or o in word.lower()][:1]
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    if list_all and options:
        hint += "; use one of: " + ", ".join(options)
    return hint
