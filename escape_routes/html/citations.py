"""Who said it, in which text, where and when: the citations under a passage (plain text; the
templates escape it)."""

from __future__ import annotations

from escape_routes.content.model import Atlas, Quote, Source


def citation(atlas: Atlas, quote: Quote) -> str:
    """Who said it, in which text, where and when (plain text)."""
    src = atlas.sources[quote.source]
    title = f"“{src.title}”"
    if quote.kind == "reader_comment":
        when = ", ".join(x for x in (quote.comment_date, quote.comment_time) if x)
        outlet = src.outlet or "outlet not stated"
        return f"{_reader_comment(quote, when, src, with_role=True)}, {title}, {outlet}"
    parts = []
    if quote.speaker:
        who = quote.speaker.name + (f", {quote.speaker.role}" if quote.speaker.role else "")
        parts.append(f"— {who}")
    if quote.kind == "excerpt":
        title = f"excerpt of {quote.excerpt_from}, quoted in {title}"
    elif quote.kind == "author_question":
        title = f"the author's own question, in {title}"
    parts += [title, src.outlet or "outlet not stated", source_date(src)]
    return ", ".join(parts)


def _reader_comment(quote: Quote, when: str, src: Source, with_role: bool = False) -> str:
    """ "— Sun-Bin (nicknamed reader, unverified), comment of … under a post of …" (the name
    only where another commenter gives it; ``with_role``: and how the text identifies him)."""
    who = "anonymous reader (unverified)"
    if quote.speaker:
        role = f"; {quote.speaker.role}" if with_role and quote.speaker.role else ""
        who = f"{quote.speaker.name} (nicknamed reader, unverified{role})"
    return f"— {who}, comment of {when} under a post of {source_date(src)}"


def short_citation(atlas: Atlas, quote: Quote) -> str:
    """The citation in one short line, for a projector: who, which text (its short title),
    which outlet, when (the whole title and the speaker's role are in the full citation, in
    the handout and the panel)."""
    src = atlas.sources[quote.source]
    text = f"“{src.short_title}”"
    if quote.kind == "reader_comment":
        return f"{_reader_comment(quote, quote.comment_date or '', src)}, {text}"
    parts = [f"— {quote.speaker.name}"] if quote.speaker else []
    if quote.kind == "excerpt":
        text = f"{quote.excerpt_from}, quoted in {text}"
    parts.append(text)
    if src.outlet:
        parts.append(src.outlet)
    parts.append(source_date(src))
    return ", ".join(parts)


def source_date(src: Source) -> str:
    """A source's date as written, or for an undated text the year the app files it under (the
    same year a segment's "reported" gives): "undated, about 2016"."""
    return src.date or f"undated, about {src.year}"
