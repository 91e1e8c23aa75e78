"""The teacher's guide's sentences name their passages (issue 16): the shipped guide is marked
sentence by sentence, rule 8c reads each sentence against its own passages, and the guide (page
fragment and file) shows numbered markers linking to its listed passages, never a raw marker."""

from __future__ import annotations

import re

import pytest

from escape_routes.content.guide import TITLES, read_guide, wordings
from escape_routes.content.paths import ROOT
from escape_routes.content.sentences import parse, split
from escape_routes.outputs import guide as guide_out
from escape_routes.rules.guide import check_guide, passages
from escape_routes.rules.validator import load_atlas
from tests.broken_guide_sentences import GUIDE_SENTENCE_CASES

RAW = re.compile(r"\[@|\[ours\]")


@pytest.fixture(scope="module")
def guide():
    found, problems = read_guide(ROOT / "content")
    assert found is not None and problems == []
    return found


def test_the_shipped_guide_is_marked_sentence_by_sentence(real_atlas, guide):
    """Every sentence but a question that only asks names passages its steps show, or is [ours]."""
    for rid, fld, text, steps in wordings(guide):
        if fld in TITLES:
            continue
        allowed = set(passages(real_atlas, steps))
        for s in parse(text):
            asks = all(x.endswith("?") for x in split(s.text))
            assert s.quotes or s.ours or asks, (rid, fld, s.text)
            assert len(split(s.text)) == 1 or asks, (rid, fld, s.text)
            assert set(s.quotes) <= allowed, (rid, fld, s.text)


def test_the_shipped_guide_has_no_problem(real_atlas, real_content_copy):
    assert check_guide(real_atlas, real_content_copy) == []


@pytest.mark.parametrize("case", list(GUIDE_SENTENCE_CASES))
def test_guide_sentence_rule_gives_its_message(real_content_copy, case):
    """Each broken guide sentence gives its one precise message (file, part, field, what), and
    the problem is rule 8c's, reported: the guide is still shown."""
    expected = GUIDE_SENTENCE_CASES[case](real_content_copy)
    problems = load_atlas(real_content_copy).problems
    msgs = [str(p) for p in problems]
    assert [m for m in msgs if m.startswith(expected)], (expected, msgs)
    assert {p.rule for p in problems} == {"R8c"}, msgs
    guide, read = read_guide(real_content_copy.content)
    assert guide is not None and read == []


def test_guide_markers_link_to_its_listed_passages(real_atlas, guide):
    """Each cited passage is listed once, numbered in order of first mention; every sentence's
    [n] links to passage n; no raw marker is left, on the page or in the file."""
    fragment = str(guide_out.guide_fragment(real_atlas, guide))
    listed = re.findall(r'<div class="er-quote" id="er-g-([a-z0-9-]+)">\s*<span class="er-num">'
                        r"\[(\d+)\]", fragment)  # fmt: skip
    assert [int(n) for _, n in listed] == list(range(1, len(listed) + 1))
    number = {q: n for q, n in listed}
    assert "q-crisis-roundabout-route" == listed[0][0]  # the intro's first sentence
    links = re.findall(r'<a class="er-mark" href="#er-g-([a-z0-9-]+)"[^>]*>\[(\d+)\]</a>', fragment)
    assert links and all(number[q] == n for q, n in links)
    assert {q for q, _ in links} == set(number)
    for html in (fragment, guide_out.guide_html(real_atlas, guide)):
        text = re.sub(r"<[^>]+>", " ", html)
        assert not RAW.search(text)
