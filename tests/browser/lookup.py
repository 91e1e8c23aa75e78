"""What the browser tests look for, found in the content the app serves (never by a hard-coded
id, so that a teacher's edit of the content breaks no test that does not depend on it)."""

from __future__ import annotations

from escape_routes.content.model import Atlas, Place
from escape_routes.explore.filters import Filter
from escape_routes.explore.scoping import evidence, routes_of_places
from escape_routes.explore.visible import apply


def town(atlas: Atlas) -> Place:
    """The first place that is a named town (a point with a popup, a panel and a label)."""
    return next(p for p in atlas.places.values() if p.precision == "city")


def towns(atlas: Atlas) -> list[Place]:
    """Every place that is a named town, towns first in the order of the content."""
    return [p for p in atlas.places.values() if p.precision == "city"]


def dividing_risk(atlas: Atlas) -> tuple[str, list[str], list[str]]:
    """A risk that keeps some routes and drops others: (risk, routes kept, routes dropped)."""
    for risk in atlas.risks:
        kept = apply(atlas, Filter(risks=frozenset({risk}))).routes
        dropped = [r for r in atlas.routes if r not in kept]
        if kept and dropped:
            return risk, kept, dropped
    raise AssertionError("no risk keeps some routes and drops others")


def risk_told_of_a_shared_place(atlas: Atlas) -> tuple[str, list[str], list[str]]:
    """A risk told of a place several routes pass, for which some routes carry it in their own
    passages and others only start at that place: (risk, own routes, only-shared routes)."""
    for place, routes in routes_of_places(atlas).items():
        if len(routes) < 2:
            continue
        for risk in atlas.places[place].risks:
            own = [r for r in atlas.routes if risk in evidence(atlas, r).own_risks()]
            shared = [r for r in routes if r not in own and evidence(atlas, r).shared[risk]]
            if own and shared:
                return risk, own, shared
    raise AssertionError("no risk is told of a shared place only for some of its routes")
