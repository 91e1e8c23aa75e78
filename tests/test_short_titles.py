"""A text's short title (sources.yaml ``short_title``): words of its title in their order,
checked by the loader's schema, and the one-line citations of the projector, the speaker view
and the tour file name the text by it."""

from __future__ import annotations

import pytest
import yaml

from escape_routes.html.citations import short_citation
from escape_routes.html.render import esc, quote_block
from escape_routes.outputs import tourfile
from escape_routes.rules.validator import load_atlas
from tests.hostile import PAYLOADS, hostile_atlas
from tests.test_mapview import DANGEROUS


def _set_first_short_title(paths, short: str | None) -> dict:
    path = paths.content / "sources.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if short is None:
        del data[0]["short_title"]
    else:
        data[0]["short_title"] = short
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data[0]


def test_a_reworded_short_title_is_named(content_copy):
    """A short title with a word its title has not is a precise problem, and the text is left
    out rather than cited under a name it does not carry."""
    src = _set_first_short_title(content_copy, "Refugees face deportation")
    atlas = load_atlas(content_copy)
    assert (
        f"content/sources.yaml: {src['id']}: short_title: 'Refugees face deportation' is not "
        f"words of the title '{src['title']}' in their order: shorten the title, do not reword it"
    ) in [str(p) for p in atlas.problems]
    assert src["id"] not in atlas.sources


def test_short_title_words_out_of_order_or_missing_are_named(content_copy):
    src = _set_first_short_title(content_copy, "deportation may face defectors")
    assert any(
        f"{src['id']}: short_title: 'deportation may face defectors' is not words" in str(p)
        for p in load_atlas(content_copy).problems
    )
    src = _set_first_short_title(content_copy, None)
    assert f"content/sources.yaml: {src['id']}: short_title: required field is missing" in [
        str(p) for p in load_atlas(content_copy).problems
    ]


def test_a_shortened_title_is_accepted(content_copy):
    """Any run of the title's words in order will do, in any case, without its punctuation."""
    _set_first_short_title(content_copy, "north korean DEFECTORS")
    assert load_atlas(content_copy).problems == ()


def test_every_short_citation_names_its_text(atlas):
    """Every quote's one-line citation (projector, speaker view, tour file) carries its text's
    short title, reader comments and excerpts included."""
    kinds = set()
    for quote in atlas.quotes.values():
        kinds.add(quote.kind)
        assert f"“{atlas.sources[quote.source].short_title}”" in short_citation(atlas, quote)
    assert {"reader_comment", "reporting"} <= kinds, kinds


def test_the_tour_files_presenter_citations_name_the_text(atlas):
    """The tour file's presenter passages (its short citations) name each passage's text."""
    html = tourfile.tour_html(atlas)
    for n, step in enumerate(atlas.tour, start=1):
        start = html.index(f'id="step-{n}"')
        short = html[html.index("t-short", start) : html.index("</section>", start)]
        for q in step.quotes:
            assert esc(atlas.sources[atlas.quotes[q].source].short_title) in short, (n, q)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_a_hostile_short_title_stays_text(atlas, payload):
    """Markup in a short title reaches the projector's citation as text."""
    bad = hostile_atlas(atlas, payload)
    for quote in bad.quotes.values():
        html = str(quote_block(bad, quote, compact=True))
        assert esc(bad.sources[quote.source].short_title) in html
        found = DANGEROUS.search(html)
        assert not found, found.group(0)
