"""The teacher's lesson editor on the tour page: which steps, in what order, their own question
and note per step, minutes per step, care steps left out, a title. The lesson goes into the link
(nothing is stored on the server); the editor only rewrites the link's lesson parameters.

The table is one ``st.data_editor``; each edit is applied in its callback and the table is drawn
again under a new key from the new lesson, so an edit is never applied twice.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from escape_routes.content.model import Atlas
from escape_routes.explore import lesson as lessons
from escape_routes.ui import keys as K
from escape_routes.ui import tour_state

_VERSION = "_lesson_table_version"
COLUMNS = {
    "show": st.column_config.CheckboxColumn("In the lesson", width="small"),
    "order": st.column_config.NumberColumn(
        "Order", min_value=1, max_value=99, step=1, width="small"
    ),
    "title": st.column_config.TextColumn("Tour step", disabled=True, width="medium"),
    "care": st.column_config.TextColumn(
        "Care", disabled=True, width="small", help="⚠: the step has a handle-with-care note"
    ),
    "minutes": st.column_config.NumberColumn(
        "Minutes", min_value=1, max_value=lessons.MAX_MINUTES, step=1, width="small"
    ),
    "question": st.column_config.TextColumn(
        "Your question (shown instead of the tour's)", max_chars=lessons.MAX_QUESTION
    ),
    "note": st.column_config.TextColumn(
        "Your note (for you: never projected)", max_chars=lessons.MAX_NOTE
    ),
}


def rows(atlas: Atlas, lesson: lessons.Lesson) -> list[dict]:
    """One row per tour step: the lesson's steps first, in order, then the others."""
    chosen = {s.number: (i, s) for i, s in enumerate(lesson.order, 1)}
    out = []
    for n, step in enumerate(atlas.tour, 1):
        i, own = chosen.get(n, (None, None))
        out.append(
            {
                "number": n,
                "show": own is not None,
                "order": i,
                "title": f"{n}. {step.title}",
                "care": "⚠" if step.care else "",
                "minutes": own.minutes if own else step.minutes,
                "question": own.question if own else "",
                "note": own.note if own else "",
            }
        )
    return sorted(out, key=lambda r: (r["order"] is None, r["order"] or 0, r["number"]))


def params_of(table: list[dict], base: dict[str, str], count: int) -> dict[str, str]:
    """The lesson parameters a table gives (steps by their order, then their tour number)."""
    shown = sorted((r for r in table if r["show"]), key=lambda r: (r["order"] or 999, r["number"]))
    numbers = [r["number"] for r in shown]
    out = {k: v for k, v in base.items() if k in ("care", "title")}
    if numbers and numbers != list(range(1, count + 1)):
        out["steps"] = ",".join(str(n) for n in numbers)
    for r in shown:
        for name, value in (("q", r["question"]), ("note", r["note"])):
            if value:
                out[f"{name}{r['number']}"] = str(value)
        if r["minutes"]:
            out[f"min{r['number']}"] = str(int(r["minutes"]))
    return out


def _apply(key: str, table: list[dict], atlas: Atlas) -> None:
    edits = (st.session_state.get(key) or {}).get("edited_rows", {})
    for i, change in edits.items():
        table[int(i)].update(change)
    base = st.session_state.get(K.LESSON) or {}
    params = params_of(table, base, len(atlas.tour))
    tour_state.set_lesson(lessons.parse(params, atlas, []), atlas)
    st.session_state[_VERSION] = st.session_state.get(_VERSION, 0) + 1


def _set(name: str, widget: str, atlas: Atlas) -> None:
    """Callback of the care toggle and the title: one lesson parameter changed."""
    params = dict(st.session_state.get(K.LESSON) or {})
    value = st.session_state.get(widget)
    if name == "care":
        params.pop("care", None)
        if value:
            params["care"] = "skip"
    else:
        params["title"] = str(value or "")
    tour_state.set_lesson(lessons.parse(params, atlas, []), atlas)


def lesson_link(lesson: lessons.Lesson) -> str:
    """The address of the lesson's first step, to copy and share."""
    base = st.context.url.split("?", 1)[0] if st.context.url else "/tour"
    query = urlencode(lessons.to_params(lesson), safe=",")
    return f"{base}?{query}" if query else base


def editor(atlas: Atlas, lesson: lessons.Lesson) -> None:
    """The lesson's length and link, and (when opened) the table that makes the lesson."""
    left = f"; {len(lesson.left_out)} care step(s) left out" if lesson.left_out else ""
    st.markdown(f"**This lesson:** {len(lesson)} steps, about {lesson.minutes} minutes{left}.")
    if not st.toggle("Make your own lesson: steps, order, questions, minutes", key=K.LESSON_EDIT):
        return
    st.caption(
        "Tick the steps to show and number them in the order you want; add your own question "
        "or note to any step and change its minutes. Everything is kept in the page's link "
        "(nothing is stored on the server): copy the link below to share the lesson or open it "
        "later. Your text is shown as plain text."
    )
    st.session_state[K.LESSON_CARE] = lesson.skip_care
    st.session_state[K.LESSON_TITLE] = lesson.title
    cols = st.columns([1, 1])
    cols[0].toggle(
        "Leave out the steps with distressing passages (⚠), for younger classes",
        key=K.LESSON_CARE,
        on_change=_set,
        args=("care", K.LESSON_CARE, atlas),
    )
    cols[1].text_input(
        "Lesson title (optional)",
        key=K.LESSON_TITLE,
        max_chars=lessons.MAX_TITLE,
        on_change=_set,
        args=("title", K.LESSON_TITLE, atlas),
    )
    table = rows(atlas, lesson)
    key = f"{K.LESSON_TABLE}-{st.session_state.get(_VERSION, 0)}"
    st.data_editor(
        [{k: v for k, v in r.items() if k != "number"} for r in table],
        key=key,
        column_config=COLUMNS,
        hide_index=True,
        width="stretch",
        on_change=_apply,
        args=(key, table, atlas),
    )
    st.markdown("**The link to this lesson** (it opens on its first step):")
    st.code(lesson_link(lesson), language=None, wrap_lines=True)
    st.button(
        "Back to the whole tour",
        on_click=tour_state.set_lesson,
        args=(lessons.whole_tour(atlas), atlas),
    )
