"""The Sources page's pieces: facts about a text, quotes with links to the map, quote search."""

from __future__ import annotations

from escape_routes.content.model import Atlas, Quote, Source
from escape_routes.content.textnorm import fold
from escape_routes.html.render import CSS, esc, quote_block, source_date


def source_facts(atlas: Atlas, src: Source) -> str:
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
    link = (
        f'<a href="{esc(src.url)}" rel="noopener noreferrer" target="_blank">{esc(src.url)}</a>'
        if src.url
        else esc(src.url_note or "no address known")
    )
    items = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    return f'<dl class="er-facts">{items}<dt>Address</dt><dd>{link}</dd></dl>'


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


def quote_with_links(atlas: Atlas, q: Quote) -> str:
    """A quote block followed by links that open the map on each place that cites it."""
    links = " · ".join(
        f'<a href="./?sel={esc(fid)}" target="_self">{esc(name)}</a>'
        for fid, name in where_on_map(atlas, q.id)
    )
    on_map = f'<div class="er-note">On the map: {links}</div>' if links else ""
    if not links and q.off_map:
        on_map = f'<div class="er-note">Not on the map: {esc(q.off_map)}</div>'
    if q.kind == "excerpt":
        on_map += (
            f'<div class="er-note">Not the author\'s own words: an excerpt of '
            f"{esc(q.excerpt_from)}.</div>"
        )
    return f"<style>{CSS}</style>{quote_block(atlas, q)}{on_map}"


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
