"""Rule 4: every number the app states comes from a quote.

- A number in our own wording (names, summaries, tour text, what a figure measures) is written
  in one of the passages attached to it, or is the year of one of their sources (the date of a
  text is sourced in sources.yaml), or a figure's own year.
- A figure's value is written in its quote, as is a route's journey time.
"""

from __future__ import annotations

from escape_routes.content.model import Atlas, Effect, Problem
from escape_routes.content.tables import FILES, problem
from escape_routes.content.textnorm import fold, numbers_in
from escape_routes.rules.ourtext import attached, source_years, wordings


def check_numbers(atlas: Atlas) -> list[Problem]:
    """Rule 4 for every piece of our wording, every figure's value and every journey time."""
    out: list[Problem] = []
    for w in wordings(atlas):
        quotes = attached(atlas, w.quotes)
        stated = set().union(*(numbers_in(q.text) for q in quotes)) if quotes else set()
        stated |= source_years(atlas, quotes) | w.years
        for n in sorted(numbers_in(w.text) - stated):
            msg = f"number {n} is not in any attached quote"
            out.append(problem(w.record, w.field, msg))
    for fig in atlas.figures.values():
        q = atlas.quotes.get(fig.quote)
        if q is not None and fold(fig.value) not in fold(q.text):
            msg = f"{fig.value!r} is not in quote {q.id}: copy the value as the quote writes it"
            out.append(problem(fig, "value", msg))
    for route in atlas.routes.values():
        jt = route.journey_time
        q = atlas.quotes.get(jt.quote) if jt else None
        if jt is not None and q is not None and fold(jt.text) not in fold(q.text):
            msg = f"{jt.text!r} is not in quote {q.id}: copy the words as the quote writes them"
            ref = (FILES["quotes"], q.id)
            out.append(
                problem(route, "journey_time", msg, effect=Effect.DROP_REFERENCE, refers=ref)
            )
    return out
