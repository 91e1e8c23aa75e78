"""What a layer file holds (:class:`Layers`: its tables and passages) and what it says about
itself: the caveat, the texts, the credits, the filter, the content's version and the date.

The wording is ``content/layers.yaml`` (:class:`LayerNotes`); the five texts come from the
sources, the filter is said in the sidebar's words and as the app's link parameters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from pydantic import ValidationError

from escape_routes.content.geoframes import CRS
from escape_routes.content.model import EMPTY_VOCABULARY, Atlas, Problem, Record, Text
from escape_routes.content.schema import describe
from escape_routes.content.syntax import MISSING, file_problem, read_yaml
from escape_routes.explore.filters import Filter
from escape_routes.explore.links import to_params

if TYPE_CHECKING:
    import geopandas as gpd

    from escape_routes.explore.visible import Visible

NOTES_FILE = "content/layers.yaml"


class Credit(Record):
    """A data source the files use besides the texts, with its licence."""

    name: Text
    what: Text
    licence: Text
    url: Text


class LayerNotes(Record):
    """What every layer file says about itself (content/layers.yaml)."""

    title: Text
    caveat: Text
    about: Text
    texts: Text
    credits: tuple[Credit, ...]


def _read(content: Path) -> tuple[LayerNotes | None, list[Problem]]:
    problems: list[Problem] = []
    data = read_yaml(content / "layers.yaml", NOTES_FILE, problems)
    if data is MISSING:
        return None, problems
    try:
        return LayerNotes.model_validate(data), problems
    except ValidationError as exc:
        where, what = describe(exc.errors()[0], LayerNotes, None, EMPTY_VOCABULARY)
        return None, [file_problem(NOTES_FILE, what, where or None)]


def notes_problems(content: Path) -> list[Problem]:
    """What keeps content/layers.yaml from being used (``validate`` prints it), or nothing."""
    return _read(content)[1]


def read_notes(content: Path) -> LayerNotes:
    """content/layers.yaml, or ValueError naming the file, the line or field and what is wrong."""
    notes, problems = _read(content)
    if notes is None:
        raise ValueError(str(problems[0]))
    return notes


@dataclass(frozen=True)
class Passage:
    """One passage of a feature, as plain text."""

    quote: str
    text: str
    kind: str  # the kind of evidence, as the app labels it ("reader comment (unverified)", ...)
    citation: str
    contested: str


@dataclass(frozen=True)
class Layers:
    """What a filter shows, as tables ready to write, and what the files say about themselves."""

    atlas: Atlas
    visible: Visible
    notes: LayerNotes
    segments: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    passages: dict[str, tuple[Passage, ...]]  # feature id -> its passages, in order
    meta: dict[str, str]


def filter_words(atlas: Atlas, f: Filter) -> str:
    """The filter in words, as the map's sidebar names its parts."""
    if f == Filter():
        return "none: everything the map can show"
    parts = []
    if f.risks:
        which = "all" if f.mode == "all" else "any"
        names = ", ".join(atlas.risks[r].label for r in sorted(f.risks) if r in atlas.risks)
        parts.append(f"risks ({which} of them): {names}")
    if f.routes:
        parts.append("routes: " + ", ".join(atlas.routes[r].name for r in sorted(f.routes)))
    if f.statuses:
        parts.append(
            "status: " + ", ".join(atlas.vocab.label("statuses", s) for s in sorted(f.statuses))
        )
    if f.period:
        parts.append(f"{f.dates} between {f.period[0]} and {f.period[1]}")
    if f.kinds:
        kinds = atlas.vocab.evidence_kinds()
        parts.append("kinds of source: " + ", ".join(kinds.get(k, k) for k in sorted(f.kinds)))
    return "; ".join(parts)


def metadata(
    atlas: Atlas, notes: LayerNotes, f: Filter, visible: Visible, made: dt.datetime
) -> dict[str, str]:
    """What a file says about itself, in the order it says it."""
    texts = []
    for n, s in enumerate(atlas.sources.values(), start=1):
        by = ", ".join(x for x in (s.outlet, s.author, s.date or f"undated, about {s.year}") if x)
        texts.append(f"[{n}] {s.title} ({by}) {s.url or s.url_note or ''}".rstrip())
    return {
        "title": notes.title,
        "caveat": notes.caveat,
        "about": notes.about,
        "texts": "\n".join(texts),
        "rights": notes.texts,
        "credits": "\n".join(
            f"{c.name}: {c.what}. Licence: {c.licence}. {c.url}" for c in notes.credits
        ),
        "filter": filter_words(atlas, f),
        "link": "?" + urlencode(to_params(f)) if to_params(f) else "(no filter)",
        "shown": f"{len(visible.segments)} segments of {len(visible.routes)} routes, "
        f"{len(visible.places)} places",
        "coordinates": f"WGS 84 longitude/latitude ({CRS})",
        "content_version": atlas.fingerprint or "not from the content files (changed in code)",
        "made": made.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def readme(meta: dict[str, str]) -> str:
    """The metadata as a plain-text README (beside the CSV)."""
    return "\n\n".join(f"{k.replace('_', ' ').upper()}\n{v}" for k, v in meta.items()) + "\n"
