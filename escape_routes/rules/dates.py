"""Rule 4b: two dates, never one field: when something happened, and when a text reported it.

- ``reported`` on a segment is exactly the set of years of its passages' sources: a text cannot
  report before it was written, and a leg reported in 2023 must not hide from a 2023 filter.
- ``happened`` (segments and places) holds only years a text gives: each year is written in an
  attached passage, or a ``note`` says how it was derived ("'end of October last year' in a
  2016 post"); it cannot end after the latest report.
"""

from __future__ import annotations

from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas, Happened, Place, Problem, Segment
from escape_routes.content.tables import problem
from escape_routes.content.textnorm import numbers_in


def _years(ys: set[int]) -> str:
    return ", ".join(str(y) for y in sorted(ys))


def _check_happened(atlas: Atlas, item: Place | Segment, happened: Happened) -> list[Problem]:
    out: list[Problem] = []
    quotes = [atlas.quotes[q] for q in item.quotes if q in atlas.quotes]
    written = set().union(*(numbers_in(q.text) for q in quotes)) if quotes else set()
    sources = set(derived(atlas).years(item.quotes))
    if happened.start > happened.end:
        out.append(problem(item, "happened", "starts after it ends"))
    if not happened.note:
        for y in sorted({happened.start, happened.end}):
            if str(y) not in written:
                msg = f"{y} is written in no attached passage; say how it was derived in note"
                out.append(problem(item, "happened", msg))
    if sources and happened.end > max(sources):
        msg = f"ends in {happened.end}, after the latest attached report ({max(sources)})"
        out.append(problem(item, "happened", msg))
    return out


def check_dates(atlas: Atlas) -> list[Problem]:
    """``reported`` equals the sources' years; ``happened`` years are written or explained."""
    out: list[Problem] = []
    for seg in atlas.segments.values():
        sources = set(derived(atlas).years(seg.quotes))
        if not sources:
            continue
        for y in sorted(set(seg.reported) - sources):
            if y < min(sources):
                msg = (
                    f"{y} comes before the earliest attached source ({min(sources)}): a text "
                    "cannot report what it was written before"
                )
            else:
                msg = f"{y} is the year of no attached passage's source ({_years(sources)})"
            out.append(problem(seg, "reported", msg))
        for y in sorted(sources - set(seg.reported)):
            msg = f"{y} is missing: an attached passage's source is from {y}"
            out.append(problem(seg, "reported", msg))
        if list(seg.reported) != sorted(set(seg.reported)):
            out.append(problem(seg, "reported", "list each year once, in order"))
        if seg.happened:
            out += _check_happened(atlas, seg, seg.happened)
    for place in atlas.places.values():
        if place.happened:
            out += _check_happened(atlas, place, place.happened)
    return out
