"""The rule registry and each registered check, called on a few records built in memory
(:mod:`tests.tiny`): milliseconds each, no content folder read."""

from __future__ import annotations

from pathlib import Path

import pytest

from escape_routes.__main__ import main
from escape_routes.content import report
from escape_routes.content.model import Effect, Problem
from escape_routes.content.paths import Paths
from escape_routes.rules import (
    attribution,
    numbers,
    references,
    registry,
    verbatim,
    wording,
)
from escape_routes.rules.prune import prune
from escape_routes.rules.validator import run_all
from tests.tiny import atlas, figure, place, quote, risk, route, segment, source, step

NO_TEXTS = Paths(Path("."), Path("."), None, ())


def msgs(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


def test_every_design_rule_has_one_home():
    """DESIGN's rules 1-9 each have exactly one entry; every code is unique; every check is a
    function of a rules module."""
    codes = [r.code for r in registry.RULES]
    assert len(codes) == len(set(codes))
    for n in range(1, 10):
        assert f"R{n}" in codes
    for r in registry.CHECKS:
        assert r.check.__module__.startswith("escape_routes.rules."), r.code


def test_validate_rules_lists_them(capsys):
    """`validate --rules` prints every rule with its effect and where its check lives."""
    assert main(["validate", "--rules"]) == 0
    out = capsys.readouterr().out
    for r in registry.RULES:
        assert f"{r.code} " in out and r.where in out


def test_rule_2_unbacked_risk_drops_the_reference():
    """R2: a risk no attached quote carries is named; loading drops that risk only."""
    a = atlas(
        quote("q1", risks=("detention",)),
        risk("detention"),
        risk("terrain"),
        place("p1", ("q1",), risks=("detention", "terrain")),
    )
    [p] = references.check_backed_risks(a)
    assert str(p) == (
        "geodata/places.geojson: p1: risks: no attached quote is tagged 'terrain': tag one of "
        "its quotes, or remove it here"
    )
    assert (p.effect, p.refers) == (Effect.DROP_REFERENCE, ("content/risks.yaml", "terrain"))
    assert prune(a, [p]).places["p1"].risks == ("detention",)


def test_rule_3_unknown_references_suggest_the_nearest():
    """R3: a mistyped id says "did you mean"; an unknown source lists the sources."""
    a = atlas(
        quote("q-npr-yoon-live-together"),
        quote("q2", source="npr"),
        place("p1", ("q-npr-yoon-live-togeter",)),
        segment("s1", ("q2",), places=("p2",)),
    )
    found = msgs(references.check_references(a))
    assert (
        "geodata/places.geojson: p1: quotes: unknown quote 'q-npr-yoon-live-togeter' (did you "
        "mean 'q-npr-yoon-live-together'?)"
    ) in found
    assert "content/quotes.yaml: q2: source: unknown source 'npr'; use one of: src" in found
    assert "geodata/routes/r1.geojson: s1: places: unknown place 'p2'" in found


def test_rule_3a_unknown_term_lists_the_allowed_words():
    """R3a: a term missing from the vocabulary names the allowed words and the nearest."""
    [p] = references.check_terms(atlas(quote("q1", kind="statement")))
    assert str(p) == (
        "content/quotes.yaml: q1: kind: 'statement' is not a kind of quote in "
        "content/vocabulary.yaml (did you mean 'quoted_statement'?); use one of: excerpt, "
        "quoted_statement, reader_comment, reporting"
    )


def test_rule_4_numbers_come_from_a_quote():
    """R4: a number in our wording must be in an attached quote (or be its source's year); a
    figure's value must be written in its quote."""
    a = atlas(
        quote("q1"),
        place("p1", ("q1",), summary="In 2019 and 2020, 987 people."),
        figure("f1", "q1", "about 50"),
    )
    assert msgs(numbers.check_numbers(a)) == [
        "geodata/places.geojson: p1: summary: number 987 is not in any attached quote",
        "content/figures.yaml: f1: value: 'about 50' is not in quote q1: copy the value as the "
        "quote writes it",
    ]


def test_rule_6_whose_words_in_one_check():
    """R6: a reader comment carries date and time (one check for both); only it does; a quoted
    statement names its speaker; an excerpt says where it comes from."""
    a = atlas(
        quote("rc1", kind="reader_comment", comment_date="2005-10-01"),
        quote("q1", comment_time="10:01 pm"),
        quote("q2", kind="quoted_statement"),
        quote("q3", kind="excerpt"),
    )
    assert msgs(attribution.check_quote_kinds(a)) == [
        "content/quotes.yaml: rc1: comment_time: required for, and only for, reader comments",
        "content/quotes.yaml: q1: comment_time: required for, and only for, reader comments",
        "content/quotes.yaml: q2: speaker: a quoted_statement names who speaks "
        "(content/vocabulary.yaml: speaker: true): add speaker: with name: and role:, as the text "
        "names them",
        "content/quotes.yaml: q3: excerpt_from: required for, and only for, excerpts",
    ]


def test_rule_8a_and_8b():
    """R8a: no note names a text by its internal id; R8b: a quote is on the map or says why."""
    a = atlas(quote("q1", contested="See src."), quote("q2"), place("p1", ("q1",)))
    assert msgs(wording.check_internal_ids(a)) == [
        "content/quotes.yaml: q1: contested: names the internal id 'src'; name the text as "
        "readers see it (its title, kind or date)"
    ]
    assert msgs(wording.check_coverage(a)) == [
        "content/quotes.yaml: q2: off_map: attached to nothing on the map; attach it, or say why "
        "not in off_map"
    ]


def test_rule_1_says_where_quote_and_text_part(tmp_path):
    """R1: a quote not in its text says which words differ."""
    (tmp_path / "000_0123456789abcdef.txt").write_text(
        "Kim found a smuggler to help her leave the country. She crossed the Yalu river.",
        encoding="utf-8",
    )
    a = atlas(quote("q1", text="Kim found a smuggler to help her flee the country."))
    [p] = verbatim.check_verbatim(a, Paths(tmp_path, tmp_path, tmp_path, (tmp_path,)))
    assert str(p) == (
        "content/quotes.yaml: q1: text: not found verbatim in 000_0123456789abcdef.txt: the quote "
        'and the text agree up to "… a smuggler to help her", then the quote has "flee the '
        'country." where the text has "leave the country. She crossed"'
    )


@pytest.mark.parametrize(
    ("quote_text", "parted"),
    [
        (
            "An apple crossed the Yalu river.",
            'its first words, "An apple", are not in the text; '
            'from "crossed the Yalu river." on it agrees',
        ),
        (
            "Nothing of this is there.",
            "no part of it is in the text: check the source and the passage",
        ),
    ],
)
def test_where_a_quote_parts_from_its_text(quote_text, parted):
    """When the first words already differ, it says from where the quote agrees again."""
    assert verbatim.where_it_parts(quote_text, "She crossed the Yalu river.") == parted


def test_prune_drops_a_source_and_what_depends_on_it():
    """A source left out takes its quotes, their figures, and a place with no other quote."""
    a = atlas(
        source("src"),
        source("other"),
        quote("q1"),
        quote("q2", source="other"),
        figure("f1", "q1", "2019"),
        place("p1", ("q1",)),
        place("p2", ("q1", "q2")),
    )
    bad = Problem(
        "content/sources.yaml", "src", "kind", "x", table="sources", effect=Effect.DROP_RECORD
    )
    kept = prune(a, [bad])
    assert set(kept.sources) == {"other"} and set(kept.quotes) == {"q2"}
    assert not kept.figures and set(kept.places) == {"p2"}
    assert kept.places["p2"].quotes == ("q2",)


def test_prune_acts_only_on_what_problems_say():
    """A problem that reports only leaves everything; one that drops a reference leaves the
    record; the journey time goes when its words are not in its quote."""
    from escape_routes.content.model import JourneyTime

    a = atlas(
        quote("q1"),
        quote("q2"),
        place("p1", ("q1", "q2")),
        route("r1", journey_time=JourneyTime(text="two months", quote="q1")),
    )
    report_only = Problem(
        "geodata/places.geojson", "p1", "x", "x", table="places", effect=Effect.REPORT
    )
    assert prune(a, [report_only]).places == a.places
    [jt] = numbers.check_numbers(a)
    assert jt.field == "journey_time" and jt.effect is Effect.DROP_REFERENCE
    ref = Problem(
        "geodata/places.geojson",
        "p1",
        "quotes",
        "x",
        table="places",
        effect=Effect.DROP_REFERENCE,
        refers=("content/quotes.yaml", "q2"),
    )
    kept = prune(a, [ref, jt])
    assert kept.places["p1"].quotes == ("q1",) and kept.routes["r1"].journey_time is None


def test_a_file_that_cannot_be_read_skips_the_checks_that_need_it(monkeypatch):
    """Quotes unreadable: the checks that read quotes are skipped and counted on that problem,
    and every reference to a quote is counted under it: one line."""
    monkeypatch.delenv("CI", raising=False)
    a = atlas(place("p1", ("q1",)), segment("s1", ("q1", "q2")), step("t1", ("q1",)))
    broken = Problem(
        "content/quotes.yaml",
        None,
        None,
        "line 54 starts with a tab",
        table="quotes",
        rule="R0",
        effect=Effect.FILE,
    )
    problems, _ = run_all(a, NO_TEXTS, [broken])
    needing = [r.code for r in registry.CHECKS if "quotes" in r.needs]
    assert problems[0].skipped == tuple(needing)
    assert report.lines(problems) == [
        f"content/quotes.yaml: line 54 starts with a tab — {len(needing)} checks "
        f"({', '.join(needing)}) were skipped because of it, and 4 references to its records"
    ]


def test_references_to_a_record_left_out_are_grouped_under_it(monkeypatch):
    """A quote that could not be read is one line, "and 1 reference to it"."""
    monkeypatch.delenv("CI", raising=False)
    a = atlas(quote("q1"), place("p1", ("q1", "q-new")))
    bad = Problem(
        "content/quotes.yaml",
        "q-new",
        "kind",
        "'quoted statement' is not a kind",
        table="quotes",
        rule="R0",
        effect=Effect.DROP_RECORD,
    )
    problems, _ = run_all(a, NO_TEXTS, [bad])
    assert report.lines(problems) == [
        "content/quotes.yaml: q-new: kind: 'quoted statement' is not a kind — and 1 reference "
        "to it (geodata/places.geojson: p1)"
    ]
    assert report.summary(problems, " found") == "1 problem(s) found (and 1 that follow from it)"


def test_a_mistyped_attachment_explains_the_unattached_quote(monkeypatch):
    """A quote attached under a mistyped id is "attached to nothing": that follows from the
    typo, and is counted under it."""
    monkeypatch.delenv("CI", raising=False)
    a = atlas(quote("q1"), quote("q-park-find-her"), place("p1", ("q1", "q-park-find-hr")))
    problems, _ = run_all(a, NO_TEXTS)
    [line] = report.lines(problems)
    assert line.startswith(
        "geodata/places.geojson: p1: quotes: unknown quote 'q-park-find-hr' (did you mean "
        "'q-park-find-her'?) — and 1 problem that follows from it (content/quotes.yaml: "
        "q-park-find-her: off_map)"
    )
