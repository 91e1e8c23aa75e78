"""Every rule the validator enforces, in one place: its number (DESIGN.md's "Rules the validator
enforces", 1-9, and the project's own rules after the one they extend: 3a, 4a, 4b, 8a-8f), its
title, its check, what loading does about a problem it finds, and the tables it needs.

``python -m escape_routes validate --rules`` prints this table. To change a rule, change its
check (each lives in its own module); to add one, add a line here.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from escape_routes.content.model import Effect, Problem
from escape_routes.rules import (
    attribution,
    coordinates,
    crossings,
    dates,
    figures,
    guide,
    hedges,
    numbers,
    references,
    sentences,
    verbatim,
    wording,
)


@dataclass(frozen=True)
class Rule:
    """One rule: number, title, check and effect.

    ``check`` takes the parsed atlas (and, with ``texts``, the :class:`Paths` of the supplied
    texts) and returns the problems it finds without changing the atlas; a problem that names no
    effect of its own has the rule's. ``needs`` names the tables the check reads: when one of
    their files cannot be read, the check is skipped (what it would find follows from that).
    ``whole`` names tables the check can judge only whole: a record of theirs that could not be
    read skips it too. ``check`` is None for a rule applied elsewhere; ``home`` says where.
    """

    code: str
    title: str
    check: Callable[..., list[Problem]] | None
    effect: Effect
    needs: tuple[str, ...] = ()
    whole: tuple[str, ...] = ()
    texts: bool = False
    home: str = ""

    @property
    def where(self) -> str:
        """Where the rule lives (module and function)."""
        if self.check is None:
            return self.home
        return f"{self.check.__module__}.{self.check.__name__}"


DROP, REFERENCE, REPORT = Effect.DROP_RECORD, Effect.DROP_REFERENCE, Effect.REPORT

RULES: tuple[Rule, ...] = (
    Rule(
        "R0",
        "Every content file can be read, and every record has the fields its kind needs",
        None,
        DROP,
        home="escape_routes.content.load.read_atlas (while reading)",
    ),
    Rule(
        "R1",
        "Every quote is verbatim in its supplied text",
        verbatim.check_verbatim,
        DROP,
        needs=("sources", "quotes"),
        texts=True,
    ),
    Rule(
        "R2",
        "Every risk on a place or segment is backed by an attached quote tagged with it",
        references.check_backed_risks,
        REFERENCE,
        needs=("quotes", "risks"),
    ),
    Rule(
        "R3",
        "Every id is unique and every reference resolves",
        references.check_references,
        REFERENCE,
    ),
    Rule(
        "R3a",
        "Every kind, status, means, precision and topic is a word of content/vocabulary.yaml",
        references.check_terms,
        DROP,
        needs=("vocab",),
    ),
    Rule(
        "R4",
        "Every number the app states comes from a quote",
        numbers.check_numbers,
        DROP,
        needs=("quotes", "sources"),
    ),
    Rule(
        "R4a",
        "A figure keeps its quote's hedge, its bounds, its year and its kind of measure",
        figures.check_figures,
        DROP,
        needs=("quotes",),
    ),
    Rule(
        "R4b",
        "When it happened and when it was reported are two dates, each from the texts",
        dates.check_dates,
        DROP,
        needs=("quotes", "sources"),
    ),
    Rule(
        "R5",
        "Geometry is valid; each place lies in its country and sits on its GeoNames town",
        coordinates.check_geometry,
        DROP,
        needs=("countries",),
    ),
    Rule(
        "R6",
        "A reader comment is never shown as reporting; an excerpt is credited to where it came "
        "from; a quoted statement names its speaker",
        attribution.check_quote_kinds,
        DROP,
    ),
    Rule(
        "R7",
        "A drawn line crosses only the countries its segment declares and its passages name, "
        "none crosses North Korea on its way elsewhere, and a leg of unstated means is an arc",
        crossings.check_lines,
        DROP,
        needs=("quotes", "countries", "gazetteer"),
    ),
    Rule(
        "R8",
        "Every place our wording names is in an attached passage; a claim resting on reader "
        "comments (or an excerpt) says so",
        wording.check_wording,
        DROP,
        needs=("quotes", "sources", "gazetteer"),
    ),
    Rule(
        "R8a",
        "No note a reader sees names a text by its internal id",
        wording.check_internal_ids,
        DROP,
        needs=("sources",),
    ),
    Rule(
        "R8b",
        "Every quote is on the map, or says in off_map why not",
        wording.check_coverage,
        DROP,
        needs=("quotes", "places", "segments"),
        whole=("places", "segments", "tour"),
    ),
    Rule(
        "R8c",
        "The teacher's guide names only tour steps; each sentence of it names the passages it "
        "rests on, which the tour shows for its steps ([@id]), or is marked [ours] (a teaching "
        "instruction stating no fact: no place, no number); rules 4, 8, 8d, 8e and 8f hold it "
        "to its own passages",
        guide.check_guide,
        REPORT,
        needs=("tour", "quotes", "sources", "gazetteer"),
        texts=True,  # it reads content/guide.yaml from the content folder it is given
    ),
    Rule(
        "R8d",
        "Every sentence of a summary, a contest note, what a figure measures or the tour names "
        "the quotes it rests on ([@id]), attached where it stands (or, in the tour, is marked "
        "[ours] and names no place or number); rules 4 and 8 check it against those alone",
        sentences.check_marked,
        DROP,
        needs=("quotes", "places", "segments"),
    ),
    Rule(
        "R8e",
        "A sentence resting only on reader comments says so; one resting only on an excerpt "
        "credits the article, not the blogger",
        sentences.check_attribution,
        DROP,
        needs=("quotes",),
    ),
    Rule(
        "R8f",
        "A sentence keeps the qualifiers of what it takes from its passages (many, some, usually, "
        "attempt, may, hoped, up to 200,000 ...) or quotes the words: a hedge in a clause of a "
        "passage sharing two content words with the sentence is dropped when the sentence keeps "
        "no form of it and no other of its passages says the same plainly; a bound on an amount "
        "only where the sentence states the amount (a heuristic on words: a paraphrase sharing "
        "fewer words is not seen)",
        hedges.check_hedges,
        DROP,
        needs=("quotes",),
    ),
    Rule(
        "R9",
        "A risk counts for a route only through passages of its own segments or of places "
        "specific to it",
        None,
        REPORT,
        home="escape_routes.explore.scoping (applied when counting; nothing to check)",
    ),
)

BY_CODE = {r.code: r for r in RULES}
CHECKS = tuple(r for r in RULES if r.check is not None)


def table(width: int = 100) -> list[str]:
    """The rules as lines: number, title, what loading does, where the check lives."""
    out = []
    for r in RULES:
        out += textwrap.wrap(
            r.title, width, initial_indent=f"{r.code:<5}", subsequent_indent=" " * 5
        )
        effect = "nothing to leave out" if r.check is None and r.code != "R0" else r.effect.value
        out.append(f"     on a problem: {effect}; check: {r.where}")
    return out
