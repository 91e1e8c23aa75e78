"""Broken copies for rule 8f (a sentence keeps its passages' qualifiers): each drops a hedge
from a real sentence of the shipped content in a different way, and names the message it must
give. The first three were missed by the rule's first version (issue 16, section 3)."""

from __future__ import annotations

import json
from collections.abc import Callable

from escape_routes.content.paths import Paths


def _summary(p: Paths, file: str, old: str, new: str) -> None:
    """Replace one stretch of a summary in a GeoJSON file (it must be there once)."""
    path = p.geodata / file
    data = json.loads(path.read_text(encoding="utf-8"))
    hits = [f["properties"] for f in data["features"] if old in f["properties"]["summary"]]
    assert len(hits) == 1, (file, old)
    hits[0]["summary"] = hits[0]["summary"].replace(old, new)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _text(p: Paths, file: str, old: str, new: str) -> None:
    """Replace one stretch of a content file, as text (it must be there once)."""
    path = p.content / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (file, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def one_of_three_passages_hedges(p: Paths) -> str:
    """Issue 16 M3: 'usually' dropped, 'attempt' and 'often' kept, in a sentence resting on
    three passages, one of which (the NGO worker's) has no hedge: the other two passages do not
    say plainly what this one qualifies."""
    _summary(
        p, "routes/northeast-china.geojson", "and usually shower the women", "and shower the women"
    )
    return (
        "geodata/routes/northeast-china.geojson: northeast-china-1: summary: “A feature from 2012 "
        "or later says bride-brokers attempt t...” drops the qualifier its passages put on it "
        "(“usually”): keep it, or quote the words"
    )


def bound_on_an_amount_dropped(p: Paths) -> str:
    """'up to 200,000 … may reside' stated as a plain count (a comma inside the number once
    ended the clause, hiding the bound)."""
    _summary(
        p,
        "places.geojson",
        "the 2025 narrative says up to 200,000 North Koreans and their children may reside",
        "the 2025 narrative says 200,000 North Koreans and their children reside",
    )
    return (
        "geodata/places.geojson: china: summary: “NPR (2023) reports that China has kept the "
        "numbers down w...” drops the qualifier its passages put on it (“Up to 200,000”, "
        "“may”): keep it, or quote the words"
    )


def hope_stated_as_fact(p: Paths) -> str:
    """The narrative's 'the hope that her invisibility would last' made a plan that worked."""
    _text(p, "tour.yaml", "hoping her invisibility would last", "and her invisibility lasted")
    return (
        "content/tour.yaml: north-to-stay: body: “A 2025 narrative follows Ji-young, who did not "
        "head south...” drops the qualifier its passages put on it (“hope”): keep it, or "
        "quote the words"
    )


def hedges_paraphrased_away(p: Paths) -> str:
    """'mostly' and 'many' dropped while the words change form ('trafficking', 'traffickers')."""
    _summary(
        p,
        "routes/northeast-china.geojson",
        "the defectors are mostly women, that many female defectors are vulnerable to trafficking "
        "and forced marriages in China, and that many are sold",
        "the defectors are women, that female defectors fall prey to traffickers and forced "
        "marriages in China, and that they are sold",
    )
    return (
        "geodata/routes/northeast-china.geojson: northeast-china-1: summary: “NPR (2023) reports "
        "that the defectors are women, that fem...” drops the qualifier its passages put on it "
        "(“mostly”, “Many”)"
    )


def some_made_all(p: Paths) -> str:
    """'some North Korean women' become North Korean women at large, in the tour's words."""
    _text(p, "tour.yaml", "Some women, the UN special rapporteur told NPR,", (
        "North Korean women, the UN special rapporteur told NPR,"
    ))  # fmt: skip
    return (
        "content/tour.yaml: hiding-and-trafficking: body: “North Korean women, the UN special "
        "rapporteur told NPR, c...” drops the qualifier its passages put on it (“some”)"
    )


HEDGE_CASES: dict[str, Callable[[Paths], str]] = {
    f.__name__: f
    for f in (
        one_of_three_passages_hedges, bound_on_an_amount_dropped, hope_stated_as_fact,
        hedges_paraphrased_away, some_made_all,
    )
}  # fmt: skip
