"""Our wording, sentence by sentence, each sentence naming the passages it rests on.

A summary (or a contest note) is plain text in which every sentence ends with the ids of the
quotes it rests on, in square brackets, each id after an ``@`` (as in Pandoc's citations)::

    The 2016 student blog says defectors reach Yanji. [@q-plight-via-yanji]
    An anonymous reader wrote (2005) that the border is relatively easy to cross.
    [@rc-border-easy-to-cross]

Ids are separated by commas, semicolons or spaces (``[@q-a, @rc-b]``). A sentence of the
tour's that is our own note on the map or the lesson, not a claim from the texts, ends with
``[ours]`` instead: it rests on no passage, so it may name no place and give no number. The
validator (:mod:`escape_routes.rules.sentences`) checks each sentence against its own passages
only; the evidence card shows a marker ([1]) after each sentence that links to its passage, and
hides a sentence whose passages a filter hid. Text after the last marker is a sentence that names no
passage: it is shown, and the validator reports it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from escape_routes.content.model import Atlas, TourStep

#: The marker of a sentence that is our own note, resting on no passage.
OURS = "ours"
#: A marker: ``[@id, @id]`` or ``[ours]``.
MARK = re.compile(rf"\s*\[(@[^\[\]]*|{OURS})\]")
_ID = re.compile(r"@([^\s,;@]+)")
#: Where one sentence ends and the next begins: . ! or ? (and a closing quotation mark or
#: bracket), white space, then a capital, a digit or an opening quotation mark.
_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’')]))\s+(?=[\"“‘'(]?[A-Z0-9])")
#: Words whose full stop ends no sentence (Mrs. Park, Harry W.S. Lee).
_ABBREVIATION = re.compile(r"(\b(Mr|Mrs|Ms|Dr|St|No|vs|e\.g|i\.e)|\b[A-Z](\.[A-Z])*)\.$")


@dataclass(frozen=True)
class Sentence:
    """One sentence of our wording and the ids of the quotes it rests on (none: unmarked)."""

    text: str
    quotes: tuple[str, ...]
    ours: bool = False  # marked [ours]: our own note on the map or the lesson


def parse(text: str) -> tuple[Sentence, ...]:
    """The sentences of a marked text, in order, each with its quote ids.

    Never raises: text after the last marker is one sentence with no quotes, and a marker that
    holds no ``@id`` gives a sentence with no quotes."""
    out: list[Sentence] = []
    start = 0
    for m in MARK.finditer(text):
        chunk = text[start : m.start()].strip()
        if chunk:
            out.append(Sentence(chunk, tuple(_ID.findall(m.group(1))), m.group(1) == OURS))
        start = m.end()
    rest = text[start:].strip()
    if rest:
        out.append(Sentence(rest, ()))
    return tuple(out)


def plain(text: str) -> str:
    """The text as a reader reads it: the markers taken out."""
    return " ".join(s.text for s in parse(text))


def cited(text: str) -> tuple[str, ...]:
    """Every quote id the text's markers name, once each, in order of first mention."""
    return tuple(dict.fromkeys(q for s in parse(text) for q in s.quotes))


def numbered(text: str, quote_ids: Sequence[str]) -> str:
    """The text as plain text for a file that numbers the passages ``quote_ids`` 1, 2, …: each
    sentence followed by the numbers of its passages ("… in 2011. [1] … [2][3]"); a sentence
    whose passages are all left out is left out too, and a last line says how many."""
    number = {q: i for i, q in enumerate(quote_ids, start=1)}
    kept, gone = [], 0
    for s in parse(text):
        marks = sorted(number[q] for q in s.quotes if q in number)
        if s.quotes and not marks:
            gone += 1
            continue
        kept.append(s.text + (" " + "".join(f"[{n}]" for n in marks) if marks else ""))
    note = f" ({gone} sentence(s) left out with their passages.)" if gone else ""
    return " ".join(kept) + note


def split(text: str) -> list[str]:
    """The sentences in a stretch of plain text (good enough for our own, plainly written
    text: a full stop after an abbreviation or an initial ends no sentence)."""
    out: list[str] = []
    start = 0
    for m in _BREAK.finditer(text):
        head = text[start : m.start()].rstrip("\"”’')")
        if _ABBREVIATION.search(head):
            continue
        out.append(text[start : m.start()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def step_map_quotes(atlas: Atlas, step: TourStep) -> tuple[str, ...]:
    """The passages a tour step shows: its own, then those of its places, then those of its
    routes' segments and their places, which its map shows (a step's notes may cite them)."""
    ids = list(step.quotes)
    ids += [q for p in step.places if p in atlas.places for q in atlas.places[p].quotes]
    for rid in step.layers:
        segs = atlas.route_segments(rid) if rid in atlas.routes else []
        ids += [q for seg in segs for q in seg.quotes]
        ids += [
            q
            for seg in segs
            for p in seg.places
            if p in atlas.places
            for q in atlas.places[p].quotes
        ]
    return tuple(dict.fromkeys(ids))
