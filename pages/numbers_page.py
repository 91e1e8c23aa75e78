"""Numbers: every figure the texts give, as a table and charts; disagreements side by side."""

from __future__ import annotations

import streamlit as st

from escape_routes.explore import numbers
from escape_routes.ui import frame

atlas = frame.atlas()
st.title("Numbers")
st.write(
    "Every figure the five texts state, exactly as written, with the passage it comes from. "
    "The hedge a text puts on a figure (“about”, “over”, “up to”, “say”) is kept, and a figure "
    "is read as a number no more precisely than the text gives it: “over $3000” has no upper "
    "bound, “say, 500 or 1,000” is not a count. Where texts disagree the figures stand side by "
    "side; nothing is averaged. A chart shows one measure only: a yearly count, a running "
    "total and a share are never drawn together. A figure from a reader comment or from an "
    "excerpt a text quotes is marked as such."
)

df = numbers.table(atlas)
topics = ["All"] + sorted(df["Topic"].unique()) if not df.empty else ["All"]
topic = st.selectbox("Topic", topics)
shown = df if topic == "All" else df[df["Topic"] == topic]
# Rows tall enough for text to wrap (Streamlit wraps a cell's text in rows over 4rem), and
# wide columns for long text: a cell shows its words, not "≥ 1,000 (no upper b…".
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    row_height=numbers.TABLE_ROW_PX,
    column_config={c: st.column_config.Column(width=w) for c, w in numbers.TABLE_WIDTHS.items()},
)

yearly = numbers.yearly_topic(atlas)
chart = numbers.yearly_chart(atlas)
if yearly and chart is not None:
    label = atlas.vocab.label("figure_topics", yearly)
    st.header(f"{frame.md(label)}, in the years the texts give")
    st.altair_chart(chart, width="stretch")
    st.caption(
        "Only years a text states are shown; the gaps are years no text covers, not zeros. "
        "Figures without a year or given only as a bound (“at least 1,000 … annually”) are "
        "in the table, not in the bars; running totals (“28,795 … since 1953”) are a different "
        "measure and are never stacked here."
    )

for topic_id in numbers.range_topics(atlas):
    chart = numbers.ranges_chart(atlas, topic_id)
    if chart is not None:
        label = atlas.vocab.label("figure_topics", topic_id)
        st.header(f"{frame.md(label)}: estimates as ranges")
        st.altair_chart(chart, width="stretch")
contested = df[df["Contested"] != ""] if not df.empty else df
if not contested.empty:
    st.header("Contested figures")
    # A static table: every word of a disagreement shown, wrapped.
    st.table(
        contested[["Figure", "Hedge", "What it measures", "Source", "Contested"]], hide_index=True
    )
