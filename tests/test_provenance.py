"""Which passage says which sentence, on the shipped content: markers in the evidence card, and
sentences hidden with their passages by the Kinds of source filter."""

from __future__ import annotations

import re

import pytest

from escape_routes.content.sentences import parse
from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import apply
from escape_routes.html.render import card, card_view
from tests.hostile import PAYLOADS

READER = "An anonymous reader wrote (2005) that North Korea"


def no_reader_comments(real_atlas) -> Filter:
    """The Kinds of source filter with reader comments unticked."""
    return Filter(kinds=frozenset(real_atlas.vocab.evidence_kinds()) - {"reader_comment"})


def test_every_sentence_carries_markers_to_its_own_passages(real_atlas):
    """Each sentence's markers are the numbers of exactly the passages it names, in the card."""
    for item in [*real_atlas.places.values(), *real_atlas.segments.values()]:
        view = card_view(real_atlas, item, item.quotes, item.risks)
        numbers = {q.anchor: q.number for q in view.quotes}
        assert not view.hidden
        for sentence, shown in zip(parse(item.summary), view.summary, strict=True):
            assert shown.text == sentence.text
            want = sorted(item.quotes.index(q) + 1 for q in sentence.quotes)
            assert [int(m.label) for m in shown.marks] == want, (item.id, sentence.text)
            assert all(numbers[m.anchor] == int(m.label) for m in shown.marks)


def test_markers_link_to_passages_in_the_card(real_atlas):
    """A marker is a link to an id the card gives its passage; past a popup's limit, no link
    (a popup's ids are its own: the one-file map has the full card too)."""
    place = real_atlas.places["tumen-crossing"]
    html = str(card(real_atlas, place, place.quotes, place.risks, limit=2))
    links = re.findall(r'<a class="er-mark" href="#([^"]+)"', html)
    assert links == [
        "er-pp-tumen-crossing-q-plight-border-tightened",
        "er-pp-tumen-crossing-q-ntc-tumen-air",
    ]
    assert all(f'id="{a}"' in html for a in links)
    # Past the limit the marker opens its passage in place (tap, click, Space): no link.
    assert '<label class="er-mark-tap" title="“but i suspect all of DPRK' in html
    assert re.search(r'<span class="er-mark-pop" role="note">“but i suspect all of DPRK', html)


def test_kinds_filter_hides_a_sentence_resting_only_on_reader_comments(real_atlas):
    """Unticking reader comments hides the Tumen card's reader sentence, and the card says so."""
    shown = apply(real_atlas, no_reader_comments(real_atlas)).places["tumen-crossing"]
    place = real_atlas.places["tumen-crossing"]
    view = card_view(real_atlas, place, shown.quotes, shown.risks)
    assert view.hidden == "1 sentence hidden: it rests only on reader comments."
    assert not any(s.text.startswith(READER) for s in view.summary)
    assert len(view.summary) == len(parse(place.summary)) - 1
    full = card_view(real_atlas, place, place.quotes, place.risks)
    assert any(s.text.startswith(READER) for s in full.summary) and not full.hidden


def test_hidden_sentences_are_counted(real_atlas):
    """Two sentences of one card resting only on reader comments: both hidden, counted once."""
    seg = real_atlas.segments["northeast-china-1"]
    shown = apply(real_atlas, no_reader_comments(real_atlas)).segments["northeast-china-1"]
    view = card_view(real_atlas, seg, shown.quotes, shown.risks)
    assert view.hidden == "2 sentences hidden: they rest only on reader comments."
    assert len(view.summary) == len(parse(seg.summary)) - 2


@pytest.mark.parametrize("payload", PAYLOADS[:12])
def test_hostile_sentence_and_marker_stay_text(real_atlas, payload):
    """A hostile sentence, and a hostile id in a marker, never become markup."""
    place = real_atlas.places["yanji"].model_copy(
        update={"summary": f"{payload} [@q-plight-yanji-transit] {payload} [@{payload}]"}
    )
    html = str(card(real_atlas, place, place.quotes, place.risks))
    assert "<script>" not in html and "<img" not in html and "<svg" not in html
    assert "1 sentence hidden" in html


def test_export_marks_sentences_in_its_panel_and_popups(real_atlas):
    """The one-file map: every card's sentences carry markers whose anchors are in that file."""
    from escape_routes.outputs import mapfile

    html = mapfile.standalone_html(real_atlas)
    start = html.index('id="ev-tumen-crossing"')
    panel_card = html[start : html.index("</article>", start)]
    assert panel_card.count('<a class="er-mark" href="#er-p-tumen-crossing-') == 3
    for target in re.findall(r'href="#(er-pp?-[a-z0-9-]+)"', html):
        assert f'id="{target}"' in html, target
    assert "1 sentence hidden" not in html


def test_contest_note_letters_its_passages(real_atlas):
    """A contest note's sentences carry [a], [b] markers that name each passage and who says it."""
    from escape_routes.html.render import quote_block

    html = str(quote_block(real_atlas, real_atlas.quotes["q-martyn-sold-for-sex"]))
    assert 'share his optimism (10:01 pm).<label class="er-mark-tap"' in html
    assert re.search(
        r'title="“You should read the full report[^"]*anonymous reader[^"]*">'
        r'<input type="checkbox" class="er-mark-box" aria-label="Show passage d">'
        r'<span class="er-mark">\[d\]</span><span class="er-mark-pop" role="note">'
        r"“You should read the full report",
        html,
    )
    assert "[@" not in html


def filters(real_atlas) -> list[Filter]:
    """Each risk alone, reported years early and late, happened years, each kind of source."""
    out = [Filter(risks=frozenset({r})) for r in real_atlas.risks]
    out += [Filter(period=(2005, 2005)), Filter(period=(2016, 2025))]
    out += [Filter(period=(2000, 2010), dates="happened")]
    out += [Filter(kinds=frozenset({k})) for k in real_atlas.vocab.evidence_kinds()]
    return out


def test_no_filter_leaves_a_sentence_whose_passages_it_hid(real_atlas):
    """Under the risk, year and kind filters, every sentence a card shows keeps a passage of its
    own on that card, and the hidden ones are counted."""
    for f in filters(real_atlas):
        visible = apply(real_atlas, f)
        items = [(real_atlas.places[i], s) for i, s in visible.places.items()]
        items += [(real_atlas.segments[i], s) for i, s in visible.segments.items()]
        for item, shown in items:
            view = card_view(real_atlas, item, shown.quotes, shown.risks)
            assert all(s.marks for s in view.summary), (f, item.id)
            gone = len(parse(item.summary)) - len(view.summary)
            assert (gone == 0) == (view.hidden == ""), (f, item.id, view.hidden)
            assert not gone or view.hidden.startswith(f"{gone} sentence"), (f, item.id)
