"""The tour page's state: the lesson (from the link, or as the teacher edits it), its step, and
which hidden passages the presenter has shown. Nothing of it is kept on the server beyond the
session: the lesson is written back into the link (app.py)."""

from __future__ import annotations

import streamlit as st

from escape_routes.content.model import Atlas
from escape_routes.explore import lesson as lessons
from escape_routes.explore.tour_steps import clamp
from escape_routes.ui import keys as K


def lesson(atlas: Atlas) -> lessons.Lesson:
    """The lesson this session shows, read again from its link parameters on every run (so a
    changed tour file never leaves it pointing at steps that are gone)."""
    params = st.session_state.get(K.LESSON) or {}
    return lessons.parse(params, atlas, [])


def set_lesson(new: lessons.Lesson, atlas: Atlas) -> None:
    """Show another lesson (its parameters go into the link), staying on the tour step shown
    now if the new lesson has it, else from its first step."""
    shown = lesson(atlas)
    number = shown.at(clamp(st.session_state.get(K.STEP), len(shown))).number
    st.session_state[K.LESSON] = lessons.to_params(new)
    positions = [s.number for s in new.steps]
    st.session_state[K.STEP] = positions.index(number) + 1 if number in positions else 1


def current_step(count: int) -> int:
    """The step to show (1-based), kept in the session."""
    n = clamp(st.session_state.get(K.STEP), count)
    st.session_state[K.STEP] = n
    return n


def go(step: int, count: int) -> None:
    """Move to a step (another window's)."""
    st.session_state[K.STEP] = clamp(step, count)


def move(by: int, count: int) -> None:
    """Button callback of Previous and Next: ``by`` steps from the step shown now. Relative,
    so that two quick presses move two steps even if the second comes before the page is
    drawn again (its button still holds the old page's numbers)."""
    go(clamp(st.session_state.get(K.STEP), count) + by, count)


def speaking() -> bool:
    """Whether this window is the speaker view (``speaker=1``)."""
    return bool(st.session_state.get(K.SPEAKER))


def revealed(number: int) -> bool:
    """Whether the presenter has shown the hidden passages of tour step ``number``."""
    return number in st.session_state.get(K.REVEALED, ())


def reveal(number: int) -> None:
    """Button callback: show the hidden passages of tour step ``number``."""
    st.session_state[K.REVEALED] = {*st.session_state.get(K.REVEALED, ()), number}
