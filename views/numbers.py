"""Numbers: every figure the texts give, as a table and charts; disagreements side by side."""

from __future__ import annotations

import streamlit as st

from escape_routes import numbers, ui

atlas = ui.atlas()
st.title("Numbers")
st.write(
    "Every figure the five texts state, exactly as written, with the passage it comes from. "
    "Where texts disagree the figures stand side by side; nothing is averaged. Estimates are "
    "shown as ranges, and a figure from a reader comment is marked unverified."
)

df = numbers.table(atlas)
topics = ["All"] + sorted(df["Topic"].unique()) if not df.empty else ["All"]
topic = st.selectbox("Topic", topics)
shown = df if topic == "All" else df[df["Topic"] == topic]
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    column_config={"Quote": st.column_config.TextColumn(width="large")},
)

st.subheader("North Koreans reaching South Korea, in the years the texts give")
chart = numbers.defectors_chart(atlas)
if chart is not None:
    st.altair_chart(chart, width="stretch")
st.caption("Only years a text states are shown; the gaps are years no text covers, not zeros.")

for topic_id in ("nk-in-china", "famine-deaths", "women-share"):
    chart = numbers.ranges_chart(atlas, topic_id)
    if chart is not None:
        st.subheader(numbers.TOPIC_LABELS[topic_id] + ": estimates as ranges")
        st.altair_chart(chart, width="stretch")
contested = df[df["Contested"] != ""] if not df.empty else df
if not contested.empty:
    st.subheader("Contested figures")
    st.dataframe(
        contested[["Figure", "What it measures", "Source", "Contested"]],
        hide_index=True,
        width="stretch",
    )
