"""Rule 8f against real sentences with a hedge dropped (tests/broken_hedges.py): each broken copy
gives its message, and the shipped content gives none."""

from __future__ import annotations

import pytest

from escape_routes.rules.hedges import HEDGE, dropped_hedges
from escape_routes.rules.validator import load_atlas
from tests.broken_hedges import HEDGE_CASES


@pytest.mark.parametrize("case", list(HEDGE_CASES))
def test_dropped_hedge_is_reported(real_content_copy, case):
    expected = HEDGE_CASES[case](real_content_copy)
    msgs = [str(p) for p in load_atlas(real_content_copy).problems]
    assert [m for m in msgs if m.startswith(expected)], (expected, msgs)
    assert all("drops the qualifier" in m for m in msgs if not m.startswith(expected)), msgs


def test_the_shipped_content_keeps_its_hedges(real_atlas):
    assert not [p for p in real_atlas.problems if p.rule in ("R8f", "R8c")]


def test_a_bound_qualifies_only_its_amount(real_atlas):
    """'around 100,000' qualifies that number: a sentence on the 90 % of the same passage, not
    stating 100,000, drops nothing; one stating 100,000 plainly drops the bound."""
    quote = real_atlas.quotes["q-npr-yoon-dwindled"]
    assert (
        dropped_hedges("Yoon estimates that 90% of the defectors in China are women.", quote) == []
    )
    assert dropped_hedges("Yoon says defectors in China fell from 100,000 to 10,000.", quote) == [
        "estimates",
        "around 100,000",
    ]
    assert HEDGE.search("more or less got through") and HEDGE.search("she hoped to")
