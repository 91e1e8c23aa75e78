"""The Sources page's pieces: facts about a text, quotes with links to the map, quote search."""

from __future__ import annotations

from markupsafe import Markup

from escape_routes.content.model import Atlas, Quote, Source
from escape_routes.content.textnorm import fold
from escape_routes.html.render import SourceFacts, quote_view, source_date
from escape_routes.html.templates import render


def source_facts(atlas: Atlas, src: Source) -> Markup:
    """What a teacher needs to cite a source (title, outlet, author, date, kind, reliability,
    address); unknowns say why. The supplied file's name is the project's, not the reader's."""
    rows = [
        ("Title", src.title),
        ("Outlet", src.outlet or _unknown(src.outlet_note)),
        ("Author", src.author or _unknown(src.author_note)),
        ("Date", source_date(src) + (f" — {src.date_note}" if src.date_note else "")),
        ("Kind", atlas.vocab.label("source_kinds", src.kind)),
        ("Reliability", src.reliability),
    ]
    facts = SourceFacts(rows, src.url, src.url_note or "no address known", css_class="er-facts")
    return render("evidence/facts.html", facts=facts)


def _unknown(note: str | None) -> str:
    """ "not stated", and why, without saying "not stated" twice."""
    if not note:
        return "not stated"
    return note if note.startswith("not stated") else f"not stated ({note})"


def where_on_map(atlas: Atlas, quote_id: str) -> list[tuple[str, str]]:
    """(id, name) of the places and route segments that cite a quote."""
    found = [(p.id, p.name) for p in atlas.places.values() if quote_id in p.quotes]
    found += [(s.id, s.name) for s in atlas.segments.values() if quote_id in s.quotes]
    return found


def quote_with_links(atlas: Atlas, q: Quote) -> Markup:
    """A quote block followed by links that open the map on each place that cites it
    (``templates/sources/quote.html``)."""
    return render(
        "sources/quote.html",
        quote=quote_view(atlas, q),
        on_map=where_on_map(atlas, q.id),
        off_map=q.off_map or "",
        excerpt_from=(q.excerpt_from or "") if q.kind == "excerpt" else "",
    )


def search(atlas: Atlas, query: str) -> list[Quote]:
    """Quotes whose text, speaker or source title holds every word of the query."""
    words = fold(query).lower().split()
    hits = []
    for q in atlas.quotes.values():
        hay = fold(
            " ".join([q.text, q.speaker.name if q.speaker else "", atlas.sources[q.source].title])
        ).lower()
        if all(w in hay for w in words):
            hits.append(q)
    return hits


def quotes_by_risk(atlas: Atlas, source_id: str) -> list[tuple[str, list[Quote]]]:
    """A source's quotes grouped under each risk they carry (a quote may stand under several),
    then those carrying none, as (heading, quotes)."""
    quotes = [q for q in atlas.quotes.values() if q.source == source_id]
    groups = [
        (f"{risk.cue} {risk.label}", [q for q in quotes if rid in q.risks])
        for rid, risk in atlas.risks.items()
    ]
    groups.append(("Context (no risk)", [q for q in quotes if not q.risks]))
    return [(heading, qs) for heading, qs in groups if qs]
