"""Rules 6 and 8: our own wording says no more than its passages, and says whose words they are.

Our wording is every name, summary, tour text and figure description the project writes. For
each piece of it:

- every place it names (a country, river, region or town: :mod:`escape_routes.rules.gazetteer`) is
  named in one of the passages attached to it;
- a sentence with a name or number that only reader comments give says it is a reader's
  ("an anonymous reader wrote (2005) …"); likewise for an excerpt a text quotes from elsewhere
  ("an unnamed newspaper article quoted in …") and for the pseudonymous 2025 narrative;
- a sentence never merges two different commenters into "a reader" or "a reader comment";
- a feature whose passages are all reader comments (or all excerpts) says so in its summary.

And for the quotes themselves: an excerpt names where it comes from, a reader comment the time
printed under it, and every quote is on the map or says in ``off_map`` why not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas, Problem, Quote, commenter
from escape_routes.content.textnorm import fold, numbers_in

if TYPE_CHECKING:
    from escape_routes.rules.gazetteer import Gazetteer


QUOTES = "content/quotes.yaml"
PLACES = "geodata/places.geojson"

# Kinds of passage that a sentence resting on them alone must attribute, and the words for it.
ATTRIBUTION = {
    "reader_comment": re.compile(r"\b(readers?|commenters?|comments?)\b", re.I),
    "excerpt": re.compile(r"\b(article|newspaper|excerpts?|quoted|quotes|trackback)\b", re.I),
    "narrative": re.compile(r"\b(narrative|Ji-young|story)\b", re.I),
    "author_question": re.compile(r"\b(asks?|asked|question|wonders?|wondered)\b", re.I),
}
ATTRIBUTION_EXAMPLE = {
    "reader_comment": "an anonymous reader wrote (2005) …",
    "excerpt": "an unnamed newspaper article quoted in the 2005 post says …",
    "narrative": "the 2025 narrative says …",
    "author_question": "the blogger asks …",
}
KIND_NAMES = {
    "reader_comment": "reader comments",
    "excerpt": "an excerpt quoted from elsewhere",
    "narrative": "the narrative feature",
    "author_question": "the author's own question",
}
ONE_READER = re.compile(r"\b(a|an anonymous|one|the) reader( comment)?\b", re.I)
MANY_READERS = re.compile(r"\b(readers|another|other|others|two|three|comments)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Wording:
    """One field of our own wording and the passages it may draw on."""

    file: str
    id: str
    field: str
    text: str
    quotes: tuple[str, ...]
    check_numbers: bool = False  # numbers in summaries and tour text are checked in references.py
    years: frozenset[str] = frozenset()  # years stated elsewhere for this item (e.g. a figure's)


def _problem(file: str, rid: str | None, fld: str | None, msg: str) -> Problem:
    return Problem(file, rid, fld, msg)


def sentences(text: str) -> list[str]:
    """Split our wording into sentences (good enough for our own, plainly written text)."""
    return [s.strip() for s in _SENTENCE.split(fold(text)) if s.strip()]


def _short(sentence: str) -> str:
    return sentence if len(sentence) <= 60 else sentence[:57] + "..."


def wordings(atlas: Atlas) -> Iterator[Wording]:
    """Every piece of our own wording, with the passages it may draw on."""
    for p in atlas.places.values():
        for fld in ("name", "summary"):
            yield Wording(PLACES, p.id, fld, getattr(p, fld), tuple(p.quotes))
    for s in atlas.segments.values():
        file = f"geodata/routes/{s.route}.geojson"
        for fld in ("name", "summary"):
            yield Wording(file, s.id, fld, getattr(s, fld), tuple(s.quotes))
    for r in atlas.routes.values():
        quotes = tuple(q for s in atlas.route_segments(r.id) for q in s.quotes)
        for fld in ("name", "summary"):
            yield Wording("content/routes.yaml", r.id, fld, getattr(r, fld), quotes)
    for step in atlas.tour:
        for fld in ("title", "body", "question", "notes", "care"):
            text = getattr(step, fld, None)
            if text:
                check = fld == "care"
                yield Wording("content/tour.yaml", step.id, fld, text, tuple(step.quotes), check)
    for fig in atlas.figures.values():
        years = {str(y) for y in (fig.year, fig.since) if y is not None}
        yield Wording(
            "content/figures.yaml", fig.id, "measures", fig.measures, (fig.quote,), True,
            frozenset(years),
        )  # fmt: skip


def check_wording(atlas: Atlas, gazetteer: Gazetteer) -> list[Problem]:
    """Names, numbers and attribution in every piece of our wording."""
    out: list[Problem] = []
    for w in wordings(atlas):
        out += _check_one(atlas, gazetteer, w)
    out += _check_sole_kind(atlas)
    return out


def _source_years(atlas: Atlas, quotes: Iterable[Quote]) -> set[str]:
    return {str(y) for y in derived(atlas).years(q.id for q in quotes)}


def _check_one(atlas: Atlas, gaz: Gazetteer, w: Wording) -> list[Problem]:
    out: list[Problem] = []
    quotes = [atlas.quotes[q] for q in w.quotes if q in atlas.quotes]
    if not quotes:
        return out
    for name in sorted(gaz.names_in(w.text)):
        if not any(gaz.named(name, q.text) for q in quotes):
            out.append(
                _problem(w.file, w.id, w.field, f"names {name}, which no attached passage names")
            )
    src_years = _source_years(atlas, quotes)
    if w.check_numbers:
        stated = set().union(*(numbers_in(q.text) for q in quotes)) | src_years | w.years
        for n in sorted(numbers_in(w.text) - stated):
            out.append(_problem(w.file, w.id, w.field, f"number {n} is not in any attached quote"))
    if w.field not in ("name", "title"):  # a name is no claim; its popup says who says so
        for sentence in sentences(w.text):
            out += _check_sentence(gaz, w, sentence, quotes, src_years)
    return out


def _supporters(gaz: Gazetteer, token: str, is_name: bool, quotes: list[Quote]) -> list[Quote]:
    if is_name:
        return [q for q in quotes if gaz.named(token, q.text)]
    return [q for q in quotes if token in numbers_in(q.text)]


def _check_sentence(
    gaz: Gazetteer, w: Wording, sentence: str, quotes: list[Quote], src_years: set[str]
) -> list[Problem]:
    out: list[Problem] = []
    tokens = [(n, True) for n in sorted(gaz.names_in(sentence))]
    tokens += [(n, False) for n in sorted(numbers_in(sentence) - src_years)]
    readers: dict[str, set[str]] = {}
    flagged: set[str] = set()
    for token, is_name in tokens:
        support = _supporters(gaz, token, is_name, quotes)
        if not support or any(q.kind not in ATTRIBUTION for q in support):
            continue
        kinds = {q.kind for q in support}
        if not any(ATTRIBUTION[k].search(sentence) for k in kinds):
            kind = sorted(kinds)[0]
            if kind in flagged:
                continue
            flagged.add(kind)
            msg = (
                f"“{_short(sentence)}” rests on {KIND_NAMES[kind]} alone for {token}; say so "
                f"(e.g. “{ATTRIBUTION_EXAMPLE[kind]}”)"
            )
            out.append(_problem(w.file, w.id, w.field, msg))
        if kinds == {"reader_comment"}:
            readers[token] = {commenter(q) for q in support}
    who = set().union(*readers.values()) if readers else set()
    one_could_say_it = bool(readers) and bool(set.intersection(*readers.values()))
    if (
        len(who) > 1
        and not one_could_say_it
        and ONE_READER.search(sentence)
        and not MANY_READERS.search(sentence)
    ):
        msg = (
            f"“{_short(sentence)}” merges {len(who)} different commenters ("
            + "; ".join(sorted(who))
            + ") into one; name each as the text identifies them"
        )
        out.append(_problem(w.file, w.id, w.field, msg))
    return out


def _check_sole_kind(atlas: Atlas) -> list[Problem]:
    """A place or segment whose passages are all of one kind that needs attribution says so."""
    out: list[Problem] = []
    items = [(PLACES, p) for p in atlas.places.values()] + [
        (f"geodata/routes/{s.route}.geojson", s) for s in atlas.segments.values()
    ]
    for file, item in items:
        kinds = {atlas.quotes[q].kind for q in item.quotes if q in atlas.quotes}
        if len(kinds) == 1:
            kind = next(iter(kinds))
            if kind in ("reader_comment", "excerpt") and not ATTRIBUTION[kind].search(item.summary):
                msg = f"every passage is {KIND_NAMES[kind]}; the summary must say so"
                out.append(_problem(file, item.id, "summary", msg))
    return out


def check_quote_kinds(atlas: Atlas) -> list[Problem]:
    """An excerpt says where it comes from; a reader comment, when it was printed."""
    out: list[Problem] = []
    for q in atlas.quotes.values():
        if (q.kind == "excerpt") != (q.excerpt_from is not None):
            msg = "required for, and only for, excerpts"
            out.append(_problem(QUOTES, q.id, "excerpt_from", msg))
        if (q.kind == "reader_comment") != (q.comment_time is not None):
            msg = "required for, and only for, reader comments"
            out.append(_problem(QUOTES, q.id, "comment_time", msg))
    return out


def on_map(atlas: Atlas) -> set[str]:
    """Ids of the quotes attached to a place or a segment."""
    used = {q for p in atlas.places.values() for q in p.quotes}
    return used | {q for s in atlas.segments.values() for q in s.quotes}


def check_coverage(atlas: Atlas) -> list[Problem]:
    """Every quote is on the map, or says in ``off_map`` why it is not (and not both)."""
    out: list[Problem] = []
    used = on_map(atlas)
    for q in atlas.quotes.values():
        if q.id in used and q.off_map:
            out.append(_problem(QUOTES, q.id, "off_map", "the quote is on the map; drop off_map"))
        elif q.id not in used and not q.off_map:
            msg = "attached to nothing on the map; attach it, or say why not in off_map"
            out.append(_problem(QUOTES, q.id, "off_map", msg))
    return out


def _shown_notes(atlas: Atlas) -> Iterator[tuple[str, str, str, str]]:
    """(file, id, field, text) of every note of ours a reader sees, beside the wordings."""
    for w in wordings(atlas):
        yield w.file, w.id, w.field, w.text
    for q in atlas.quotes.values():
        for fld in ("contested", "off_map"):
            if getattr(q, fld, None):
                yield "content/quotes.yaml", q.id, fld, getattr(q, fld)
    for f in atlas.figures.values():
        if f.contested:
            yield "content/figures.yaml", f.id, "contested", f.contested
    for p in atlas.places.values():
        if p.location_note:
            yield PLACES, p.id, "location_note", p.location_note
    for s in atlas.sources.values():
        for fld in ("outlet_note", "author_note", "date_note", "url_note", "reliability"):
            if getattr(s, fld):
                yield "content/sources.yaml", s.id, fld, getattr(s, fld)


def check_internal_ids(atlas: Atlas) -> list[Problem]:
    """No note a reader sees names a text by its internal id ("martyn-2005"): readers know the
    texts by title, kind and date."""
    ids = sorted(atlas.sources, key=len, reverse=True)
    if not ids:
        return []
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    return [
        _problem(
            file,
            rid,
            fld,
            f"names the internal id {m.group(1)!r}; name the text as "
            "readers see it (its title, kind or date)",
        )  # fmt: skip
        for file, rid, fld, text in _shown_notes(atlas)
        if (m := pattern.search(text))
    ]
