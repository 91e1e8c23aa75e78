"""``add-quote``: the fiddly part of adding a passage, done for the teacher to review.

``python -m escape_routes add-quote --source npr-2023 --find "not as foreigners" --to china``
finds the paragraph of the supplied text that holds the words, and prints the entry for
``content/quotes.yaml`` (the passage verbatim, mojibake repaired; a kind and an id to review; a
speaker the same text already names, when one is named in or just before the paragraph) and the
change to the place's or segment's ``quotes`` list. With ``--write`` it appends the entry and
attaches it; ``validate`` then checks it like any other.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from escape_routes.content.load import read_atlas
from escape_routes.content.model import Atlas, Quote, Speaker
from escape_routes.content.paths import Paths
from escape_routes.content.tables import FILES, did_you_mean, segment_file
from escape_routes.content.textnorm import fold, repair_mojibake

QUOTE_MARKS = ('"', "“", "‘", "'")
ID_WORDS = 4  #: words of the searched phrase that make the new id


class NotAdded(Exception):
    """Why the passage cannot be added as asked (``str()`` says what to do)."""


@dataclass(frozen=True)
class Draft:
    """The entry to add, where it goes, and what the teacher should know."""

    entry: str
    quote_id: str
    target_file: str
    target_id: str
    position: int
    of: int
    notes: tuple[str, ...]


def draft(
    paths: Paths, source: str, phrase: str, to: str, first: bool = False, kind: str | None = None
) -> Draft:
    """The entry for the paragraph of ``source``'s text holding ``phrase``, to attach to the place
    or segment ``to``.

    Raises
    ------
    NotAdded
        When the source, the text, the words or the place cannot be found.
    """
    atlas, _ = read_atlas(paths)
    src = atlas.sources.get(source)
    if src is None:
        raise NotAdded(
            f"unknown source {source!r}" + did_you_mean(source, atlas.sources, list_all=True)
        )
    if paths.sources is None or not (paths.sources / src.file).is_file():
        raise NotAdded(f"the text {src.file} was not found: name its folder with --sources DIR")
    paragraph, before = _paragraph(paths.sources / src.file, phrase)
    target_file, target = _target(atlas, to)
    existing = next((q for q in atlas.quotes.values() if fold(q.text) == fold(paragraph)), None)
    notes: list[str] = []
    if existing is not None:
        attached = existing.id in target.quotes  # type: ignore[attr-defined]
        where = f"and attached to {to}" if attached else f"; to attach it, add that id to {to}"
        raise NotAdded(f"this passage is already in {FILES['quotes']} as {existing.id} {where}")
    kind = kind or _kind(src.kind, paragraph)
    speaker = (
        _speaker(atlas, source, paragraph + " " + before) if kind == "quoted_statement" else None
    )
    if kind == "quoted_statement" and speaker is None:
        notes.append("no speaker found: add speaker: with name: and role:, as the text names them")
    notes.append(f"risks: [] — tag the risks the passage shows (ids in {FILES['risks']})")
    qid = _new_id(atlas, source, phrase)
    quotes = list(target.quotes)  # type: ignore[attr-defined]
    position = 1 if first else len(quotes) + 1
    notes.append(_where_it_shows(position, len(quotes) + 1))
    return Draft(
        _entry(qid, source, kind, speaker, paragraph), qid, target_file, to, position,
        len(quotes) + 1, tuple(notes),
    )  # fmt: skip


def write(paths: Paths, d: Draft) -> None:
    """Append the entry to quotes.yaml and attach its id (files rewritten as they are laid out)."""
    target = paths.geodata / d.target_file.removeprefix("geodata/")
    text = target.read_text(encoding="utf-8")
    data = json.loads(text)
    if json.dumps(data, indent=1, ensure_ascii=False) + "\n" != text:
        raise NotAdded(f"{d.target_file} is laid out by hand: attach {d.quote_id} there yourself")
    feature = next(f for f in data["features"] if f["properties"]["id"] == d.target_id)
    feature["properties"]["quotes"].insert(d.position - 1, d.quote_id)
    quotes = paths.content / FILES["quotes"].removeprefix("content/")
    quotes.write_text(quotes.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + d.entry, "utf-8")
    target.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _paragraph(path: Path, phrase: str) -> tuple[str, str]:
    """The paragraph (a line of the text) holding the phrase, and the two before it."""
    lines = [
        repair_mojibake(line).strip() for line in path.read_text(encoding="utf-8").splitlines()
    ]
    lines = [line for line in lines if line]
    wanted = fold(phrase).lower()
    hits = [i for i, line in enumerate(lines) if wanted in fold(line).lower()]
    if not hits:
        raise NotAdded(f"{phrase!r} is not in {path.name} (spelling, or words split over lines?)")
    if len(hits) > 1:
        raise NotAdded(f"{phrase!r} is in {len(hits)} paragraphs of {path.name}: give more words")
    i = hits[0]
    return lines[i], " ".join(lines[max(0, i - 2) : i])


def _target(atlas: Atlas, to: str) -> tuple[str, object]:
    if to in atlas.places:
        return FILES["places"], atlas.places[to]
    if to in atlas.segments:
        return segment_file(atlas.segments[to].route), atlas.segments[to]
    raise NotAdded(
        f"no place or segment has the id {to!r}"
        + did_you_mean(to, [*atlas.places, *atlas.segments])
        + "; validate --find NAME lists the ids"
    )


def _kind(source_kind: str, paragraph: str) -> str:
    if paragraph.startswith(QUOTE_MARKS):
        return "quoted_statement"
    return "narrative" if source_kind == "narrative_feature" else "reporting"


def _speaker(atlas: Atlas, source: str, near: str) -> Speaker | None:
    """A speaker the same text's quotes already name, whose name (or surname) is near."""
    known = [q.speaker for q in atlas.quotes.values() if q.source == source and q.speaker]
    for speaker in known:
        names = [speaker.name, *speaker.name.split()]
        if any(re.search(rf"\b{re.escape(n)}\b", near) for n in names if len(n) > 2):
            return speaker
    return None


def _new_id(atlas: Atlas, source: str, phrase: str) -> str:
    prefixes = Counter(_prefix(q) for q in atlas.quotes.values() if q.source == source)
    prefix = prefixes.most_common(1)[0][0] if prefixes else f"q-{source}-"
    words = re.findall(r"[a-z0-9]+", fold(phrase).lower())[:ID_WORDS]
    base = prefix + "-".join(words)
    qid, n = base, 2
    while qid in atlas.quotes:
        qid, n = f"{base}-{n}", n + 1
    return qid


def _prefix(q: Quote) -> str:
    return "-".join(q.id.split("-")[:2]) + "-"


def _entry(qid: str, source: str, kind: str, speaker: Speaker | None, text: str) -> str:
    lines = [f"- id: {qid}", f"  source: {source}", f"  kind: {kind}"]
    if speaker is not None:
        lines += ["  speaker:", f"    name: {json.dumps(speaker.name, ensure_ascii=False)}"]
        if speaker.role:
            lines.append(f"    role: {json.dumps(speaker.role, ensure_ascii=False)}")
    lines += ["  text: |-", f"    {text}", "  risks: []", "  contested: null", ""]
    return "\n".join(lines)


def _where_it_shows(position: int, of: int) -> str:
    if position <= 2:
        return f"it is passage {position} of {of}: the popup shows it"
    return (
        f"it is passage {position} of {of}: the popup shows the first two, so it is in the "
        "panel beside the map (--first puts it first)"
    )
