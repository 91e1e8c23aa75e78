"""Tour logic the tour page shares with the exports: step numbers, what each step shows."""

from __future__ import annotations

from escape_routes.filters import Shown, Visible
from escape_routes.model import Atlas, TourStep
from escape_routes.render import CSS, quote_block


def clamp(step: object, count: int) -> int:
    """A valid 1-based step number from whatever was stored or asked for."""
    return min(max(step, 1), count) if isinstance(step, int) else 1


def visible(atlas: Atlas, step: TourStep) -> Visible:
    """The routes and places a step is about, with all their evidence."""
    out = Visible()
    for rid in step.layers:
        if rid not in atlas.routes:
            continue
        out.routes.append(rid)
        for seg in atlas.route_segments(rid):
            out.segments[seg.id] = Shown(seg.id, tuple(seg.quotes), tuple(seg.risks))
    for pid in step.places:
        place = atlas.places.get(pid)
        if place:
            out.places[pid] = Shown(pid, tuple(place.quotes), tuple(place.risks))
    return out


def quotes_html(atlas: Atlas, step: TourStep, large: bool = False) -> str:
    """The step's quotes, escaped; when presenting, in large type with short citations."""
    size = "1.7rem" if large else "1.25rem"
    blocks = "".join(
        quote_block(atlas, atlas.quotes[q], compact=large) for q in step.quotes if q in atlas.quotes
    )
    return (
        f"<style>{CSS} .er-tour .er-quote q{{font-size:{size}}}</style>"
        f'<div class="er-tour">{blocks}</div>'
    )
