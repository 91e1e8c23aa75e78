"""Which passage says which sentence: a summary as the evidence card shows it, each sentence
followed by small markers ([1], [2]) that name and link to its passages, and the sentences a
filter hid with their passages (``templates/evidence/sentences.html``).

The passages of a card are numbered in the order the card lists them; a marker's number is its
passage's, its link the passage's anchor in the same card, and its title the passage's opening
words and who says it (hovering reveals it; a marker whose passage the page does not show
opens it on click, tap or Space: ``templates/evidence/sentences.html``). Plain text throughout:
the template escapes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from escape_routes.content import sentences
from escape_routes.content.model import Atlas, TourStep, evidence_kind
from escape_routes.html.citations import short_citation

#: How a hidden sentence's passages are named, by their kind of evidence ("… rests only on
#: reader comments"); any other mix is "passages the filters hide".
HIDDEN_KINDS = {
    "reader_comment": "reader comments",
    "excerpt": "excerpts quoted from elsewhere",
}
_TITLE_WORDS = 24


@dataclass(frozen=True)
class Mark:
    """A marker after a sentence: its passage's label (its number in the card; a letter in a
    contest note), anchor ("" where the card does not show the passage: a popup lists only the
    first few, and a contest note's passages are elsewhere) and a title that reveals it."""

    label: str
    anchor: str
    title: str


@dataclass(frozen=True)
class SentenceView:
    """One sentence of a summary and the markers of its passages."""

    text: str
    marks: tuple[Mark, ...]


def anchor(item_id: str, quote_id: str, popup: bool = False) -> str:
    """The HTML id of a passage in a card (ids are slugs: safe as they are). A popup's card has
    ids of its own: the one-file map holds a full card of the same place beside it."""
    return f"er-{'pp' if popup else 'p'}-{item_id}-{quote_id}"


def _title(atlas: Atlas, quote_id: str, who: str = "") -> str:
    words = atlas.quotes[quote_id].text.split()
    opening = " ".join(words[:_TITLE_WORDS]) + (" …" if len(words) > _TITLE_WORDS else "")
    return f"“{opening}” {who}".strip()


def note_views(atlas: Atlas, note: str) -> list[SentenceView]:
    """A contest note sentence by sentence, its passages lettered [a], [b] in the order the note
    first names them; a marker's title gives the passage's opening words and who says it."""
    letters = {q: chr(ord("a") + i) for i, q in enumerate(sentences.cited(note)[:26])}
    views = []
    for s in sentences.parse(note):
        marks = tuple(
            Mark(letters[q], "", _title(atlas, q, short_citation(atlas, atlas.quotes[q])))
            for q in s.quotes
            if q in atlas.quotes and q in letters
        )
        views.append(SentenceView(s.text, marks))
    return views


def summary_views(
    atlas: Atlas,
    item_id: str,
    summary: str,
    quote_ids: Sequence[str],
    shown: int,
    popup: bool = False,
) -> tuple[list[SentenceView], str]:
    """The sentences of a summary left by the filter, with their markers, and a note on those
    hidden ("1 sentence hidden: it rests only on reader comments"), or "".

    ``quote_ids`` are the passages the filter leaves, in the card's order; the card shows the
    first ``shown`` of them (``popup``: a popup's few). A sentence is hidden when none of its
    passages is left; one that names no passage (the validator reports it) is always shown.
    """
    number = {q: i for i, q in enumerate(quote_ids, start=1)}
    views: list[SentenceView] = []
    hidden: list[sentences.Sentence] = []
    for s in sentences.parse(summary):
        left = [q for q in s.quotes if q in number]
        if s.quotes and not left:
            hidden.append(s)
            continue
        marks = tuple(
            Mark(
                number[q], anchor(item_id, q, popup) if number[q] <= shown else "", _title(atlas, q)
            )
            for q in sorted(left, key=number.__getitem__)
        )
        views.append(SentenceView(s.text, marks))
    return views, hidden_note(atlas, hidden)


def hidden_note(atlas: Atlas, hidden: Sequence[sentences.Sentence]) -> str:
    """ "1 sentence hidden: it rests only on reader comments" (or "" when none is hidden)."""
    if not hidden:
        return ""
    kinds = {
        evidence_kind(atlas, atlas.quotes[q]) for s in hidden for q in s.quotes if q in atlas.quotes
    }
    what = HIDDEN_KINDS.get(next(iter(kinds)), "") if len(kinds) == 1 else ""
    what = what or "passages the filters hide"
    if len(hidden) == 1:
        return f"1 sentence hidden: it rests only on {what}."
    return f"{len(hidden)} sentences hidden: they rest only on {what}."


def step_anchor(prefix: str, quote_id: str) -> str:
    """The HTML id of a tour step's passage (``prefix`` tells the steps of one page apart)."""
    return f"er-{prefix}-{quote_id}"


def step_views(atlas: Atlas, step: TourStep, text: str, prefix: str = "") -> list[SentenceView]:
    """A tour text (body, notes, care note) sentence by sentence. A marker's label is the number
    its passage has among the step's quotes, linking to it where ``prefix`` says the page shows
    them beside the text (:func:`step_anchor`); a passage the step shows only on its map reads
    [map], one of another step [tour]. Every marker's title gives the passage's opening words
    and who says it. A sentence marked [ours] has no marker."""
    number = {q: i for i, q in enumerate((q for q in step.quotes if q in atlas.quotes), 1)}
    on_map = set(sentences.step_map_quotes(atlas, step))
    views = []
    for s in sentences.parse(text):
        marks = tuple(
            Mark(
                str(number[q]) if q in number else "map" if q in on_map else "tour",
                step_anchor(prefix, q) if prefix and q in number else "",
                _title(atlas, q, short_citation(atlas, atlas.quotes[q])),
            )
            for q in sorted(
                (q for q in s.quotes if q in atlas.quotes), key=lambda q: number.get(q, 99)
            )
        )
        views.append(SentenceView(s.text, marks))
    return views


def listed_views(
    atlas: Atlas, text: str, number: Mapping[str, int], prefix: str
) -> list[SentenceView]:
    """A text of ours on a page that lists its passages numbered at its end (the teacher's
    guide): each marker is the passage's number in ``number``, linking to it
    (:func:`step_anchor` with ``prefix``); a sentence marked [ours] has no marker."""
    views = []
    for s in sentences.parse(text):
        cited = sorted((q for q in s.quotes if q in number and q in atlas.quotes), key=number.get)
        marks = tuple(
            Mark(
                str(number[q]),
                step_anchor(prefix, q),
                _title(atlas, q, short_citation(atlas, atlas.quotes[q])),
            )
            for q in cited
        )
        views.append(SentenceView(s.text, marks))
    return views


def step_plain(atlas: Atlas, step: TourStep, text: str) -> str:
    """A tour text as plain text with its markers as :func:`step_views` labels them
    ("… three times. [1] Tell the class …")."""
    return " ".join(
        v.text + ("" if not v.marks else " " + "".join(f"[{m.label}]" for m in v.marks))
        for v in step_views(atlas, step, text)
    )
