"""The Numbers page's charts and tables on the shipped content: a time axis (years spaced by
time, gaps shown), labels written in full, end markers inside the chart, wrapped table text."""

from __future__ import annotations

from escape_routes.explore import numbers
from tests.test_app import _navigation_as_on_a_running_server, app

__all__ = ["_navigation_as_on_a_running_server"]  # autouse here too: a running server's navigation


def layers(chart) -> list[dict]:
    return chart.to_dict()["layer"]


def test_yearly_chart_spaces_years_by_time(real_atlas):
    chart = numbers.yearly_chart(real_atlas)
    assert chart is not None
    years = sorted(int(y) for y in chart.data["year"])
    assert len(set(years)) >= 2
    encoding = layers(chart)[0]["encoding"]
    x = encoding["x"]
    assert x["type"] == "quantitative"  # not a category axis: years spaced by time
    assert x["axis"]["values"] == list(range(years[0] - 1, years[-1] + 2))  # every year, gaps too
    low, high = encoding["y"]["scale"]["domain"]
    assert low == 0 and high > chart.data["low"].max()  # room above the highest bar's figure


def test_ranges_charts_write_labels_in_full_and_keep_markers_inside(real_atlas):
    for topic_id in numbers.range_topics(real_atlas):
        df = numbers._frame(real_atlas, topic_id)
        chart = numbers.ranges_chart(real_atlas, topic_id)
        assert chart is not None
        for text in df["text"]:
            assert "…" not in text
            assert all(len(line) <= numbers.LABEL_CHARS for line in text.split("\n"))
        for layer in layers(chart):
            scale = layer["encoding"].get("x", {}).get("scale")
            if scale:
                assert scale["domainMax"] > df["high"].max()  # past the last end marker
        lines = max(t.count("\n") + 1 for t in df["text"])
        assert chart.to_dict()["height"]["step"] >= lines * numbers.LINE_PX


def test_numbers_page_tables_wrap(fixture_app):
    at = app()
    at.run()
    at.switch_page("pages/numbers_page.py").run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].proto
    assert table.row_height > 64  # Streamlit wraps a cell's text in rows over 4rem
