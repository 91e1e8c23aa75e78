"""The evidence every output shows: what a card, a quote and a badge say, as data for the
templates in ``templates/evidence/``, rendered into HTML there.

Content is plain text everywhere. It is escaped exactly once, by the one Environment
(:mod:`escape_routes.html.templates`), when a template puts it into HTML; this module only
chooses and words what is shown (citations, dates, "only a reader comment says this"), as plain
text. The fragments are used in map popups, the evidence panel beside the map, the tour, the
Sources page and the exported files; their stylesheet is ``css/cards.css``. Markup is allowed
only in fields whose names say so (``*_md``), in values named ``*_html`` that a caller made
Markup, and in the project's own files (about.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from markupsafe import Markup

from escape_routes.content.derived import derived
from escape_routes.content.geometry import is_arc
from escape_routes.content.model import (
    Atlas,
    Place,
    Quote,
    Risk,
    Segment,
    commenter,
    evidence_kind,
)
from escape_routes.html.citations import (  # source_date: re-exported for older imports
    citation,
    short_citation,
    source_date,  # noqa: F401
)
from escape_routes.html.provenance import SentenceView, anchor, note_views, summary_views
from escape_routes.html.styles import stylesheet
from escape_routes.html.templates import escape_text, render

KIND_STYLE = {
    "news_report": ("#1b5e20", "#e8f5e9"),
    "feature_article": ("#0d47a1", "#e3f2fd"),
    "blog_post": ("#4a148c", "#f3e5f5"),
    "narrative_feature": ("#3e2723", "#efebe9"),
    "reader_comment": ("#b71c1c", "#fff3e0"),
    "excerpt": ("#5d4037", "#fbe9e7"),
    "author_question": ("#37474f", "#eceff1"),
}

#: The cards' stylesheet (css/base.css and css/cards.css), for a document that does not link it:
#: the map's frame and the one-file outputs put it in once.
CSS = stylesheet("base.css", "cards.css")


def esc(text: object) -> str:
    """Content text as inert HTML text, for the modules that still build HTML in Python
    (tests/test_no_html_in_python.py lists them; templates escape by themselves)."""
    return escape_text(str(text))


@dataclass(frozen=True)
class SourceFacts:
    """What is known about a source (``templates/evidence/facts.html``): rows of (label, text),
    then its address, or why there is none."""

    rows: list[tuple[str, str]]
    url: str | None
    url_note: str
    css_class: str = ""


@dataclass(frozen=True)
class Kind:
    """The kind of evidence a passage is: its label and its badge's colours."""

    label: str
    fg: str
    bg: str


@dataclass(frozen=True)
class QuoteView:
    """A passage as ``templates/evidence/quote.html`` shows it."""

    text: str
    mark: str  # the <q>'s class: "er-q-own", "er-q-nested" or ""
    kind: Kind
    citation: str
    contested: list[SentenceView]  # the contest note, its passages lettered [a], [b]
    note: list[SentenceView]  # a note that is no disagreement (a commenter's own correction)
    compact: bool
    about: SourceFacts | None
    number: int = 0  # in a card: the passage's number, which its sentences' markers carry
    anchor: str = ""  # in a card: its HTML id, which the markers link to


@dataclass(frozen=True)
class CardView:
    """A place's or segment's evidence as ``templates/evidence/card.html`` shows it."""

    level: int
    name: str
    meta: str
    dates: str
    note: str
    only: str
    summary: list[SentenceView]
    hidden: str  # "1 sentence hidden: it rests only on reader comments"
    extra_html: Markup
    risks: list[tuple[Risk, str]]
    quotes: list[QuoteView]
    more: int


def risk_badge(risk: Risk, note: str = "") -> Markup:
    """A badge that carries the risk's colour and its non-colour cue and label (and a note,
    such as "reader comment only", when the risk rests on unverified passages alone)."""
    return render("evidence/risk_badge.html", risk=risk, note=note)


_OPENING_QUOTES = "\"'“‘«„"
_DOUBLE_QUOTES = '"“”„'


def about_source(atlas: Atlas, quote: Quote) -> SourceFacts:
    """What is known about a quote's source, for the fold under it: reliability, date, kind,
    address."""
    src = atlas.sources[quote.source]
    rows = [("Reliability", src.reliability)]
    if src.date_note:
        rows.append(("Date", src.date_note))
    rows.append(("Kind", atlas.vocab.label("source_kinds", src.kind)))
    return SourceFacts(rows, src.url, src.url_note or "no address known")


def quote_view(atlas: Atlas, quote: Quote, about: bool = False, compact: bool = False) -> QuoteView:
    """A quote, verbatim, with its badge, citation and any contest note; with ``about``, what
    is known of its source one click away; ``compact`` (a projector) gives the short citation
    and folds the contest note behind a "Contested" line one click away.

    A passage that opens with its own quotation mark (someone speaking) gets no second pair; one
    that quotes someone in double marks is set in single ones (‘… states: “More … there.”’).
    """
    k = evidence_kind(atlas, quote)  # reader comments are marked unverified
    fg, bg = KIND_STYLE.get(k, KIND_STYLE["feature_article"])
    mark = (
        "er-q-own"
        if quote.text.lstrip()[:1] in _OPENING_QUOTES
        else "er-q-nested"
        if any(c in quote.text for c in _DOUBLE_QUOTES)
        else ""
    )
    return QuoteView(
        text=quote.text,
        mark=mark,
        kind=Kind(atlas.vocab.evidence_kinds().get(k, k), fg, bg),
        citation=short_citation(atlas, quote) if compact else citation(atlas, quote),
        contested=note_views(atlas, quote.contested or ""),
        note=note_views(atlas, quote.note or ""),
        compact=compact,
        about=about_source(atlas, quote) if about and not compact else None,
    )


def quote_block(atlas: Atlas, quote: Quote, about: bool = False, compact: bool = False) -> Markup:
    """A quote as HTML (``templates/evidence/quote.html``): :func:`quote_view` says what."""
    return render("evidence/quote.html", quote=quote_view(atlas, quote, about, compact))


def only_unverified(atlas: Atlas, quote_ids: Iterable[str]) -> str:
    """ "Only an anonymous reader comment says this" where every passage shown is one (naming
    how many different readers), and the same for excerpts quoted from elsewhere; else ""."""
    quotes = [atlas.quotes[q] for q in quote_ids if q in atlas.quotes]
    kinds = {q.kind for q in quotes}
    if not quotes or not kinds <= {"reader_comment", "excerpt"}:
        return ""
    if kinds == {"reader_comment"}:
        who = {commenter(q) for q in quotes}
        if len(who) == 1:
            return "Only an anonymous reader comment says this (unverified)."
        return (
            f"Only anonymous reader comments say this ({len(who)} different readers; unverified)."
        )
    if kinds == {"excerpt"}:
        origins = sorted({q.excerpt_from or "" for q in quotes})
        return "Only an excerpt quoted from elsewhere says this: " + "; ".join(origins) + "."
    return "Only reader comments and excerpts quoted from elsewhere say this (unverified)."


def _risk_note(atlas: Atlas, risk: str, quote_ids: list[str]) -> str:
    kinds = {atlas.quotes[q].kind for q in quote_ids if risk in atlas.quotes[q].risks}
    if kinds == {"reader_comment"}:
        return "reader comment only"
    if kinds == {"excerpt"}:
        return "excerpt only"
    return ""


def _years(ys: Iterable[int]) -> str:
    ys = sorted(set(ys))
    return ", ".join(str(y) for y in ys)


def dates_text(atlas: Atlas, item: Place | Segment, quote_ids: Iterable[str]) -> str:
    """When it happened (only where a text dates it) and when it was reported: two facts."""
    if isinstance(item, Segment):
        reported = item.reported
    else:
        reported = derived(atlas).years(quote_ids)
    h = item.happened
    if h is None:
        happened = "happened: no text dates it"
    else:
        span = str(h.start) if h.start == h.end else f"{h.start}–{h.end}"
        happened = f"happened {span}" + (f" ({h.note})" if h.note else "")
    return f"{happened} · reported {_years(reported)}"


def means_text(atlas: Atlas, seg: Segment) -> str:
    """How the leg was travelled, as the texts give it; for an arc, why it is curved."""
    label = atlas.vocab.label("means", seg.means)
    if is_arc(seg) and seg.means == "unstated":
        return f"means: {label}; the curve joins the two places and is not a path on the ground"
    return f"means: {label}"


def card(
    atlas: Atlas,
    item: Place | Segment,
    quotes: Iterable[str],
    risks: Iterable[str],
    limit: int | None = None,
    extra_html: str = "",
    about: bool = False,
    level: int = 3,
) -> Markup:
    """The evidence card of a place or segment as HTML (``templates/evidence/card.html``;
    :func:`card_view` says what it shows)."""
    view = card_view(atlas, item, quotes, risks, limit, extra_html, about, level)
    return render("evidence/card.html", card=view)


def card_view(
    atlas: Atlas,
    item: Place | Segment,
    quotes: Iterable[str],
    risks: Iterable[str],
    limit: int | None = None,
    extra_html: str = "",
    about: bool = False,
    level: int = 3,
) -> CardView:
    """The evidence card of a place or segment (popup and side panel); with ``about``, each
    quote's source is described one click away (the panel). ``quotes`` are the passages the
    filters leave: each summary sentence carries markers to its passages, and one whose passages
    are all gone is hidden, the card saying so (:mod:`.provenance`). Its name is a heading of
    ``level`` (2 where it follows the page's or the map's h1). ``extra_html`` is markup the
    caller made (put in after the summary as it is)."""
    quote_ids = list(quotes)
    if isinstance(item, Segment):
        route = atlas.routes[item.route]
        status = atlas.vocab.label("statuses", item.status)
        meta = f"{route.name} · {status} · {means_text(atlas, item)}"
        note = ""
    else:
        kind_label = atlas.vocab.label("place_kinds", item.kind)
        meta = f"{kind_label} · location: {atlas.vocab.label('precisions', item.precision)}"
        note = item.location_note or ""
    shown = quote_ids[:limit] if limit else quote_ids
    popup = bool(limit)
    summary, hidden = summary_views(atlas, item.id, item.summary, quote_ids, len(shown), popup)
    return CardView(
        level=level,
        name=item.name,
        meta=meta,
        dates=dates_text(atlas, item, quote_ids),
        note=note,
        only=only_unverified(atlas, quote_ids),
        summary=summary,
        hidden=hidden,
        extra_html=Markup(extra_html),
        risks=[
            (atlas.risks[r], _risk_note(atlas, r, quote_ids)) for r in risks if r in atlas.risks
        ],
        quotes=[
            replace(
                quote_view(atlas, atlas.quotes[q], about),
                number=n,
                anchor=anchor(item.id, q, popup),
            )
            for n, q in enumerate(shown, start=1)
        ],
        more=len(quote_ids) - len(shown),
    )
