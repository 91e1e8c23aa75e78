"""Rules 8, 8a and 8b: our own wording names only what its passages name, and says whose words
they are; no note names a text by its internal id; every quote is on the map or says why not.

Our wording is every name, summary, tour text and figure description the project writes
(:mod:`.ourtext`). For each piece of it (rule 8):

- every place it names (a country, river, region or town: :mod:`escape_routes.rules.gazetteer`) is
  named in one of the passages attached to it;
- a sentence with a name or number that only reader comments give says it is a reader's
  ("an anonymous reader wrote (2005) …"); likewise for an excerpt a text quotes from elsewhere
  ("an unnamed newspaper article quoted in …") and for the pseudonymous 2025 narrative;
- a sentence never merges two different commenters into "a reader" or "a reader comment";
- a feature whose passages are all reader comments (or all excerpts) says so in its summary.

Rule 8a: no note a reader sees names a text by its internal id. Rule 8b: every quote is on the
map, or says in ``off_map`` why not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from escape_routes.content.model import Atlas, Place, Problem, Quote, Record, Segment, commenter
from escape_routes.content.tables import problem
from escape_routes.content.textnorm import fold, numbers_in
from escape_routes.rules import gazetteer
from escape_routes.rules.ourtext import Wording, attached, source_years, wordings

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


def sentences(text: str) -> list[str]:
    """Split our wording into sentences (good enough for our own, plainly written text)."""
    return [s.strip() for s in _SENTENCE.split(fold(text)) if s.strip()]


def _short(sentence: str) -> str:
    return sentence if len(sentence) <= 60 else sentence[:57] + "..."


def check_wording(atlas: Atlas) -> list[Problem]:
    """Rule 8: names and attribution in every piece of our wording."""
    gaz = gazetteer.of(atlas)
    out: list[Problem] = []
    for w in wordings(atlas):
        out += _check_one(atlas, gaz, w)
    out += _check_sole_kind(atlas)
    return out


def _check_one(atlas: Atlas, gaz: gazetteer.Gazetteer, w: Wording) -> list[Problem]:
    out: list[Problem] = []
    quotes = attached(atlas, w.quotes)
    if not quotes:
        return out
    for name in sorted(gaz.names_in(w.text)):
        if not any(gaz.named(name, q.text) for q in quotes):
            out.append(problem(w.record, w.field, f"names {name}, which no attached passage names"))
    src_years = source_years(atlas, quotes)
    if w.field not in ("name", "title"):  # a name is no claim; its popup says who says so
        for sentence in sentences(w.text):
            out += _check_sentence(gaz, w, sentence, quotes, src_years)
    return out


def _supporters(
    gaz: gazetteer.Gazetteer, token: str, is_name: bool, quotes: list[Quote]
) -> list[Quote]:
    if is_name:
        return [q for q in quotes if gaz.named(token, q.text)]
    return [q for q in quotes if token in numbers_in(q.text)]


def _check_sentence(
    gaz: gazetteer.Gazetteer, w: Wording, sentence: str, quotes: list[Quote], src_years: set[str]
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
            out.append(problem(w.record, w.field, msg))
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
        out.append(problem(w.record, w.field, msg))
    return out


def _check_sole_kind(atlas: Atlas) -> list[Problem]:
    """A place or segment whose passages are all of one kind that needs attribution says so."""
    out: list[Problem] = []
    items: list[Place | Segment] = [*atlas.places.values(), *atlas.segments.values()]
    for item in items:
        kinds = {atlas.quotes[q].kind for q in item.quotes if q in atlas.quotes}
        if len(kinds) == 1:
            kind = next(iter(kinds))
            if kind in ("reader_comment", "excerpt") and not ATTRIBUTION[kind].search(item.summary):
                msg = f"every passage is {KIND_NAMES[kind]}; the summary must say so"
                out.append(problem(item, "summary", msg))
    return out


def on_map(atlas: Atlas) -> set[str]:
    """Ids of the quotes attached to a place or a segment."""
    used = {q for p in atlas.places.values() for q in p.quotes}
    return used | {q for s in atlas.segments.values() for q in s.quotes}


def check_coverage(atlas: Atlas) -> list[Problem]:
    """Rule 8b: every quote is on the map, or says in ``off_map`` why not (and not both)."""
    out: list[Problem] = []
    used = on_map(atlas)
    for q in atlas.quotes.values():
        if q.id in used and q.off_map:
            out.append(problem(q, "off_map", "the quote is on the map; drop off_map"))
        elif q.id not in used and not q.off_map:
            msg = "attached to nothing on the map; attach it, or say why not in off_map"
            out.append(problem(q, "off_map", msg))
    return out


def _shown_notes(atlas: Atlas) -> Iterator[tuple[Record, str, str]]:
    """(record, field, text) of every note of ours a reader sees, beside the wordings."""
    for w in wordings(atlas):  # contest notes among them
        yield w.record, w.field, w.text
    for q in atlas.quotes.values():
        if q.off_map:
            yield q, "off_map", q.off_map
    for p in atlas.places.values():
        if p.location_note:
            yield p, "location_note", p.location_note
    for s in atlas.sources.values():
        for fld in ("outlet_note", "author_note", "date_note", "url_note", "reliability"):
            if getattr(s, fld):
                yield s, fld, getattr(s, fld)


def check_internal_ids(atlas: Atlas) -> list[Problem]:
    """Rule 8a: no note a reader sees names a text by its internal id ("martyn-2005"): readers
    know the texts by title, kind and date."""
    ids = sorted(atlas.sources, key=len, reverse=True)
    if not ids:
        return []
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    return [
        problem(
            rec,
            fld,
            f"names the internal id {m.group(1)!r}; name the text as "
            "readers see it (its title, kind or date)",
        )  # fmt: skip
        for rec, fld, text in _shown_notes(atlas)
        if (m := pattern.search(text))
    ]
