"""A teacher's lesson in the link: steps, order, own questions, minutes, care; never raises."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from escape_routes.explore import lesson as lessons
from escape_routes.explore import tour_steps
from escape_routes.explore.filters import Filter
from escape_routes.explore.links import parse, to_params


@pytest.fixture(scope="session")
def atlas(real_atlas):
    """A lesson is made of the shipped tour's steps (its fifteen steps, its care steps, the
    guide's plans): these tests read the shipped content, not the two-step fixture."""
    return real_atlas


HOSTILE = "<script>alert(1)</script> **bold** [x](javascript:alert(1)) {{7*7}} $x$ `code`"


def test_steps_choose_and_order(atlas):
    """`steps=4,2,9` gives tour steps 4, 2 and 9 in that order; step 1 of it is tour step 4."""
    state = parse({"steps": "4,2,9"}, atlas)
    assert state.warnings == []
    assert [s.number for s in state.lesson.steps] == [4, 2, 9]
    assert state.lesson.at(1).step is atlas.tour[3]
    assert state.lesson.next_after(1).step is atlas.tour[1]
    assert state.lesson.next_after(3) is None


def test_steps_by_id_too(atlas):
    """A step may be named by its id, which does not change when the tour is reordered."""
    state = parse({"steps": f"{atlas.tour[6].id},1"}, atlas)
    assert [s.number for s in state.lesson.steps] == [7, 1] and state.warnings == []


def test_unknown_and_repeated_steps_warn_and_are_dropped(atlas):
    """An unknown step warns and is dropped; a repeat is shown once; nothing left is the tour."""
    state = parse({"steps": "4,99,x,4,2"}, atlas)
    assert [s.number for s in state.lesson.steps] == [4, 2]
    text = " ".join(state.warnings)
    assert "'99'" in text and "'x'" in text and "step 4 is named twice" in text
    empty = parse({"steps": "0,99"}, atlas)
    assert len(empty.lesson) == len(atlas.tour) and not empty.lesson.chosen
    assert any("whole tour" in w for w in empty.warnings)


def test_step_counts_within_the_lesson(atlas):
    """`step` is a position in the lesson: `steps=4,2,9&step=5` shows its last step, warning."""
    state = parse({"steps": "4,2,9", "step": "5"}, atlas)
    assert state.step == 3 and "the tour has 3 steps" in state.warnings[0]


def test_own_question_note_and_minutes(atlas):
    """Own question and note per tour step; minutes replace the estimate; the total adds up."""
    state = parse({"steps": "4,2", "q4": "  What  did\nshe risk? ", "note4": "Pause.",
                   "min2": "7"}, atlas)  # fmt: skip
    first, second = state.lesson.steps
    assert first.shown_question == "What did she risk?" and first.note == "Pause."
    assert second.shown_question == atlas.tour[1].question and second.minutes == 7
    assert state.lesson.minutes == atlas.tour[3].minutes + 7
    assert state.lesson.minutes_before(2) == atlas.tour[3].minutes


def test_bad_own_values_warn(atlas):
    """Minutes that are no number, text for a step not in the lesson, overlong text: warned."""
    state = parse({"steps": "4", "min4": "lots", "q9": "Why?", "q4": "x" * 1000}, atlas)
    step = state.lesson.steps[0]
    assert step.minutes == atlas.tour[3].minutes
    assert len(step.question) == lessons.MAX_QUESTION
    text = " ".join(state.warnings)
    assert "'lots'" in text and "q9: step 9 is not in this lesson" in text and "cut" in text


def test_care_skip_leaves_out_care_steps_and_says_which(atlas):
    """`care=skip` drops every step with a care note; the lesson knows which it left out."""
    care = [n for n, s in enumerate(atlas.tour, 1) if s.care]
    assert len(care) >= 3, "steps 4, 6, 8 and 9 carry care notes"
    state = parse({"care": "skip"}, atlas)
    shown = [s.number for s in state.lesson.steps]
    assert not set(shown) & set(care) and len(shown) == len(atlas.tour) - len(care)
    assert [s.number for s in state.lesson.left_out] == care
    odd = parse({"care": "maybe"}, atlas)
    assert not odd.lesson.skip_care and "'maybe'" in odd.warnings[0]


def test_care_skip_on_care_steps_only_shows_them(atlas):
    """A lesson of care steps alone keeps them (with a warning) rather than showing nothing."""
    care = [str(n) for n, s in enumerate(atlas.tour, 1) if s.care]
    state = parse({"steps": ",".join(care), "care": "skip"}, atlas)
    assert len(state.lesson) == len(care) and "every step" in state.warnings[0]


def test_lesson_round_trips_through_the_link(atlas):
    """A lesson written to parameters reads back the same, care steps and all."""
    state = parse({"steps": "9,4,2", "care": "skip", "q2": HOSTILE, "note9": "n",
                   "min4": "6", "title": "My lesson"}, atlas)  # fmt: skip
    params = to_params(Filter(), step=1, lesson=state.lesson)
    assert params["steps"] == "9,4,2" and params["care"] == "skip"
    again = parse(params, atlas)
    assert again.warnings == [] and again.lesson == state.lesson
    assert [s.number for s in again.lesson.steps] == [2]


def test_the_whole_tour_writes_nothing(atlas):
    """The plain tour adds no parameter to the link."""
    assert lessons.to_params(lessons.whole_tour(atlas)) == {}
    assert to_params(Filter(), lesson=parse({}, atlas).lesson) == {}


def test_hostile_text_is_kept_as_plain_text(atlas):
    """Text from a link is kept as the characters typed (the outputs escape it), control
    characters out."""
    state = parse({"q1": HOSTILE + "\x00\u202e", "title": "<b>t</b>"}, atlas)
    assert state.lesson.steps[0].question == HOSTILE
    assert state.lesson.title == "<b>t</b>"


def test_a_whole_link_gives_its_lesson(atlas):
    """The command line takes a whole lesson link, or only its query."""
    url = "http://localhost:8501/tour?steps=4,2,9&q4=Why%3F&care=skip&step=2&risks=x"
    lesson, warnings = lessons.from_link(url, atlas)
    assert [s.number for s in lesson.steps] == [2] and lesson.order[0].question == "Why?"
    assert warnings == []
    assert lessons.from_link("steps=3", atlas)[0].steps[0].number == 3


def test_speaker_flag(atlas):
    """`speaker=1` opens the speaker view; it is not part of a shared lesson."""
    assert parse({"speaker": "1"}, atlas).speaker is True
    odd = parse({"speaker": "x"}, atlas)
    assert odd.speaker is False and "'x'" in odd.warnings[0]
    assert "speaker" not in lessons.to_params(parse({"speaker": "1", "steps": "2"}, atlas).lesson)


names = st.one_of(
    st.sampled_from(["steps", "care", "title", "speaker", "step"]),
    st.builds(lambda k, n: f"{k}{n}", st.sampled_from(["q", "note", "min"]), st.integers(0, 30)),
)
values = st.one_of(
    st.text(max_size=200),
    st.lists(st.integers(-3, 40).map(str), max_size=8).map(",".join),
    st.lists(st.text(max_size=30), max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(params=st.dictionaries(names, values, max_size=8))
def test_any_lesson_link_gives_a_lesson_or_a_warning(atlas, params):
    """Property: parsing never raises; the lesson has at least one step, each a tour step,
    none twice; every own text is one plain line within its limit; it round-trips."""
    state = parse(params, atlas)
    lesson = state.lesson
    numbers = [s.number for s in lesson.steps]
    assert numbers and len(set(numbers)) == len(numbers)
    assert all(1 <= n <= len(atlas.tour) for n in numbers)
    assert state.step is None or 1 <= state.step <= len(lesson)
    for s in lesson.order:
        assert len(s.question) <= lessons.MAX_QUESTION and len(s.note) <= lessons.MAX_NOTE
        assert "\n" not in s.question + s.note and 1 <= s.minutes <= lessons.MAX_MINUTES
    assert parse(lessons.to_params(lesson), atlas).lesson == lesson


def test_projector_announces_a_care_note_by_its_first_sentence():
    """The projector's "Next: …" line keeps what the step holds and drops the advice after it;
    a note of one sentence (or a dot inside a word) stays whole."""
    note = "Handle with care: rape is named. Tell the class first."
    assert tour_steps.first_sentence(note) == "Handle with care: rape is named."
    assert tour_steps.first_sentence("Handle with care: camps.") == "Handle with care: camps."
    assert tour_steps.first_sentence("Mr.Kim's words") == "Mr.Kim's words"
