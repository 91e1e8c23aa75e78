"""Figures as tables and chart data: every number keeps its quote, ranges stay ranges."""

from __future__ import annotations

import altair as alt
import pandas as pd

from escape_routes.content import Atlas

TOPIC_LABELS = {
    "defectors-to-south": "North Koreans reaching South Korea",
    "nk-in-china": "North Koreans in China",
    "forced-returns": "Forced returns and detention",
    "prices": "Prices, fees and bounties",
    "women-share": "Share of women",
    "famine-deaths": "Famine deaths in the 1990s",
    "military": "Military",
    "aid": "Aid",
}


def table(atlas: Atlas) -> pd.DataFrame:
    """One row per figure: the value as written, what it measures, year, source and quote."""
    rows = []
    for fig in atlas.figures.values():
        q = atlas.quotes[fig.quote]
        src = atlas.sources[q.source]
        rows.append(
            {
                "Topic": TOPIC_LABELS.get(fig.topic, fig.topic),
                "Figure": fig.value,
                "What it measures": fig.measures,
                "Year": fig.year,
                "Source": f"{src.title} ({src.date or 'date not stated'})",
                "Kind": "Reader comment — unverified" if q.kind == "reader_comment" else q.kind,
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
            }
        )
    return pd.DataFrame(rows)


def defectors_chart(atlas: Atlas) -> alt.Chart | None:
    """Arrivals in South Korea in the years the texts give, one bar per stated figure."""
    df = _frame(atlas, "defectors-to-south")
    df = df[df["year"].notna() & (df["low"] == df["high"])] if not df.empty else df
    if df.empty:
        return None
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year"),
            y=alt.Y("low:Q", title="People reaching South Korea"),
            color=alt.Color("source:N", title="Source"),
            tooltip=["figure", "measures", "source"],
        )
        .properties(height=280)
    )


def ranges_chart(atlas: Atlas, topic: str) -> alt.Chart | None:
    """Estimates as ranges (low to high) side by side, one row each: never averaged."""
    df = _frame(atlas, topic)
    if df.empty:
        return None
    base = alt.Chart(df).encode(
        y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=420)),
        tooltip=["figure", "measures", "source", "year"],
    )
    rule = base.mark_rule(strokeWidth=6, opacity=0.6).encode(
        x=alt.X("low:Q", title=TOPIC_LABELS.get(topic, topic)),
        x2="high:Q",
        color=alt.Color("source:N", title="Source"),
    )
    points = base.mark_point(filled=True, size=70).encode(x="low:Q", color="source:N")
    ends = base.mark_point(filled=True, size=70, shape="diamond").encode(
        x="high:Q", color="source:N"
    )
    return (rule + points + ends).properties(height=max(80, 42 * len(df)))
