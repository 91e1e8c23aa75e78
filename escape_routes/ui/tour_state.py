"""The tour page's state: which step is shown."""

from __future__ import annotations

import streamlit as st

from escape_routes.explore.tour_steps import clamp
from escape_routes.ui import keys as K


def current_step(count: int) -> int:
    """The step to show (1-based), kept in the session."""
    n = clamp(st.session_state.get(K.STEP), count)
    st.session_state[K.STEP] = n
    return n


def go(step: int, count: int) -> None:
    """Button callback: move to a step."""
    st.session_state[K.STEP] = clamp(step, count)
