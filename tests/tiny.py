"""Tiny atlases built in memory, for calling one rule on a few records in milliseconds.

Every builder takes the fields that matter to a test and fills the rest with valid values; the
vocabulary holds one or two terms of each kind.
"""

from __future__ import annotations

from typing import Any

from escape_routes.content.model import (
    Atlas,
    Figure,
    Place,
    Quote,
    Risk,
    Route,
    Segment,
    Source,
    Term,
    TourStep,
    Vocabulary,
)

VOCAB = Vocabulary(
    source_kinds={"news_report": Term(label="News report")},
    quote_kinds={
        "reporting": Term(label="Reporting"),
        "quoted_statement": Term(label="Quoted statement", speaker=True),
        "reader_comment": Term(label="Reader comment", badge=True),
        "excerpt": Term(label="Excerpt", badge=True),
    },
    statuses={"used": Term(label="Used route")},
    means={"unstated": Term(label="Not stated"), "on_foot": Term(label="On foot")},
    place_kinds={"city": Term(label="City")},
    precisions={"schematic": Term(label="schematic")},
    figure_topics={"count": Term(label="People", measure="count")},
)


def source(sid: str = "src", **kw: Any) -> Source:
    fields = dict(
        title="A text", short_title="A text", year=2020, kind="news_report", reliability="A report."
    )
    return Source(id=sid, file="000_0123456789abcdef.txt", **{**fields, **kw})


def quote(qid: str, text: str = "They crossed the river in 2019.", **kw: Any) -> Quote:
    return Quote(id=qid, **{**dict(source="src", text=text, kind="reporting"), **kw})


def risk(rid: str) -> Risk:
    return Risk(id=rid, label=rid.title(), description="A risk.", colour="#123456", cue="R")


def place(pid: str, quotes: tuple[str, ...], **kw: Any) -> Place:
    cite = f" [@{quotes[0]}]" if quotes else ""  # each sentence names its passage
    fields = dict(name="A town", country="CHN", kind="city", summary=f"People hide here.{cite}")
    fields |= dict(precision="schematic", lon=120.0, lat=40.0)
    return Place(id=pid, quotes=quotes, **{**fields, **kw})


def segment(sid: str, quotes: tuple[str, ...], route: str = "r1", **kw: Any) -> Segment:
    cite = f" [@{quotes[0]}]" if quotes else ""
    fields = dict(order=1, name="A leg", summary=f"A leg.{cite}", status="used", countries=("CHN",))
    fields |= dict(means="unstated", reported=(2020,), coords=((120.0, 40.0), (121.0, 41.0)))
    return Segment(id=sid, route=route, quotes=quotes, **{**fields, **kw})


def route(rid: str = "r1", **kw: Any) -> Route:
    return Route(id=rid, **{**dict(name="A route", colour="#654321", summary="A route."), **kw})


def figure(fid: str, quote_id: str, value: str, **kw: Any) -> Figure:
    fields = dict(unit="people", measures="People who crossed.", topic="count")
    return Figure(id=fid, quote=quote_id, value=value, **{**fields, **kw})


def step(sid: str, quotes: tuple[str, ...], **kw: Any) -> TourStep:
    fields = dict(title="A step", body="A body.", view={"center": (40, 120), "zoom": 5})
    fields |= dict(question="Why?", notes="Notes.")
    return TourStep(id=sid, quotes=quotes, **{**fields, **kw})


def atlas(*records: Any, **extra: Any) -> Atlas:
    """An atlas of these records (a source ``src``, and its route for each segment, unless
    given)."""
    tables: dict[str, dict] = {
        t: {} for t in ("sources", "quotes", "risks", "figures", "routes", "places", "segments")
    }
    kinds = {Source: "sources", Quote: "quotes", Risk: "risks", Figure: "figures",
             Route: "routes", Place: "places", Segment: "segments"}  # fmt: skip
    tour = []
    for rec in records:
        if isinstance(rec, TourStep):
            tour.append(rec)
        else:
            tables[kinds[type(rec)]][rec.id] = rec
    tables["sources"] = tables["sources"] or {"src": source()}
    tables["routes"] = tables["routes"] or {
        s.route: route(s.route) for s in tables["segments"].values()
    }
    return Atlas(**tables, tour=tuple(tour), vocab=extra.pop("vocab", VOCAB), **extra)
