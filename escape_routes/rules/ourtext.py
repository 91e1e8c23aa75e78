"""Our own wording: every name, summary, tour text and figure description the project writes, each
with the passages it may draw on. Rules 4 (numbers) and 8 (names, attribution) read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from escape_routes.content.model import Atlas, Quote, Record


@dataclass(frozen=True)
class Wording:
    """One field of our own wording and the passages it may draw on."""

    record: Record
    field: str
    text: str
    quotes: tuple[str, ...]
    years: frozenset[str] = frozenset()  # years stated elsewhere for this item (a figure's)


def wordings(atlas: Atlas) -> Iterator[Wording]:
    """Every piece of our own wording, with the passages it may draw on."""
    for p in atlas.places.values():
        for fld in ("name", "summary"):
            yield Wording(p, fld, getattr(p, fld), tuple(p.quotes))
    for s in atlas.segments.values():
        for fld in ("name", "summary"):
            yield Wording(s, fld, getattr(s, fld), tuple(s.quotes))
    for r in atlas.routes.values():
        quotes = tuple(q for s in atlas.route_segments(r.id) for q in s.quotes)
        for fld in ("name", "summary"):
            yield Wording(r, fld, getattr(r, fld), quotes)
    for step in atlas.tour:
        for fld in ("title", "body", "question", "notes", "care"):
            text = getattr(step, fld, None)
            if text:
                yield Wording(step, fld, text, tuple(step.quotes))
    for fig in atlas.figures.values():
        years = frozenset(str(y) for y in (fig.year, fig.since) if y is not None)
        yield Wording(fig, "measures", fig.measures, (fig.quote,), years)


def attached(atlas: Atlas, quote_ids: Iterable[str]) -> list[Quote]:
    """The attached quotes that exist (an unknown one is rule 3's problem)."""
    return [atlas.quotes[q] for q in quote_ids if q in atlas.quotes]


def source_years(atlas: Atlas, quotes: Iterable[Quote]) -> set[str]:
    """The years of the quotes' sources (a text's date is sourced in sources.yaml)."""
    return {str(atlas.sources[q.source].year) for q in quotes if q.source in atlas.sources}
