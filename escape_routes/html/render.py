"""HTML fragments for evidence: the one place where content text is escaped.

Content is plain text everywhere. Every content string goes through :func:`esc` exactly once,
here, on its way into an HTML fragment; the fragments are used in map popups and tooltips, the
evidence panel beside the map, the tour, the Sources page and the exported files. Markup is
allowed only in fields whose names say so (``*_md``) and in the project's own files (about.md).

Why more than :func:`html.escape`:

- ``{`` and ``}``: folium's own elements (the layer control, which lists the route names) are
  rendered twice by branca, the second time as a Jinja template: ``{{ 7*7 }}`` in a route name
  would show ``49`` and ``{% raw %}`` would break the page. Encoded braces are inert there. (Our
  own map elements are rendered once: :mod:`escape_routes.map.controls`.)
- a backtick, ``$`` and ``\\``: inert in any JavaScript string a fragment may end up in,
  whatever quoting that string uses (the map passes fragments through ``tojson`` today).
"""

from __future__ import annotations

from collections.abc import Iterable

from escape_routes.content.geometry import is_arc
from escape_routes.content.model import Atlas, Place, Quote, Risk, Segment, Source, evidence_kind
from escape_routes.html.templates import escape_text
from escape_routes.rules.wording import commenter

KIND_STYLE = {
    "news_report": ("#1b5e20", "#e8f5e9"),
    "feature_article": ("#0d47a1", "#e3f2fd"),
    "blog_post": ("#4a148c", "#f3e5f5"),
    "narrative_feature": ("#3e2723", "#efebe9"),
    "reader_comment": ("#b71c1c", "#fff3e0"),
    "excerpt": ("#5d4037", "#fbe9e7"),
    "author_question": ("#37474f", "#eceff1"),
}

CSS = """
.er-card{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;line-height:1.35;color:#222}
.er-card h2,.er-card h3{margin:0 0 .2em;font-size:1.15em;line-height:1.3;padding:0}
.er-meta{color:#555;font-size:.85em;margin:.1em 0 .4em}
.er-badge{display:inline-block;border-radius:3px;padding:0 .35em;margin:0 .25em .25em 0;
  font-size:.8em;border:1px solid;white-space:nowrap}
.er-quote{margin:.45em 0;padding:.3em .6em;border-left:4px solid #999;background:#fafafa}
.er-quote q{quotes:"\\201C" "\\201D";font-style:italic}
.er-quote q.er-q-own{quotes:none}
.er-quote q.er-q-nested{quotes:"\\2018" "\\2019"}
.er-about{font-size:.85em;margin-top:.25em}.er-about summary{cursor:pointer;color:#1f5f8b}
.er-about dl{margin:.2em 0 0;display:grid;grid-template-columns:auto 1fr;gap:.1em .6em}
.er-about dt,.er-facts dt{font-weight:600}.er-about dd,.er-facts dd{margin:0}
.er-facts{display:grid;grid-template-columns:auto 1fr;gap:.25em 1em}
.er-cite{font-size:.8em;color:#444;margin-top:.2em}
.er-contested{font-size:.8em;background:#fff8e1;border:1px dashed #b26a00;padding:.15em .4em;
  margin-top:.25em}
.er-note{font-size:.8em;color:#555}
.er-contested-fold{display:inline;margin-left:.4em}.er-contested-fold summary{display:inline;
  cursor:pointer;color:#8a4b00;text-decoration:underline}
.er-only{font-size:.85em;font-weight:600;color:#b71c1c;margin:.3em 0}
.er-shared{opacity:.55}
"""


def esc(text: object) -> str:
    """Content text as inert HTML text (:func:`escape_routes.html.templates.escape_text`)."""
    return escape_text(str(text))


def risk_badge(risk: Risk, note: str = "") -> str:
    """A badge that carries the risk's colour and its non-colour cue and label (and a note,
    such as "reader comment only", when the risk rests on unverified passages alone)."""
    extra = f" — {esc(note)}" if note else ""
    return (
        f'<span class="er-badge" style="border-color:{risk.colour};'
        f'box-shadow:inset 4px 0 0 {risk.colour}" title="{esc(risk.description)}">'
        f"{esc(risk.cue)} {esc(risk.label)}{extra}</span>"
    )


def kind_badge(atlas: Atlas, quote: Quote) -> str:
    """A badge for the kind of evidence; reader comments are marked unverified."""
    kind = evidence_kind(atlas, quote)
    fg, bg = KIND_STYLE.get(kind, KIND_STYLE["feature_article"])
    return (
        f'<span class="er-badge" style="color:{fg};background:{bg};border-color:{fg}">'
        f"{esc(atlas.vocab.evidence_kinds().get(kind, kind))}</span>"
    )


def citation(atlas: Atlas, quote: Quote) -> str:
    """Who said it, in which text, where and when."""
    src = atlas.sources[quote.source]
    title = f"“{esc(src.title)}”"
    if quote.kind == "reader_comment":
        when = ", ".join(x for x in (quote.comment_date, quote.comment_time) if x)
        outlet = esc(src.outlet or "outlet not stated")
        return f"{_reader_comment(quote, when, src, with_role=True)}, {title}, {outlet}"
    parts = []
    if quote.speaker:
        who = quote.speaker.name + (f", {quote.speaker.role}" if quote.speaker.role else "")
        parts.append(f"— {esc(who)}")
    if quote.kind == "excerpt":
        title = f"excerpt of {esc(quote.excerpt_from)}, quoted in {title}"
    elif quote.kind == "author_question":
        title = f"the author's own question, in {title}"
    parts.append(title)
    parts.append(esc(src.outlet or "outlet not stated"))
    parts.append(esc(source_date(src)))
    return ", ".join(parts)


def _reader_comment(quote: Quote, when: str, src: Source, with_role: bool = False) -> str:
    """ "— Sun-Bin (nicknamed reader, unverified), comment of … under a post of …" (the name
    only where another commenter gives it; ``with_role``: and how the text identifies him)."""
    who = "anonymous reader (unverified)"
    if quote.speaker:
        role = f"; {quote.speaker.role}" if with_role and quote.speaker.role else ""
        who = f"{quote.speaker.name} (nicknamed reader, unverified{role})"
    return f"— {esc(who)}, comment of {esc(when)} under a post of {esc(source_date(src))}"


def short_citation(atlas: Atlas, quote: Quote) -> str:
    """The citation in one short line, for a projector: who, which kind of text, when (the
    title and the speaker's role are in the full citation, in the handout and the panel)."""
    src = atlas.sources[quote.source]
    if quote.kind == "reader_comment":
        return _reader_comment(quote, quote.comment_date or "", src)
    parts = [f"— {esc(quote.speaker.name)}"] if quote.speaker else []
    if quote.kind == "excerpt":
        parts.append(f"{esc(quote.excerpt_from)}, quoted in a blog post")
    elif src.outlet:
        parts.append(esc(src.outlet))
    parts.append(esc(source_date(src)))
    return ", ".join(parts)


def source_date(src: Source) -> str:
    """A source's date as written, or for an undated text the year the app files it under (the
    same year a segment's "reported" gives): "undated, about 2016"."""
    return src.date or f"undated, about {src.year}"


_OPENING_QUOTES = "\"'“‘«„"
_DOUBLE_QUOTES = '"“”„'


def about_source(atlas: Atlas, quote: Quote) -> str:
    """What is known about a quote's source, folded: its reliability, date and address."""
    src = atlas.sources[quote.source]
    rows = [("Reliability", src.reliability)]
    if src.date_note:
        rows.append(("Date", src.date_note))
    rows.append(("Kind", atlas.vocab.label("source_kinds", src.kind)))
    address = (
        f'<a href="{esc(src.url)}" rel="noopener noreferrer" target="_blank">{esc(src.url)}</a>'
        if src.url
        else esc(src.url_note or "no address known")
    )
    items = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    return (
        '<details class="er-about"><summary>About this source</summary>'
        f"<dl>{items}<dt>Address</dt><dd>{address}</dd></dl></details>"
    )


def quote_block(atlas: Atlas, quote: Quote, about: bool = False, compact: bool = False) -> str:
    """A quote, verbatim, with its badge, citation and any contest note; with ``about``, what
    is known of its source one click away; ``compact`` (a projector) gives the short citation
    and folds the contest note behind a "Contested" line one click away.

    A passage that opens with its own quotation mark (someone speaking) gets no second pair; one
    that quotes someone in double marks is set in single ones (‘… states: “More … there.”’).
    """
    own = (
        ' class="er-q-own"'
        if quote.text.lstrip()[:1] in _OPENING_QUOTES
        else ' class="er-q-nested"'
        if any(c in quote.text for c in _DOUBLE_QUOTES)
        else ""
    )
    if compact:
        contested = (
            '<details class="er-contested-fold"><summary>contested: why?</summary>'
            f'<div class="er-contested">{esc(quote.contested)}</div></details>'
            if quote.contested
            else ""
        )
        return (
            f'<div class="er-quote"><q{own}>{esc(quote.text)}</q>'
            f'<div class="er-cite">{kind_badge(atlas, quote)} {short_citation(atlas, quote)}'
            f"{contested}</div></div>"
        )
    contested = (
        f'<div class="er-contested">Contested: {esc(quote.contested)}</div>'
        if quote.contested
        else ""
    )
    return (
        f'<div class="er-quote">{kind_badge(atlas, quote)}<q{own}>{esc(quote.text)}</q>'
        f'<div class="er-cite">{citation(atlas, quote)}</div>{contested}'
        f"{about_source(atlas, quote) if about else ''}</div>"
    )


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


def dates_html(atlas: Atlas, item: Place | Segment, quote_ids: Iterable[str]) -> str:
    """When it happened (only where a text dates it) and when it was reported: two facts."""
    if isinstance(item, Segment):
        reported = item.reported
    else:
        reported = tuple(atlas.sources[atlas.quotes[q].source].year for q in quote_ids)
    h = item.happened
    if h is None:
        happened = "happened: no text dates it"
    else:
        span = str(h.start) if h.start == h.end else f"{h.start}–{h.end}"
        happened = f"happened {span}" + (f" ({esc(h.note)})" if h.note else "")
    return f"{happened} · reported {_years(reported)}"


def means_html(atlas: Atlas, seg: Segment) -> str:
    """How the leg was travelled, as the texts give it; for an arc, why it is curved."""
    label = esc(atlas.vocab.label("means", seg.means))
    if is_arc(seg) and seg.means == "unstated":
        return f"means: {label}; the curve joins the two places and is not a path on the ground"
    return f"means: {label}"


def card(
    atlas: Atlas,
    item: Place | Segment,
    quotes: Iterable[str],
    risks: Iterable[str],
    limit: int | None = None,
    extra: str = "",
    about: bool = False,
    level: int = 3,
) -> str:
    """The evidence card of a place or segment (popup and side panel); with ``about``, each
    quote's source is described one click away (the panel). Its name is a heading of ``level``
    (2 where it follows the page's or the map's h1)."""
    quote_ids = list(quotes)
    if isinstance(item, Segment):
        route = atlas.routes[item.route]
        status = atlas.vocab.label("statuses", item.status)
        meta = (
            f"{esc(route.name)} · {esc(status)} · {means_html(atlas, item)}<br>"
            f"{dates_html(atlas, item, quote_ids)}"
        )
    else:
        kind = atlas.vocab.label("place_kinds", item.kind)
        meta = f"{esc(kind)} · location: {esc(atlas.vocab.label('precisions', item.precision))}"
        meta += f"<br>{dates_html(atlas, item, quote_ids)}"
        if item.location_note:
            meta += f'<br><span class="er-note">{esc(item.location_note)}</span>'
    only = only_unverified(atlas, quote_ids)
    only_html = f'<div class="er-only">{esc(only)}</div>' if only else ""
    badges = "".join(
        risk_badge(atlas.risks[r], _risk_note(atlas, r, quote_ids))
        for r in risks
        if r in atlas.risks
    )
    shown = quote_ids[:limit] if limit else quote_ids
    more = len(quote_ids) - len(shown)
    more_html = (
        f'<div class="er-note">{more} more passage(s) in the panel beside the map.</div>'
        if more > 0
        else ""
    )
    body = "".join(quote_block(atlas, atlas.quotes[q], about) for q in shown)
    return (
        f'<div class="er-card"><h{level}>{esc(item.name)}</h{level}>'
        f'<div class="er-meta">{meta}</div>'
        f"{only_html}<div>{esc(item.summary)}</div>{extra}<div>{badges}</div>{body}{more_html}"
        "</div>"
    )
