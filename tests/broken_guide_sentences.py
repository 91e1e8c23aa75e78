"""Broken copies for the teacher's guide's sentences (rule 8c: 8d, 4, 8, 8e and 8f sentence by
sentence): each changes one sentence in a copy of the shipped ``content/guide.yaml`` and names
the message it must give."""

from __future__ import annotations

from collections.abc import Callable

from escape_routes.content.paths import Paths


def _replace(p: Paths, old: str, new: str) -> None:
    """Replace one stretch of the guide's text (it must be there once). The file is edited as
    text, as a teacher would: its comments and folded lines stay as they are."""
    path = p.content / "guide.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def guide_sentence_without_passage(p: Paths) -> str:
    """A sentence added after the intro's last marker names no passage."""
    _replace(p, "the places the texts name. [ours]\n\ngoals:", (
        "the places the texts name. [ours] Most who flee are women.\n\ngoals:"
    ))  # fmt: skip
    return (
        "content/guide.yaml: intro: “Most who flee are women.” names no passage: end it with "
        "the quotes it rests on, [@quote-id]"
    )


def guide_cites_a_passage_its_steps_do_not_show(p: Paths) -> str:
    """An activity may rest only on passages its steps show (beside them or on their maps)."""
    _replace(p, "@q-npr-kim-fled-2006, @q-npr-journey-two-months]", "@q-crisis-kaesong]")
    return (
        "content/guide.yaml: activity 1: text: “Put the anonymous comment proposing a route to "
        "the Russia...” rests on q-crisis-kaesong, which is not attached here: attach it, or "
        "cite one"
    )


def guide_ours_names_a_place(p: Paths) -> str:
    """A teaching instruction marked [ours] may name no place."""
    _replace(p, "Collect the answers on the\n        board. [ours]", (
        "Collect the answers on a\n        map of Laos. [ours]"
    ))  # fmt: skip
    return (
        "content/guide.yaml: full-lesson: after.text: “Collect the answers on a map of Laos.” is "
        "marked [ours] but names Laos: end it with the quotes that say so, [@quote-id]"
    )


def guide_place_from_another_passage(p: Paths) -> str:
    """A sentence may not borrow a place from a passage it does not name (Myanmar is in the
    journey's passage, not in the comment's or Kim's)."""
    _replace(p, "@q-npr-kim-fled-2006, @q-npr-journey-two-months]", "@q-npr-kim-fled-2006]")
    return (
        "content/guide.yaml: activity 1: text: “Put the anonymous comment proposing a route to "
        "the Russia...” names Myanmar, which none of its passages names"
    )


def guide_number_from_another_passage(p: Paths) -> str:
    """A sentence may not borrow a number from a passage it does not name."""
    _replace(p, "[@q-npr-yoon-dwindled, @q-ntc-up-to-200000]", "[@q-ntc-up-to-200000]")
    return (
        "content/guide.yaml: activity 2: text: “The numbers of North Koreans in China differ "
        "too, and so ...”: number 10000 is not in any of its passages"
    )


def guide_reader_comment_as_fact(p: Paths) -> str:
    """A guide sentence resting only on a reader comment says so."""
    _replace(p, "Collect the answers on the\n        board. [ours]", (
        "A pathway that way would be easy and safe. [@rc-russia-pathway]"
    ))  # fmt: skip
    return (
        "content/guide.yaml: full-lesson: after.text: “A pathway that way would be easy and "
        "safe.” rests only on reader comments; say so (e.g. “an anonymous reader wrote (2005) …”)"
    )


def guide_hedge_dropped(p: Paths) -> str:
    """The narrative's "up to" and "may" kept: dropping both is reported (rule 8f)."""
    _replace(p, (
        "to just 10,000, while a 2025\n      narrative says up to 200,000 North Koreans and their "
        "children may live there.\n      [@q-npr-yoon-dwindled, @q-ntc-up-to-200000]"
    ), (
        "to just 10,000. [@q-npr-yoon-dwindled]\n      A 2025 narrative says 200,000 North "
        "Koreans and their children live in China. [@q-ntc-up-to-200000]"
    ))  # fmt: skip
    return (
        "content/guide.yaml: activity 2: text: “A 2025 narrative says 200,000 North Koreans and "
        "their chi...” drops the qualifier its passages put on it (“Up to 200,000”, “may”): "
        "keep it, or quote the words"
    )


GUIDE_SENTENCE_CASES: dict[str, Callable[[Paths], str]] = {
    f.__name__: f
    for f in (
        guide_sentence_without_passage, guide_cites_a_passage_its_steps_do_not_show,
        guide_ours_names_a_place, guide_place_from_another_passage,
        guide_number_from_another_passage, guide_reader_comment_as_fact, guide_hedge_dropped,
    )
}  # fmt: skip
