"""Broken copies for the tour's sentences (rules 8d-8f, and 4 and 8 sentence by sentence): each
changes one sentence of a step in a copy of the shipped ``content/tour.yaml`` and names the
message it must give."""

from __future__ import annotations

from collections.abc import Callable

import yaml

from escape_routes.content.paths import Paths


def _replace(p: Paths, step: str, field: str, old: str, new: str) -> None:
    """Replace one stretch of a step's field (it must be there once)."""
    path = p.content / "tour.yaml"
    steps = yaml.safe_load(path.read_text(encoding="utf-8"))
    (hit,) = [s for s in steps if s["id"] == step]
    assert hit[field].count(old) == 1, (step, field, old)
    hit[field] = hit[field].replace(old, new)
    path.write_text(yaml.safe_dump(steps, sort_keys=False, allow_unicode=True), encoding="utf-8")


def tour_sentence_without_passage(p: Paths) -> str:
    """A sentence added to a step's notes after the last marker names no passage."""
    _replace(
        p,
        "vietnam-deportation",
        "notes",
        "worked out). [@q-plight-vietnam-deported]",
        "worked out). [@q-plight-vietnam-deported] Most were sent back.",
    )
    return (
        "content/tour.yaml: vietnam-deportation: notes: “Most were sent back.” names no "
        "passage: end it with the quotes it rests on, [@quote-id]"
    )


def tour_body_cites_another_steps_passage(p: Paths) -> str:
    """A step's text may rest only on the step's own quotes (the ones shown beside it)."""
    _replace(p, "river-crossings", "body", "[@q-ntc-tumen-air]", "[@q-ntc-purgatory]")
    return (
        "content/tour.yaml: river-crossings: body: “In a 2025 narrative, Ji-young stands on the "
        "Chinese side ...” rests on q-ntc-purgatory, which is not attached here"
    )


def ours_names_a_place(p: Paths) -> str:
    """A sentence marked [ours] rests on no passage: it may name no place."""
    _replace(p, "stay-or-move-on", "notes", "Keep the dates in view.", "Keep Yanji in view.")
    return (
        "content/tour.yaml: stay-or-move-on: notes: “Keep Yanji in view.” is marked [ours] but "
        "names Yanji: end it with the quotes that say so, [@quote-id]"
    )


def tour_reader_comment_as_fact(p: Paths) -> str:
    """A tour sentence resting only on a reader comment says so."""
    _replace(
        p,
        "a-readers-proposal",
        "notes",
        "the anonymous commenter reasons from a map",
        "the route is drawn from a map",
    )
    return (
        "content/tour.yaml: a-readers-proposal: notes: “A good step for source criticism: the "
        "route is drawn from...” rests only on reader comments; say so"
    )


def tour_hedge_dropped(p: Paths) -> str:
    """Step 4 keeps NPR's "many" (issue 16, M3): dropping it is reported."""
    _replace(
        p,
        "hiding-and-trafficking",
        "body",
        "reports that many female defectors",
        "reports that female defectors",
    )
    return (
        "content/tour.yaml: hiding-and-trafficking: body: “NPR (2023) reports that female "
        "defectors are sold to men ...” drops the qualifier its passages put on it (“Many”)"
    )


def tour_number_from_another_passage(p: Paths) -> str:
    """A tour sentence may not borrow a number from a passage it does not name."""
    _replace(
        p,
        "arrivals-falling",
        "body",
        "only 60 last year. [@q-npr-yoon-arrivals]",
        "only 60 last year. [@q-npr-yoon-surveillance]",
    )
    return "content/tour.yaml: arrivals-falling: body: number 1000 is not in any attached quote"


TOUR_SENTENCE_CASES: dict[str, Callable[[Paths], str]] = {
    f.__name__: f
    for f in (
        tour_sentence_without_passage, tour_body_cites_another_steps_passage, ours_names_a_place,
        tour_reader_comment_as_fact, tour_hedge_dropped, tour_number_from_another_passage,
    )
}  # fmt: skip
