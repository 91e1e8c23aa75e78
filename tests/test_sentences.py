"""Sentence-level provenance: the marked format, and each rule on a broken copy of the shipped
content (the instances issue 16 found in it)."""

from __future__ import annotations

import pytest

from escape_routes.content.sentences import Sentence, cited, parse, plain, split
from escape_routes.rules.validator import load_atlas
from tests.broken_sentences import SENTENCE_CASES


def test_parse_gives_each_sentence_its_quotes():
    """Each marker closes the sentence before it; ids split on commas, semicolons or spaces."""
    text = "Mrs. Park went. [@q-a, @rc-b] She came back. [@q-c; @q-d @q-e]"
    assert parse(text) == (
        Sentence("Mrs. Park went.", ("q-a", "rc-b")),
        Sentence("She came back.", ("q-c", "q-d", "q-e")),
    )
    assert plain(text) == "Mrs. Park went. She came back."
    assert cited(text + " Again. [@q-a]") == ("q-a", "rc-b", "q-c", "q-d", "q-e")


def test_unmarked_text_is_one_sentence_without_quotes():
    """Text after the last marker, or a marker without ids, rests on nothing (and never raises)."""
    assert parse("No marker at all.") == (Sentence("No marker at all.", ()),)
    assert parse("Empty. [@] Tail [x]") == (Sentence("Empty.", ()), Sentence("Tail [x]", ()))
    assert parse("") == ()


def test_split_keeps_abbreviations_and_quotation_marks():
    """Mrs. and initials end no sentence; a closing quotation mark stays with its sentence."""
    text = "Mrs. Park went. Harry W.S. Lee said so. “Yes.” Then 9 left."
    assert split(text) == ["Mrs. Park went.", "Harry W.S. Lee said so.", "“Yes.”", "Then 9 left."]


def test_real_summaries_are_marked_sentence_by_sentence(real_atlas):
    """Every sentence of every place, segment and route summary names at least one quote."""
    items = [*real_atlas.places.values(), *real_atlas.segments.values()]
    items += [*real_atlas.routes.values()]
    for item in items:
        for sentence in parse(item.summary):
            assert sentence.quotes, (item.id, sentence.text)
            assert len(split(sentence.text)) == 1, (item.id, sentence.text)


@pytest.mark.parametrize("case", list(SENTENCE_CASES))
def test_sentence_rule_gives_its_message(real_content_copy, case):
    """Each broken sentence gives its one precise message (file, id, field, what)."""
    expected = SENTENCE_CASES[case](real_content_copy)
    msgs = [str(p) for p in load_atlas(real_content_copy).problems]
    assert any(m.startswith(expected) for m in msgs), (expected, msgs)


def test_a_marked_tour_sentence_is_checked_against_its_own_quote():
    """Tour text goes through the same reader: once marked, a sentence may not borrow a year."""
    from escape_routes.rules import numbers
    from tests.tiny import atlas, place, quote, step

    body = "They crossed the river in 2019. [@q1] They hid. [@q2]"
    a = atlas(quote("q1"), quote("q2", text="They hid."), place("p1", ("q1", "q2")))
    ok = atlas(*a.quotes.values(), *a.places.values(), step("s1", ("q1", "q2"), body=body))
    assert not numbers.check_numbers(ok)
    moved = body.replace("[@q1]", "[@q2]")
    bad = atlas(*a.quotes.values(), *a.places.values(), step("s1", ("q1", "q2"), body=moved))
    assert [p.message for p in numbers.check_numbers(bad)] == [
        "number 2019 is not in any attached quote"
    ]


def test_numbered_gives_each_sentence_its_passages_numbers():
    """A file that numbers its passages: [n] after each sentence, one left out with its own."""
    from escape_routes.content.sentences import numbered

    text = "One. [@q-a] Two. [@q-b, @q-a] Three. [@rc-c]"
    assert numbered(text, ["q-a", "q-b", "rc-c"]) == "One. [1] Two. [1][2] Three. [3]"
    assert numbered(text, ["q-b", "q-a"]) == (
        "One. [2] Two. [1][2] (1 sentence(s) left out with their passages.)"
    )
