"""The rules of issue 9 on broken copies of the fixture content: each gives its exact message."""

from __future__ import annotations

import pytest

from escape_routes.rules.validator import load_atlas
from tests.broken import RULE_CASES


def messages(paths) -> list[str]:
    return [str(p) for p in load_atlas(paths).problems]


@pytest.mark.parametrize("case", list(RULE_CASES))
def test_rule_gives_its_message(content_copy, case):
    """Each broken copy gives its one precise message (file, id, field, what)."""
    expected = RULE_CASES[case](content_copy)
    msgs = messages(content_copy)
    assert any(m.startswith(expected) for m in msgs), (expected, msgs)


def test_border_message_names_the_distance(content_copy):
    """A line through an undeclared country says how far it runs there."""
    expected = RULE_CASES["line_moved_across_a_border"](content_copy)
    hits = [m for m in messages(content_copy) if m.startswith(expected)]
    assert len(hits) == 1 and hits[0].endswith(" km, which countries does not declare"), hits


def test_north_korea_message_says_on_its_way_elsewhere(content_copy):
    """An arc that cuts across North Korea is named as such, with its length there."""
    expected = RULE_CASES["arc_through_north_korea"](content_copy)
    hits = [m for m in messages(content_copy) if m.startswith(expected)]
    assert len(hits) == 1 and hits[0].endswith(" km through North Korea (PRK) on its way elsewhere")


def test_no_quote_is_left_unexplained(atlas):
    """Every quote is on the map or says why not; validate's count line says how many."""
    from escape_routes.__main__ import coverage
    from escape_routes.rules.wording import on_map

    used = on_map(atlas)
    assert all(q.id in used or q.off_map for q in atlas.quotes.values())
    on = len([q for q in atlas.quotes if q in used])
    assert coverage(atlas) == f"quotes: {on} on the map, {len(atlas.quotes) - on} off_map"


def test_hostile_copy_passes_the_new_rules(tmp_path):
    """The browser tests' hostile copy (a payload in every text field) still validates: a
    number in a payload rests on every quote, and no sentence it lands in needs attribution."""
    from tests.hostile import write_hostile_copy

    assert [str(p) for p in load_atlas(write_hostile_copy(tmp_path / "h")).problems] == []
