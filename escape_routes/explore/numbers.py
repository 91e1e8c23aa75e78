"""Figures as tables and chart data: every number keeps its quote and its hedge; ranges stay
ranges; a chart draws one topic (one measure) only."""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from escape_routes.content.model import Atlas, Figure
from escape_routes.content.sentences import plain
from escape_routes.html.render import source_date

LABEL_CHARS = 46  # a ranges chart's row label is wrapped to lines this long (a phone's width)
LINE_PX = 17  # a line of a ranges chart's row label
LEGEND_CHARS = 36  # a chart legend's label is wrapped to lines this long (a phone's width)
RANGE_PX = 34  # below a ranges chart's row label: its range
HEADROOM = 1.15  # a chart's far end: past its highest value, for the bar's figure or the marker


TABLE_ROW_PX = 110  # the figures table's row: five lines of wrapped text
# The figures table's column widths: long texts wide, short ones narrow.
TABLE_WIDTHS = {
    **dict.fromkeys(["Topic", "Figure", "Reading", "Year"], "medium"),
    **dict.fromkeys(["Hedge", "Kind"], "small"),
    **dict.fromkeys(["What it measures", "Source", "Contested", "Quote"], "large"),
}


def reading(fig: Figure) -> str:
    """What the figure says as a number, no more precisely than the text: "≈ 2,375" (about),
    "≥ 1,300" (over: no upper bound), "≤ 200,000" (up to), "100,000 – 300,000", or "not a
    count" where the text gives none ("say, 500 or 1,000", "a couple of dollars")."""
    if fig.low is not None and fig.high is not None:
        return f"{fig.low:,.0f} – {fig.high:,.0f}"
    if fig.low is not None:
        return f"≥ {fig.low:,.0f} (no upper bound given)"
    if fig.high is not None:
        return f"≤ {fig.high:,.0f} (no lower bound given)"
    if fig.number is not None:
        n = fig.number
        text = f"{n:,.0f}" if n == int(n) else f"{n:,}"
        return ("≈ " if fig.hedge else "") + text
    return "not a count"


def _source_label(atlas: Atlas, fig: Figure) -> str:
    q = atlas.quotes[fig.quote]
    src = atlas.sources[q.source]
    where = f"{src.title} ({source_date(src)})"
    if q.kind == "excerpt":
        return f"{q.excerpt_from}, quoted in {where}"
    if q.kind == "reader_comment":
        return f"anonymous reader comment under {where}"
    return where


def table(atlas: Atlas) -> pd.DataFrame:
    """One row per figure: the value and hedge as written, its honest reading, what it measures,
    year, source and quote."""
    rows = []
    for fig in atlas.figures.values():
        q = atlas.quotes[fig.quote]
        year = "" if fig.year is None else str(fig.year)
        if fig.year is not None and fig.year_note:
            year += f" ({fig.year_note})"
        if fig.since is not None:
            year = f"{fig.since}–{year}"
        rows.append(
            {
                "Topic": atlas.vocab.label("figure_topics", fig.topic),
                "Figure": fig.value,
                "Hedge": fig.hedge or "",
                "Reading": reading(fig),
                "What it measures": plain(fig.measures),
                "Year": year,
                "Source": _source_label(atlas, fig),
                "Kind": atlas.vocab.label("quote_kinds", q.kind),
                "Contested": plain(fig.contested or q.contested or ""),
                "Quote": q.text,
            }
        )
    return pd.DataFrame(rows)


def _frame(atlas: Atlas, topic: str) -> pd.DataFrame:
    """The figures of one topic that have a numeric reading, one row each."""
    rows = []
    for fig in atlas.figures.values():
        if fig.topic != topic:
            continue
        lo = fig.low if fig.low is not None else fig.number
        hi = fig.high if fig.high is not None else fig.number
        if lo is None and hi is None:
            continue
        src = atlas.sources[atlas.quotes[fig.quote].source]
        open_end = "no upper bound" if fig.high is None and fig.number is None else ""
        open_start = "no lower bound" if fig.low is None and fig.number is None else ""
        rows.append(
            {
                "figure": fig.value,
                "hedge": fig.hedge or "",
                "reading": reading(fig),
                "measures": plain(fig.measures),
                "year": fig.year,
                "low": lo if lo is not None else hi,
                "high": hi if hi is not None else lo,
                "bounds": open_end or open_start or ("hedged" if fig.hedge else "as stated"),
                "source": f"{src.outlet or src.title} ({src.year})",
                # The same, wrapped for a legend a phone's width can show (lines cut at "\n").
                "source_lines": "\n".join(
                    textwrap.wrap(f"{src.outlet or src.title} ({src.year})", LEGEND_CHARS)
                ),
                "label": f"{fig.value} — {src.outlet or src.title} ({src.year})",
                "text": "\n".join(
                    textwrap.wrap(
                        f"{fig.value}: {plain(fig.measures)} "
                        f"({src.outlet or src.title}, {src.year})",
                        LABEL_CHARS,
                    )
                ),
            }
        )
    return pd.DataFrame(rows)


def range_topics(atlas: Atlas) -> list[str]:
    """The figure topics the vocabulary draws as ranges side by side."""
    return [t for t, term in atlas.vocab.figure_topics.items() if term.chart == "ranges"]


def yearly_topic(atlas: Atlas) -> str | None:
    """The figure topic the vocabulary draws as bars by year (the first, if several); only a
    yearly count can be one (the validator checks)."""
    topics = atlas.vocab.figure_topics.items()
    return next(
        (t for t, term in topics if term.chart == "yearly" and term.measure == "yearly_count"),
        None,
    )


def yearly_chart(atlas: Atlas) -> alt.Chart | None:
    """The yearly topic's figures in the years the texts give: one bar per figure that reads as
    one number for one year (a bound such as "at least 1,000 annually" has no bar)."""
    topic = yearly_topic(atlas)
    if topic is None:
        return None
    df = _frame(atlas, topic)
    df = df[df["year"].notna() & (df["low"] == df["high"])] if not df.empty else df
    if df.empty:
        return None
    # A time axis: years spaced by time, so a gap of years no text covers shows as a gap (a
    # year per tick, one year of room at each end).
    first, last = int(df["year"].min()) - 1, int(df["year"].max()) + 1
    years = alt.Axis(format="d", values=list(range(first, last + 1)), labelAngle=0)
    base = alt.Chart(df).encode(
        x=alt.X("year:Q", title="Year", scale=alt.Scale(domain=[first, last]), axis=years),
        y=alt.Y(
            "low:Q",
            title=atlas.vocab.label("figure_topics", topic),
            # From zero, with room above the highest bar for its figure.
            scale=alt.Scale(domain=[0, float(df["low"].max()) * HEADROOM], nice=False),
        ),
        tooltip=["figure", "hedge", "measures", "source", "year"],
    )
    legend = alt.Legend(
        orient="bottom",
        direction="vertical",
        labelLimit=0,
        labelExpr="split(datum.label, '\\n')",
    )
    bars = base.mark_bar(size=22).encode(
        color=alt.Color("source_lines:N", title="Source", legend=legend)
    )
    text = base.mark_text(dy=-6).encode(text="figure:N")
    return (bars + text).properties(height=400)  # the plot about 280 px, the legend below


def ranges_chart(atlas: Atlas, topic: str) -> alt.Chart | None:
    """Estimates as ranges (low to high) side by side, one row each, never averaged.

    Each row's label (the figure as written, hedge included, what it measures, and its source)
    is written in full above its range, wrapped; nothing is cut short, and rows never
    overprint. An open bound ("over", "up to") is marked by the point's shape.
    """
    df = _frame(atlas, topic)
    if df.empty:
        return None
    df = df.assign(row=range(len(df)))
    # Every row as tall as the longest label needs: its words in full, then its range.
    row_px = LINE_PX * int(df["text"].str.count("\n").max() + 1) + RANGE_PX
    range_y = row_px / 2 - RANGE_PX / 2
    y = alt.Y("row:O", axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0))
    base = alt.Chart(df).encode(
        y=y, tooltip=["figure", "hedge", "reading", "measures", "source", "year"]
    )
    # From zero, to a little past the highest end: its marker is drawn whole, not cut at the
    # chart's right edge.
    scale = alt.Scale(zero=True, domainMax=float(df["high"].max()) * HEADROOM)
    x = alt.X("low:Q", title=atlas.vocab.label("figure_topics", topic), scale=scale)
    colour = alt.Color("source:N", legend=None)
    rule = base.mark_rule(strokeWidth=6, opacity=0.6, yOffset=range_y).encode(
        x=x, x2="high:Q", color=colour
    )
    shape = alt.Shape("bounds:N", title="Bounds", legend=alt.Legend(orient="bottom"))
    points = base.mark_point(filled=True, size=80, yOffset=range_y).encode(
        x="low:Q", color=colour, shape=shape
    )
    ends = base.mark_point(filled=True, size=80, shape="diamond", yOffset=range_y).encode(
        x="high:Q", color=colour
    )
    labels = base.mark_text(
        align="left",
        baseline="top",
        fontSize=14,
        lineHeight=LINE_PX,
        lineBreak="\n",
        yOffset=-row_px / 2 + 4,
    ).encode(x=alt.value(0), text="text", color=alt.value("#1c2630"))
    return (rule + points + ends + labels).properties(height=alt.Step(row_px))
