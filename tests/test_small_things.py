"""Issue 18's small things, on the fixture content: plural words, a hidden selection said so, a
commenter's own correction as a note (not "Contested")."""

from __future__ import annotations

import re

import pytest

from escape_routes.content.paths import ROOT
from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import apply
from escape_routes.html import render
from escape_routes.html.templates import TEMPLATE_DIR
from escape_routes.ui import keys as K
from tests.test_app import _navigation_as_on_a_running_server, app

__all__ = ["_navigation_as_on_a_running_server"]  # autouse here too: a running server's navigation


@pytest.fixture(autouse=True)
def _fixture_content(fixture_app):
    """The AppTest tests here run the app on the fixture content."""


def visible_text(html: str) -> str:
    """The words of ``html`` (tags dropped, spaces joined)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize(("copies", "words"), [(2, "1 more passage in"), (3, "2 more passages in")])
def test_a_popup_counts_the_passages_it_leaves_out(atlas, copies, words):
    place = next(iter(atlas.places.values()))
    quotes = [place.quotes[0]] * copies
    assert words in visible_text(render.card(atlas, place, quotes, place.risks, limit=1))


def test_no_passage_s_in_brackets():
    """What the reader sees counts passages in words ("1 passage", "3 passages")."""
    for path in [*TEMPLATE_DIR.rglob("*.html"), *ROOT.glob("escape_routes/ui/*.py")]:
        assert "passage(s)" not in path.read_text(encoding="utf-8"), path


def test_a_note_is_no_disagreement(atlas):
    """A note on a passage (a commenter correcting his own typo) shows as "Note:", never under
    "Contested", in the panel, on Sources and on the projector."""
    quote = next(iter(atlas.quotes.values())).model_copy(
        update={"contested": None, "note": "The commenter corrects 'had' to 'hand'."}
    )
    for compact in (False, True):
        text = visible_text(render.quote_block(atlas, quote, about=True, compact=compact))
        assert "Note: The commenter corrects" in text
        assert "ontested" not in text


def test_a_link_whose_filter_hides_its_selection_says_so(atlas):
    """``?sel=place&risks=risk`` where that risk hides the place: the panel names the place and
    says the filters hide it, instead of dropping the selection silently."""
    risk, place = next(
        (r, p)
        for r in atlas.risks
        for p in atlas.places
        if p not in apply(atlas, Filter(risks=frozenset({r}))).places
    )
    at = app()
    at.query_params.update({"sel": place, "risks": risk})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    said = " ".join(w.value for w in at.warning).replace("\\", "")
    assert f"“{atlas.places[place].name}” is selected, but the map's filters hide it" in said
    assert at.session_state[K.SELECTED] == place
    assert at.query_params["sel"] == place
