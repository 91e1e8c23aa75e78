"""Figures as tables and chart data: every number keeps its quote, ranges stay ranges."""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from escape_routes.model import Atlas
from escape_routes.render import source_date

LABEL_CHARS = 110  # a ranges chart's row label is wrapped to lines this long, three at most
ROW_PX = 78  # the height of one row of a ranges chart: its label above, its range below


def table(atlas: Atlas) -> pd.DataFrame:
    """One row per figure: the value as written, what it measures, year, source and quote."""
    rows = []
    for fig in atlas.figures.values():
        q = atlas.quotes[fig.quote]
        src = atlas.sources[q.source]
        rows.append(
            {
                "Topic": atlas.vocab.label("figure_topics", fig.topic),
                "Figure": fig.value,
                "What it measures": fig.measures,
                "Year": fig.year,
                "Source": f"{src.title} ({source_date(src)})",
                "Kind": atlas.vocab.label("quote_kinds", q.kind),
                "Contested": fig.contested or q.contested or "",
                "Quote": q.text,
            }
        )
    return pd.DataFrame(rows)


def _frame(atlas: Atlas, topic: str) -> pd.DataFrame:
    rows = []
    for fig in atlas.figures.values():
        if fig.topic != topic or (fig.low is None and fig.high is None):
            continue
        low = fig.low if fig.low is not None else fig.high  # "up to N": shown at N
        src = atlas.sources[atlas.quotes[fig.quote].source]
        rows.append(
            {
                "figure": fig.value,
                "measures": fig.measures,
                "year": fig.year,
                "low": low,
                "high": fig.high if fig.high is not None else low,
                "source": f"{src.outlet or src.title} ({src.year})",
                "label": f"{fig.measures} — {src.outlet or src.title}",
                "text": "\n".join(
                    textwrap.wrap(
                        f"{fig.value}: {fig.measures} ({src.outlet or src.title})",
                        LABEL_CHARS,
                        max_lines=3,
                        placeholder=" …",
                    )
                ),
            }
        )
    return pd.DataFrame(rows)


def range_topics(atlas: Atlas) -> list[str]:
    """The figure topics the vocabulary draws as ranges side by side."""
    return [t for t, term in atlas.vocab.figure_topics.items() if term.chart == "ranges"]


def yearly_topic(atlas: Atlas) -> str | None:
    """The figure topic the vocabulary draws as bars by year (the first, if several)."""
    topics = atlas.vocab.figure_topics.items()
    return next((t for t, term in topics if term.chart == "yearly"), None)


def yearly_chart(atlas: Atlas) -> alt.Chart | None:
    """The yearly topic's figures in the years the texts give, one bar per stated figure."""
    topic = yearly_topic(atlas)
    if topic is None:
        return None
    df = _frame(atlas, topic)
    df = df[df["year"].notna() & (df["low"] == df["high"])] if not df.empty else df
    if df.empty:
        return None
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("low:Q", title="People reaching South Korea"),
            color=alt.Color(
                "source:N",
                title="Source",
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0),
            ),
            tooltip=["figure", "measures", "source"],
        )
        .properties(height=280)
    )


def ranges_chart(atlas: Atlas, topic: str) -> alt.Chart | None:
    """Estimates as ranges (low to high) side by side, one row each: never averaged.

    Each row's label (the figure as written, what it measures, and its source) is written in
    full above its range, wrapped; nothing is cut short, and rows never overprint.
    """
    df = _frame(atlas, topic)
    if df.empty:
        return None
    df = df.assign(row=range(len(df)))
    y = alt.Y("row:O", axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0))
    base = alt.Chart(df).encode(y=y, tooltip=["figure", "measures", "source", "year"])
    x = alt.X("low:Q", title=atlas.vocab.label("figure_topics", topic))
    colour = alt.Color("source:N", legend=None)
    rule = base.mark_rule(strokeWidth=6, opacity=0.6, yOffset=14).encode(
        x=x, x2="high:Q", color=colour
    )
    points = base.mark_point(filled=True, size=80, yOffset=14).encode(x="low:Q", color=colour)
    ends = base.mark_point(filled=True, size=80, shape="diamond", yOffset=14).encode(
        x="high:Q", color=colour
    )
    labels = base.mark_text(
        align="left",
        baseline="top",
        fontSize=14,
        lineHeight=17,
        lineBreak="\n",
        yOffset=-ROW_PX / 2 + 4,
    ).encode(x=alt.value(0), text="text", color=alt.value("#1c2630"))
    return (rule + points + ends + labels).properties(height=alt.Step(ROW_PX))
