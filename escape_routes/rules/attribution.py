"""Rule 6: whose words a quote is. A reader comment is never shown as reporting: it carries the
date and time printed under it, and only a reader comment does; an excerpt a text quotes from
elsewhere says where it comes from (``excerpt_from``); a quote of a kind that names who speaks
(``speaker: true`` in ``content/vocabulary.yaml``, such as a quoted statement) names them.
"""

from __future__ import annotations

from escape_routes.content.model import Atlas, Problem
from escape_routes.content.tables import VOCABULARY, problem

READER_COMMENT = "reader_comment"
EXCERPT = "excerpt"


def check_quote_kinds(atlas: Atlas) -> list[Problem]:
    """Rule 6 for every quote: the fields its kind needs, and only those."""
    out: list[Problem] = []
    speaking = sorted(k for k, t in atlas.vocab.quote_kinds.items() if t.speaker)
    for q in atlas.quotes.values():
        comment = q.kind == READER_COMMENT
        for fld in ("comment_date", "comment_time"):
            if comment != (getattr(q, fld) is not None):
                out.append(problem(q, fld, "required for, and only for, reader comments"))
        if (q.kind == EXCERPT) != (q.excerpt_from is not None):
            out.append(problem(q, "excerpt_from", "required for, and only for, excerpts"))
        if q.kind in speaking and q.speaker is None:
            msg = (
                f"a {q.kind} names who speaks ({VOCABULARY}: speaker: true): add speaker: with "
                "name: and role:, as the text names them"
            )
            out.append(problem(q, "speaker", msg))
    return out
