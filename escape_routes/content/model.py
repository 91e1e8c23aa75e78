"""Typed records for the content, and the Atlas that holds them once loaded.

Every record forbids unknown fields, so a typo in a YAML key is reported instead of ignored, and
every record is frozen: nothing changes the content after it is loaded. Ids are lower-case slugs
(``a-z``, ``0-9`` and ``-``); they are what everything links by. Terms such as a source's kind or a
segment's status are ids from ``content/vocabulary.yaml``, which also holds their labels.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from escape_routes.content.frozen import FrozenDict, deep_frozen

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
#: An id from content/vocabulary.yaml (the validator checks that the vocabulary has it).
TermId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+([_-][a-z0-9]+)*$", max_length=60)]
#: A reference to a record by its id: any short text here, so that a mistyped id is reported as
#: a reference that resolves to nothing (with "did you mean"), not as a broken record.
Ref = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Ids = tuple[Ref, ...]
ISO3 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class Record(BaseModel):
    """Base for all content records: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


class Source(Record):
    """One of the five supplied texts. ``short_title`` names it where a citation has one short
    line (the projector, the speaker view, a marker's hint): words of its title, in order."""

    id: Slug
    title: Text
    short_title: Text
    outlet: str | None = None
    outlet_note: str | None = None
    author: str | None = None
    author_note: str | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    date_note: str | None = None
    year: int = Field(ge=1945, le=2030, description="Year used for the reported-years filter")
    url: str | None = Field(default=None, pattern=r"^https://")
    url_note: str | None = None
    kind: TermId
    file: Annotated[str, StringConstraints(pattern=r"^[0-9]{3}_[0-9a-f]{16}\.txt$")]
    reliability: Text

    @field_validator("short_title")
    @classmethod
    def _short_title_from_title(cls, short: str, info: ValidationInfo) -> str:
        title = info.data.get("title")
        if title is None:  # the title is wrong itself, and reported
            return short
        words, rest = _words(short), iter(_words(title))
        if not words or not all(w in rest for w in words):
            raise PydanticCustomError(
                "short_title",
                "'{short}' is not words of the title '{title}' in their order: shorten the "
                "title, do not reword it",
                {"short": short, "title": title},
            )
        return short


class Speaker(Record):
    """Someone the text quotes, named only as the text names them."""

    name: Text
    role: str | None = None


class Quote(Record):
    """A verbatim passage from a source (mojibake repaired, nothing else changed)."""

    id: Slug
    source: Ref
    text: Text
    kind: TermId
    speaker: Speaker | None = None
    comment_date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    comment_time: str | None = Field(
        default=None, description="For a reader comment: the time printed under it (10:01 pm)"
    )
    risks: Ids = ()
    contested: str | None = None
    note: str | None = Field(
        default=None,
        description="A note on the passage that is no disagreement (a commenter's own correction)",
    )
    excerpt_from: str | None = Field(
        default=None,
        description="For an excerpt: where the source took it from, as the citation names it",
    )
    off_map: str | None = Field(
        default=None, description="Why the quote is attached to nothing on the map"
    )


class Risk(Record):
    """One kind of danger, with a colour and a cue that does not rely on colour."""

    id: Slug
    label: Text
    description: Text
    colour: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
    cue: Annotated[str, StringConstraints(min_length=1, max_length=3)]


class Figure(Record):
    """A number stated in a quote, with what it measures."""

    id: Slug
    quote: Ref
    value: Text = Field(description="The figure exactly as written in the quote")
    low: float | None = None
    high: float | None = None
    unit: str
    measures: Text
    topic: TermId
    year: int | None = None
    contested: str | None = None
    hedge: str | None = Field(
        default=None, description="The hedge the text puts on the value, as written ('about')"
    )
    number: float | None = Field(
        default=None, description="A single numeric reading, only where the text gives one"
    )
    since: int | None = Field(default=None, description="Start year of a cumulative total")
    year_note: str | None = Field(
        default=None, description="How the year was derived when the quote does not write it"
    )


class JourneyTime(Record):
    """A journey length the texts give, as written in a quote."""

    text: Text
    quote: Ref


class Route(Record):
    """A route's description; its segments live in geodata/routes/<id>.geojson."""

    id: Slug
    name: Text
    colour: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
    summary: Text
    journey_time: JourneyTime | None = None


class Happened(Record):
    """The years an event took place, where a text gives them (not the year it was reported).

    A year not written in an attached passage needs a ``note`` saying how it was derived.
    """

    start: int = Field(alias="from", ge=1945, le=2030)
    end: int = Field(alias="to", ge=1945, le=2030)
    note: str | None = None


class Place(Record):
    """A point on the map (properties of a Feature in places.geojson, plus its coordinates)."""

    id: Slug
    name: Text
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    kind: TermId
    summary: Text
    risks: Ids = ()
    quotes: Ids = Field(min_length=1)
    precision: TermId
    geonames_id: int | None = None
    location_note: str | None = None
    happened: Happened | None = None
    lon: float = Field(ge=-180, le=180)
    lat: float = Field(ge=-90, le=90)


class Segment(Record):
    """One LineString of a route (properties of a Feature in routes/<route>.geojson)."""

    id: Slug
    route: Slug
    order: int = Field(ge=1)
    name: Text
    summary: Text
    status: TermId
    countries: tuple[ISO3, ...] = Field(
        min_length=1, description="The countries the leg passes, in order"
    )
    means: TermId = Field(description="How the texts say the leg was travelled, or unstated")
    happened: Happened | None = None
    reported: tuple[int, ...] = Field(
        min_length=1, description="The years of the attached passages' sources, exactly"
    )
    bend: float | None = Field(
        default=None, ge=-1, le=1, description="Side and depth of the arc of an unstated/air leg"
    )
    risks: Ids = ()
    quotes: Ids = Field(min_length=1)
    places: Ids = ()
    coords: tuple[tuple[float, float], ...] = Field(min_length=2, description="(lon, lat) pairs")


class View(Record):
    """Where a tour step points the map."""

    center: tuple[float, float] = Field(description="(lat, lon)")
    zoom: int = Field(ge=2, le=12)


class TourStep(Record):
    """One step of the classroom tour."""

    id: Slug
    title: Text
    body: Text
    view: View
    layers: Ids = ()
    places: Ids = ()
    quotes: Ids = Field(min_length=1, max_length=5)
    question: Text
    notes: Text
    care: str | None = Field(
        default=None, description="A handle-with-care note, shown in presenter mode too"
    )
    minutes: int = Field(
        default=3, ge=1, le=30, description="The minutes a class needs for the step (an estimate)"
    )


class Term(Record):
    """One term of the vocabulary: the label the app shows, and what else a kind of term needs."""

    label: Text
    description: str | None = None
    badge: bool = Field(
        default=False,
        description="Quote kinds: the quote's own badge replaces its source's (reader comments)",
    )
    dash: str | None = Field(
        default=None,
        pattern=r"^\d+( \d+)*$",
        description="Statuses: the line's dash pattern (SVG stroke-dasharray); none is solid",
    )
    measure: (
        Literal["yearly_count", "cumulative_total", "share", "count", "amount", "size"] | None
    ) = Field(
        default=None,
        description="Figure topics: the kind of measure; the validator checks it against the "
        "quotes' words (a yearly count, a cumulative total and a share are different topics)",
    )
    speaker: bool = Field(
        default=False,
        description="Quote kinds: a quote of this kind names who speaks (speaker: name, role)",
    )
    chart: Literal["yearly", "ranges"] | None = Field(
        default=None,
        description="Figure topics: drawn as bars by year, or as ranges side by side; none: "
        "table only",
    )


#: One table of the vocabulary: term id -> Term, read-only once validated.
Terms = Annotated[dict[TermId, Term], AfterValidator(FrozenDict)]


class GazetteerEntry(Record):
    """A place name our wording may use (content/gazetteer.yaml), with the forms that count as
    the same name and, for a country, its ISO 3166 alpha-3 code."""

    name: Text
    iso: ISO3 | None = None
    also: tuple[Text, ...] = ()


class Vocabulary(Record):
    """Every term the content may use, with its label (content/vocabulary.yaml)."""

    source_kinds: Terms
    quote_kinds: Terms
    statuses: Terms
    means: Terms
    place_kinds: Terms
    precisions: Terms
    figure_topics: Terms

    def label(self, table: str, term: str) -> str:
        """A term's label, or the term itself when the vocabulary lacks it."""
        entry = getattr(self, table).get(term)
        return entry.label if entry else term

    def evidence_kinds(self) -> dict[str, str]:
        """The kinds of evidence a quote can be shown as: its source's kind, or its own kind
        where that kind carries its own badge (a reader comment is not its blog's reporting)."""
        kinds = {k: t.label for k, t in self.source_kinds.items()}
        kinds.update({k: t.label for k, t in self.quote_kinds.items() if t.badge})
        return kinds


#: The vocabulary of an app whose vocabulary file could not be read: no terms, labels are ids.
EMPTY_VOCABULARY = Vocabulary(
    source_kinds={},
    quote_kinds={},
    statuses={},
    means={},
    place_kinds={},
    precisions={},
    figure_topics={},
)


class Effect(Enum):
    """What loading does about a problem (``validate --rules`` lists each rule's)."""

    FILE = "nothing in the file is used"
    DROP_RECORD = "the record is left out"
    DROP_REFERENCE = "the reference is left out"
    REPORT = "reported only"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, precise enough to fix without searching.

    ``table`` and ``id`` name the record (no id: the whole file), ``rule`` the rule broken
    (:mod:`escape_routes.rules.registry`) and ``effect`` what loading does about it. ``refers``
    is the ``(file, id)`` a broken reference points at; ``cause``, the problem this one follows
    from (at its root: it is listed under it); ``skipped``, the rules not run because of this
    one (a file that cannot be read).
    """

    file: str
    id: str | None
    field: str | None
    message: str
    table: str | None = None
    rule: str = ""
    effect: Effect | None = None
    refers: tuple[str, str | None] | None = None
    cause: Problem | None = None
    skipped: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = ": ".join(p for p in (self.file, self.id, self.field) if p)
        return f"{where}: {self.message}"


_TABLES = ("sources", "quotes", "risks", "figures", "routes", "places", "segments")


@dataclass(frozen=True)
class Atlas:
    """Everything the app shows, valid records only, plus the problems found while loading.

    Immutable: its tables, the basemap and the vocabulary are read-only all the way down, and
    shared by every session of the app. Make a changed copy with :func:`dataclasses.replace`.

    ``fingerprint`` names the version of the content files a checked atlas was compiled from
    (:mod:`escape_routes.content.compiled`); a copy changed in code has none (``""``), so that
    nothing keyed on a fingerprint can mistake it for the files' version. What is computed from
    the atlas (lengths, label anchors, shapes, ...) is
    :func:`escape_routes.content.derived.derived`, made once per atlas and kept with it.
    """

    sources: Mapping[str, Source] = field(default_factory=dict)
    quotes: Mapping[str, Quote] = field(default_factory=dict)
    risks: Mapping[str, Risk] = field(default_factory=dict)
    figures: Mapping[str, Figure] = field(default_factory=dict)
    routes: Mapping[str, Route] = field(default_factory=dict)
    places: Mapping[str, Place] = field(default_factory=dict)
    segments: Mapping[str, Segment] = field(default_factory=dict)
    tour: tuple[TourStep, ...] = ()
    vocab: Vocabulary = EMPTY_VOCABULARY
    gazetteer: tuple[GazetteerEntry, ...] = ()
    countries: Mapping[str, Any] = field(default_factory=dict)
    rivers: Mapping[str, Any] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    fingerprint: str = field(default="", init=False)

    def __post_init__(self) -> None:
        for name in _TABLES:
            table = getattr(self, name)
            if not isinstance(table, FrozenDict):
                object.__setattr__(self, name, FrozenDict(table))
        for name in ("countries", "rivers"):
            tree = getattr(self, name)
            tree = tree if isinstance(tree, dict) else dict(tree)
            object.__setattr__(self, name, deep_frozen(tree))
        for name in ("tour", "gazetteer", "problems", "notes"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    def stamped(self, fingerprint: str) -> Atlas:
        """This atlas as the checked version of the content files named by ``fingerprint``."""
        out = replace(self)
        object.__setattr__(out, "fingerprint", fingerprint)
        return out

    def route_segments(self, route_id: str) -> list[Segment]:
        """The segments of one route in travel order."""
        return sorted(
            (s for s in self.segments.values() if s.route == route_id), key=lambda s: s.order
        )


def evidence_kind(atlas: Atlas, quote: Quote) -> str:
    """A quote's kind of evidence: its own kind where the vocabulary gives that kind its own
    badge (a reader comment stands apart from the blog it appears under), else its source's."""
    term = atlas.vocab.quote_kinds.get(quote.kind)
    if term is not None and term.badge:
        return quote.kind
    return atlas.sources[quote.source].kind


def commenter(quote: Quote) -> str:
    """Who wrote a reader comment, as the text identifies him: a name other commenters use, or
    else only the date and time printed under the comment."""
    if quote.speaker:
        return quote.speaker.name
    return f"the commenter of {quote.comment_date}, {quote.comment_time}"
