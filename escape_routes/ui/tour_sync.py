"""Two windows of one browser in step, with no state on the server (``js/tour_sync.js``).

The speaker view on the laptop and the presenter view on the projector are two Streamlit
sessions. A small component (Streamlit's components v2: our own script, in the page) tells the
other windows of the same lesson through the browser's BroadcastChannel when this window's step
changes or hidden passages are shown, and hands what they tell it to :func:`_follow`. It also
scrolls to the top on every step change, opens the second window and runs the speaker's clock.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal
from urllib.parse import urlencode

import streamlit as st

from escape_routes.explore import lesson as lessons
from escape_routes.html.styles import stylesheet
from escape_routes.ui import frame, tour_state
from escape_routes.ui import keys as K

_component = st.components.v2.component(
    "escape_routes.tour_sync",
    css=str(stylesheet("tour-sync.css")),
    js=(Path(__file__).parent / "js" / "tour_sync.js").read_text(encoding="utf-8"),
)

Role = Literal["page", "projector", "speaker"]


def _follow() -> None:
    """Another window of this lesson moved or showed hidden passages: do the same here."""
    result = st.session_state.get(K.TOUR_SYNC)
    msg = getattr(result, "sync", None) if result is not None else None
    if not isinstance(msg, dict):
        return
    count = len(tour_state.lesson(frame.atlas()))
    if isinstance(msg.get("step"), int):
        tour_state.go(msg["step"], count)
    for number in msg.get("reveal") or ():
        if isinstance(number, int):
            tour_state.reveal(number)


def _href(params: dict[str, str], **extra: str) -> str:
    return "?" + urlencode({**params, **extra}, safe=",")


def tour_sync(lesson: lessons.Lesson, position: int, role: Role, params: dict[str, str]) -> None:
    """Mount the link between windows for this step of ``lesson``.

    ``params`` are the lesson's link parameters with the step (the second window opens there).
    """
    base = {k: v for k, v in params.items() if k not in ("present", "speaker")}
    # Which lesson this is, for the windows that follow each other: a digest, not the text.
    signature = hashlib.sha1(urlencode(sorted(lessons.to_params(lesson).items())).encode())
    _component(
        data={
            "step": position,
            "lesson": signature.hexdigest()[:16],
            "revealed": sorted(st.session_state.get(K.REVEALED, ())),
            "role": role,
            "speakerHref": _href(base, speaker="1"),
            "projectorHref": _href(base, present="1"),
            "plannedFrom": lesson.minutes_before(position),
            "plannedTo": lesson.minutes_before(position + 1),
            "plannedTotal": lesson.minutes,
        },
        key=K.TOUR_SYNC,
        on_sync_change=_follow,
    )
