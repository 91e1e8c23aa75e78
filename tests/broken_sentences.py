"""Broken copies for the sentence-level rules (8c, 8d, 8e, and 4 and 8 sentence by sentence):
each changes one sentence of a summary and names the message it must give."""

from __future__ import annotations

import json
from collections.abc import Callable

import yaml

from escape_routes.content.paths import Paths


def _replace(p: Paths, file: str, old: str, new: str) -> None:
    """Replace one stretch of a summary in a GeoJSON file (it must be there)."""
    path = p.geodata / file
    data = json.loads(path.read_text(encoding="utf-8"))
    hits = 0
    for feature in data["features"]:
        props = feature["properties"]
        if old in props["summary"]:
            props["summary"] = props["summary"].replace(old, new)
            hits += 1
    assert hits == 1, (file, old, hits)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def sentence_without_passage(p: Paths) -> str:
    """A sentence added after the last marker names no passage."""
    _replace(
        p,
        "places.geojson",
        "such as Thailand, Vietnam and Laos. [@q-plight-yanji-transit]",
        "such as Thailand, Vietnam and Laos. [@q-plight-yanji-transit] Many then go on to Laos.",
    )
    return (
        "geodata/places.geojson: yanji: summary: “Many then go on to Laos.” names no passage: "
        "end it with the quotes it rests on, [@quote-id]"
    )


def passage_not_attached(p: Paths) -> str:
    """A sentence cites a real quote that is not attached to its place."""
    _replace(
        p,
        "places.geojson",
        "A Chinese city. [@q-plight-yanji-transit]",
        "A Chinese city. [@q-npr-kim-yalu]",
    )
    return (
        "geodata/places.geojson: yanji: summary: “A Chinese city.” rests on q-npr-kim-yalu, which "
        "is not attached here: attach it, or cite one"
    )


def unknown_passage(p: Paths) -> str:
    """A sentence cites a quote id that does not exist."""
    _replace(p, "places.geojson", "city. [@q-plight-yanji-transit]", "city. [@q-nope]")
    return (
        "geodata/places.geojson: yanji: summary: “A Chinese city.” rests on unknown quote 'q-nope'"
    )


def two_sentences_one_marker(p: Paths) -> str:
    """Two sentences share one marker: which passage says which?"""
    _replace(p, "places.geojson", "A Chinese city. [@q-plight-yanji-transit]", "A Chinese city.")
    return (
        "geodata/places.geojson: yanji: summary: “A Chinese city. The 2016 student blog says that "
        "after Nor...” holds 2 sentences before its marker: give each its own"
    )


def number_from_another_passage(p: Paths) -> str:
    """A sentence takes the 9 of a passage it does not rest on (the blog's, not Sokeel Park's)."""
    _replace(
        p,
        "places.geojson",
        "Sokeel Park of Liberty in North Korea said the nine had travelled",
        "Sokeel Park of Liberty in North Korea said the 9 had travelled",
    )
    return "geodata/places.geojson: vietnam: summary: number 9 is not in any attached quote"


def year_from_another_passage(p: Paths) -> str:
    """A sentence dates what its own passage does not date."""
    _replace(
        p,
        "places.geojson",
        "In the 2025 narrative, Ji-young stands on the Chinese side of the Tumen River.",
        "In the 2025 narrative, Ji-young stands on the Chinese side of the Tumen River in 2011.",
    )
    return (
        "geodata/places.geojson: tumen-crossing: summary: number 2011 is not in any attached quote"
    )


def name_from_another_passage(p: Paths) -> str:
    """The reader's sentence names the Tumen, which only the blog's passage names."""
    _replace(
        p,
        "places.geojson",
        "the comment does not name the river. [@rc-border-easy-to-cross]",
        "the comment does not name the Tumen. [@rc-border-easy-to-cross]",
    )
    return (
        "geodata/places.geojson: tumen-crossing: summary: names Tumen, which no attached passage "
        "names"
    )


def reader_comment_as_fact(p: Paths) -> str:
    """A sentence resting on one reader comment, with no name or number, states it as fact."""
    _replace(
        p,
        "places.geojson",
        "Another reader wrote that fewer cross in the north-west along the Yalu River/Dandong, "
        "where the river is wider and deeper and the banks are easier to patrol.",
        "Fewer cross where the river is wider and deeper and the banks are easier to patrol.",
    )
    return (
        "geodata/places.geojson: dandong: summary: “Fewer cross where the river is wider and "
        "deeper and the b...” rests only on reader comments; say so (e.g. “an anonymous "
        "reader wrote (2005) …”)"
    )


def reader_comment_as_fact_at_a_name(p: Paths) -> str:
    """The same with a name in it: rule 8 names the word that needs the attribution."""
    _replace(
        p,
        "places.geojson",
        "Another reader wrote that fewer cross in the north-west",
        "Fewer cross in the north-west",
    )
    return (
        "geodata/places.geojson: dandong: summary: “Fewer cross in the north-west along the Yalu "
        "River/Dandon...” rests on reader comments alone for Dandong; say so"
    )


def quoted_article_credited_to_the_blogger(p: Paths) -> str:
    """The newspaper article the 2005 post quotes, credited to the blogger."""
    _replace(
        p,
        "places.geojson",
        "An unnamed newspaper article quoted in the 2005 blog post says most",
        "The blogger, quoting an unnamed newspaper, says most",
    )
    return (
        "geodata/places.geojson: northeast-china: summary: “The blogger, quoting an unnamed "
        "newspaper, says most of t...” rests only on an excerpt the post quotes: credit it, not "
        "the blogger"
    )


def quoted_article_as_the_posts_own(p: Paths) -> str:
    """The same article's words given as the 2005 post's own report."""
    _replace(
        p,
        "places.geojson",
        "An unnamed newspaper article quoted in the 2005 blog post says most",
        "The 2005 blog post says most",
    )
    return (
        "geodata/places.geojson: northeast-china: summary: “The 2005 blog post says most of those "
        "who escaped are sti...” rests only on an excerpt the post quotes: credit it, not the "
        "blogger"
    )


def many_dropped(p: Paths) -> str:
    """Issue 16 M3: 'Many female defectors are vulnerable' becomes all of them."""
    _replace(
        p,
        "routes/northeast-china.geojson",
        "NPR (2023) reports that the defectors are mostly women, that many female defectors are "
        "vulnerable to trafficking and forced marriages in China, and that many are sold to men "
        "in northeast China. [@q-npr-women-trafficking, @q-npr-sold-northeast]",
        "NPR (2023) reports that the defectors are mostly women, vulnerable to trafficking and "
        "forced marriages in China. [@q-npr-women-trafficking]",
    )
    return (
        "geodata/routes/northeast-china.geojson: northeast-china-1: summary: “NPR (2023) reports "
        "that the defectors are mostly women, v...” drops the qualifier its passages put on it "
        "(“Many”): keep it, or quote the words"
    )


def usually_and_often_dropped(p: Paths) -> str:
    """Issue 16 M3: brokers who 'attempt … often through trickery' and 'usually shower' women
    with promises become brokers who lure them."""
    _replace(
        p,
        "routes/northeast-china.geojson",
        "A feature from 2012 or later says bride-brokers attempt to secure North Korean brides "
        "for Chinese men, often through trickery, and usually shower the women with promises of "
        "lucrative jobs and a better education;",
        "A feature from 2012 or later says bride-brokers lure North Korean women into China with "
        "promises of lucrative jobs;",
    )
    return (
        "geodata/routes/northeast-china.geojson: northeast-china-1: summary: “A feature from 2012 "
        "or later says bride-brokers lure Nort...” drops the qualifier its passages put on it"
    )


def _note(p: Paths, file: str, rid: str, old: str, new: str) -> None:
    """Replace one stretch of a record's contest note in a YAML file (it must be there)."""
    path = p.content / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    record = next(r for r in data if r["id"] == rid)
    assert old in record["contested"], (rid, old)
    record["contested"] = record["contested"].replace(old, new)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def contest_note_unmarked(p: Paths) -> str:
    """A sentence added to a contest note names no passage."""
    _note(p, "quotes.yaml", "rc-russia-transit", "[@rc-russia-transit]", "")
    return (
        "content/quotes.yaml: rc-russia-transit: contested: “A proposal by an anonymous reader; "
        "no source reports Russ...” names no passage"
    )


def contest_note_borrows_a_figure(p: Paths) -> str:
    """A contest note's sentence gives a figure none of its own passages gives."""
    _note(
        p,
        "figures.yaml",
        "f-nk-in-china-2024",
        "dwindled to just 10,000",
        "dwindled to just 9,000",
    )
    return (
        "content/figures.yaml: f-nk-in-china-2024: contested: number 9000 is not in any attached "
        "quote"
    )


def contest_note_reader_as_fact(p: Paths) -> str:
    """A contest note resting on one reader comment, without saying so."""
    _note(
        p,
        "quotes.yaml",
        "rc-officials-corrupt",
        "An unverified reader comment. [@rc-officials-corrupt]",
        "Unverified. [@rc-officials-corrupt]",
    )
    return (
        "content/quotes.yaml: rc-officials-corrupt: contested: “Unverified.” rests only on reader "
        "comments; say so"
    )


SENTENCE_CASES: dict[str, Callable[[Paths], str]] = {
    f.__name__: f
    for f in (
        sentence_without_passage, passage_not_attached, unknown_passage,
        two_sentences_one_marker, number_from_another_passage, year_from_another_passage,
        name_from_another_passage, reader_comment_as_fact, reader_comment_as_fact_at_a_name,
        quoted_article_credited_to_the_blogger, quoted_article_as_the_posts_own, many_dropped,
        usually_and_often_dropped,
        contest_note_unmarked, contest_note_borrows_a_figure, contest_note_reader_as_fact,
    )
}  # fmt: skip
