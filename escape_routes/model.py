"""Typed records for the content: what a source, quote, risk, place, route and tour step are.

Every record forbids unknown fields, so a typo in a YAML key is reported instead of ignored.
Ids are lower-case slugs (``a-z``, ``0-9`` and ``-``); they are what everything links by.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]

SourceKind = Literal["news_report", "feature_article", "blog_post", "narrative_feature"]
QuoteKind = Literal[
    "reporting", "quoted_statement", "reader_comment", "narrative", "excerpt", "author_question"
]
Status = Literal["used", "repatriation", "closed", "proposed"]
Precision = Literal["city", "approximate", "schematic"]
PlaceKind = Literal[
    "crossing", "city", "hiding", "embassy", "transit", "destination", "camp", "border", "region"
]

SOURCE_KIND_LABELS: dict[str, str] = {
    "news_report": "News report",
    "feature_article": "Feature article",
    "blog_post": "Blog post",
    "narrative_feature": "Narrative feature (pseudonyms)",
}
QUOTE_KIND_LABELS: dict[str, str] = {
    "reporting": "Reporting",
    "quoted_statement": "Quoted statement",
    "reader_comment": "Reader comment — unverified",
    "narrative": "Narrative",
    "excerpt": "Excerpt quoted from elsewhere",
    "author_question": "The author's own question, not reporting",
}
STATUS_LABELS: dict[str, str] = {
    "used": "Used route",
    "repatriation": "Forced return",
    "closed": "Closed",
    "proposed": "Proposed, not attested",
}


class Record(BaseModel):
    """Base for all content records: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Record):
    """One of the five supplied texts."""

    id: Slug
    title: Text
    outlet: str | None = None
    outlet_note: str | None = None
    author: str | None = None
    author_note: str | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    date_note: str | None = None
    year: int = Field(ge=1945, le=2030, description="Year used for the period filter")
    url: str | None = Field(default=None, pattern=r"^https://")
    url_note: str | None = None
    kind: SourceKind
    file: Annotated[str, StringConstraints(pattern=r"^[0-9]{3}_[0-9a-f]{16}\.txt$")]
    reliability: Text


class Speaker(Record):
    """Someone the text quotes, named only as the text names them."""

    name: Text
    role: str | None = None


class Quote(Record):
    """A verbatim passage from a source (mojibake repaired, nothing else changed)."""

    id: Slug
    source: Slug
    text: Text
    kind: QuoteKind
    speaker: Speaker | None = None
    comment_date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    risks: list[Slug] = Field(default_factory=list)
    contested: str | None = None
    excerpt_from: str | None = Field(
        default=None,
        description="For an excerpt: where the source took it from, as the citation names it",
    )
    comment_time: str | None = Field(
        default=None, description="For a reader comment: the time printed under it (e.g. 10:01 pm)"
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
    quote: Slug
    value: Text = Field(description="The figure exactly as written in the quote")
    low: float | None = None
    high: float | None = None
    unit: str
    measures: Text
    topic: Slug
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


class Topic(Record):
    """One measure the figures can be about; a chart draws one topic only."""

    id: Slug
    label: Text
    kind: Literal["yearly_count", "cumulative_total", "share", "count", "amount", "size"]
    chart: Literal["bars_by_year", "ranges"] | None = None
    description: Text


class JourneyTime(Record):
    """A journey length the texts give, as written in a quote."""

    text: Text
    quote: Slug


class Route(Record):
    """A route's description; its segments live in geodata/routes/<id>.geojson."""

    id: Slug
    name: Text
    colour: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
    summary: Text
    journey_time: JourneyTime | None = None


class Period(Record):
    """Years a feature is attested in; each year must come from an attached quote or its source."""

    start: int = Field(alias="from", ge=1945, le=2030)
    end: int = Field(alias="to", ge=1945, le=2030)


class Happened(Record):
    """The years an event took place, where a text gives them (not the year it was reported).

    A year not written in an attached passage needs a ``note`` saying how it was derived.
    """

    start: int = Field(alias="from", ge=1945, le=2030)
    end: int = Field(alias="to", ge=1945, le=2030)
    note: str | None = None


Means = Literal["on_foot", "river_crossing", "road", "rail", "boat", "air", "unstated"]
ISO3 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class Place(Record):
    """A point on the map (properties of a Feature in places.geojson, plus its coordinates)."""

    id: Slug
    name: Text
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    kind: PlaceKind
    summary: Text
    risks: list[Slug] = Field(default_factory=list)
    quotes: list[Slug] = Field(min_length=1)
    precision: Precision
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
    status: Status
    period: Period | None = None
    countries: list[ISO3] = Field(min_length=1, description="Countries the leg passes, in order")
    means: Means = Field(description="How the texts say the leg was travelled, or unstated")
    happened: Happened | None = None
    reported: list[int] = Field(
        min_length=1, description="Years of the attached passages' sources, exactly"
    )
    bend: float | None = Field(
        default=None, ge=-1, le=1, description="Side and depth of the arc of an unstated/air leg"
    )
    risks: list[Slug] = Field(default_factory=list)
    quotes: list[Slug] = Field(min_length=1)
    places: list[Slug] = Field(default_factory=list)
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
    layers: list[Slug] = Field(default_factory=list)
    places: list[Slug] = Field(default_factory=list)
    quotes: list[Slug] = Field(min_length=1, max_length=5)
    question: Text
    notes: Text
    care: str | None = Field(
        default=None, description="Handle-with-care note, shown in presenter mode too"
    )
