"""Shareable views: links round-trip, and no input makes the parser raise."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from escape_routes.explore.filters import Filter
from escape_routes.explore.links import KNOWN, parse, to_params
from tests.conftest import CROSSING


def test_round_trip(atlas):
    """A view written to parameters reads back the same."""
    place = next(iter(atlas.places))
    f = Filter(
        risks=frozenset({"sold-as-bride", "sent-back"}),
        mode="all",
        routes=frozenset({CROSSING}),
        statuses=frozenset({"used"}),
        period=(2005, 2023),
        kinds=frozenset({"news_report"}),
    )
    step = len(atlas.tour)
    state = parse(to_params(f, place, step, present=True), atlas)
    assert state.warnings == []
    assert (state.filter, state.selected, state.step, state.present) == (f, place, step, True)


def test_unknown_and_malformed_parameters_warn(atlas):
    """Each thing not understood is named in a warning and ignored."""
    state = parse(
        {
            "risks": "sold-as-bride,nope",
            "mode": "most",
            "from": "20x5",
            "sel": "atlantis",
            "utm_source": "x",
            "step": "999",
        },
        atlas,
    )
    assert state.filter == Filter(risks=frozenset({"sold-as-bride"}))
    assert state.selected is None
    assert state.step == len(atlas.tour), "a step past the end gives the nearest step"
    text = " ".join(state.warnings)
    for word in ("'nope'", "'most'", "'20x5'", "'atlantis'", "'utm_source'", "'999'"):
        assert word in text


def test_steps_past_either_end_give_the_nearest_with_a_warning(atlas):
    """`step=0` shows step 1 and `step=99` the last step, each saying so; `step=x` shows none."""
    for raw, expected in (("0", 1), ("99", len(atlas.tour)), ("x", None), ("-2", None)):
        state = parse({"step": raw}, atlas)
        assert state.step == expected
        assert len(state.warnings) == 1 and repr(raw) in state.warnings[0]
    assert parse({"step": "2"}, atlas).warnings == []


def test_presenter_mode_is_part_of_the_link(atlas):
    """`present=1` asks for presenter mode; anything else but 0 warns."""
    assert parse({"present": "1"}, atlas).present is True
    assert parse({"present": "0"}, atlas).present is False
    odd = parse({"present": "maybe"}, atlas)
    assert odd.present is False and "'maybe'" in odd.warnings[0]


values = st.one_of(st.text(max_size=300), st.lists(st.text(max_size=50), max_size=3))
keys = st.one_of(st.sampled_from(KNOWN), st.text(max_size=20))


@settings(max_examples=300, deadline=None)
@given(params=st.dictionaries(keys, values, max_size=10))
def test_any_input_gives_a_view_or_a_warning(atlas, params):
    """Property: parsing never raises and always yields a valid Filter."""
    state = parse(params, atlas)
    f = state.filter
    assert f.risks <= set(atlas.risks) and f.routes <= set(atlas.routes)
    assert f.mode in ("any", "all")
    assert state.selected is None or state.selected in {*atlas.places, *atlas.segments}
    assert state.step is None or 1 <= state.step <= len(atlas.tour)
    if f.period:
        assert f.period[0] <= f.period[1]


@settings(max_examples=200, deadline=None)
@given(
    ids=st.lists(st.sampled_from(["sold-as-bride", "sent-back", "family-split"]), max_size=3),
    mode=st.sampled_from(["any", "all"]),
)
def test_generated_views_round_trip(atlas, ids, mode):
    """Property: any valid filter survives a trip through the URL."""
    f = Filter(risks=frozenset(ids), mode=mode if ids else "any")
    assert parse(to_params(f), atlas).filter == f
