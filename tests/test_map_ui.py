"""What the map and the evidence say, without a browser: labels, legend, views, citations."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from escape_routes.content.derived import derived
from escape_routes.content.model import Speaker
from escape_routes.explore import sourcelist
from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import apply
from escape_routes.html import render
from escape_routes.map import folium_map, labels, legend
from tests.conftest import PROPOSAL


def test_rivers_and_countries_have_labels(atlas):
    """The Tumen, the Yalu and the Mekong are named along their lines; the countries inside
    their borders; Hong Kong and Macao (too small) get no name of their own."""
    base = labels.base_labels(atlas)
    rivers = {lab["html"] for lab in base if lab["kind"] == "river"}
    assert {"Tumen River", "Yalu River", "Mekong River"} <= rivers
    countries = {lab["html"]: lab for lab in base if lab["kind"] == "country"}
    assert {"North Korea", "South Korea", "China", "Mongolia", "Russia"} <= set(countries)
    assert "Hong Kong" not in countries and "Macao" not in countries
    lat, lon = zip(*countries["North Korea"]["anchors"], strict=True)
    assert 37.5 < min(lat) and max(lat) < 43.1 and 124 < min(lon) and max(lon) < 131


def test_place_labels_are_short_and_towns_come_first(atlas):
    """A place is labelled without its note in brackets; a named town outranks the crossing
    point beside it."""
    assert labels.place_label(atlas, atlas.places["hiding-region"]) == "Northeast China"
    assert labels.place_label(atlas, atlas.places["dandong-town"]) == "Dandong"
    assert labels.place_rank(atlas, "dandong-town") > labels.place_rank(atlas, "yalu-river-point")


def test_legend_lists_every_route_as_a_button_and_starts_open(atlas):
    """Each route is a button in the legend (a click shows it on the map); the legend is open."""
    html = legend.legend_html(atlas)
    assert html.startswith('<details class="er-legend-all" open>')
    for rid, route in atlas.routes.items():
        assert f'data-route="{rid}"' in html and render.esc(route.name) in html
    assert " open>" not in legend.legend_html(atlas, open_=False).split("\n")[0]


def test_views_and_short_routes(atlas):
    """The map knows each route's bounds and the whole region's; the river crossings, a few km
    long, keep a minimum drawn length."""
    script = folium_map.full_map(atlas, apply(atlas, Filter())).get_root().render()
    options = json.loads(re.search(r"ErMap\.setup\(\w+, (\{.*\})\);", script).group(1))
    assert set(options["routes"]) == set(atlas.routes)
    (south, west), (north, east) = options["views"]["region"]
    for place in atlas.places.values():
        assert south <= place.lat <= north and west <= place.lon <= east
    km = derived(atlas).segment_km
    short = [s for s in atlas.segments.values() if km[s.id] < folium_map.SHORT_ROUTE_KM]
    crossings = {s.id for s in short if s.means == "river_crossing"}
    assert crossings, "the Yalu crossing is a few km long"
    for seg in short:
        assert re.search(rf'"id": "{seg.id}"[^{{]*?"min_px": {folium_map.SHORT_ROUTE_PX}', script)
    long_leg = atlas.route_segments(PROPOSAL)[0].id
    assert not re.search(rf'"id": "{long_leg}"[^{{]*?"min_px"', script)


def test_undated_texts_are_cited_with_the_year_the_card_gives(atlas):
    """A quote from an undated text is cited "undated, about YEAR", the year its segments are
    reported under, never "date not stated" under a card saying "reported YEAR"."""
    sid, src = next(iter(atlas.sources.items()))
    atlas = replace(atlas, sources={**atlas.sources, sid: src.model_copy(update={"date": None})})
    for quote in atlas.quotes.values():
        src = atlas.sources[quote.source]
        cite = render.citation(atlas, quote)
        assert "date not stated" not in cite
        assert (src.date or f"undated, about {src.year}") in cite


def test_a_quote_that_opens_with_its_own_quotation_mark_gets_no_second_pair(atlas):
    """Passages that begin with a quotation mark are not wrapped in another pair."""
    own = [q for q in atlas.quotes.values() if q.text.lstrip()[:1] in "\"“'‘"]
    plain = [q for q in atlas.quotes.values() if q.text.lstrip()[:1].isalnum()]
    assert own and plain
    assert '<q class="er-q-own">' in render.quote_block(atlas, own[0])
    assert '<q class="er-q-own">' not in render.quote_block(atlas, plain[0])
    assert "q.er-q-own{quotes:none}" in render.CSS


def test_a_quote_that_quotes_someone_is_set_in_single_marks(atlas):
    """A passage holding double quotation marks gets single ones around it, never “… .””."""
    plain = [q for q in atlas.quotes.values() if q.text[:1].isalnum() and '"' not in q.text
             and not set("“”") & set(q.text)]  # fmt: skip
    assert plain
    nested = plain[0].model_copy(update={"text": "Kim tells NPR: “I was loyal to it.”"})
    assert '<q class="er-q-nested">' in render.quote_block(atlas, nested)
    assert "<q>" in render.quote_block(atlas, plain[0])
    assert 'q.er-q-nested{quotes:"\\2018" "\\2019"}' in render.CSS


def test_a_reader_comment_is_cited_with_both_dates_labelled(atlas):
    """A reader comment's citation says who (a nickname only as another commenter gives it),
    "comment of DATE" and "under a post of DATE", in full and on the projector."""
    anonymous = next(q for q in atlas.quotes.values() if q.kind == "reader_comment")
    assert anonymous.speaker is None
    role = "another commenter quotes this comment as 'Sun-Bin muses:'"
    named = anonymous.model_copy(update={"speaker": Speaker(name="Sun-Bin", role=role)})
    post = atlas.sources[named.source].date
    for quote, who in (
        (named, f"{named.speaker.name} (nicknamed reader, unverified"),
        (anonymous, "anonymous reader (unverified)"),
    ):
        for cite in (render.citation(atlas, quote), render.short_citation(atlas, quote)):
            assert cite.startswith(f"— {who}"), cite
            assert f"comment of {quote.comment_date}" in cite and f"under a post of {post}" in cite
            assert "., " not in cite and cite.count("unverified") == 1, cite


def test_reliability_is_one_click_away_in_the_panel(atlas):
    """The panel's card folds each quote's source description (reliability, date, address)."""
    place = next(iter(atlas.places.values()))
    html = render.card(atlas, place, place.quotes, place.risks, about=True, level=2)
    src = atlas.sources[atlas.quotes[place.quotes[0]].source]
    assert "<summary>About this source</summary>" in html
    assert render.esc(src.reliability) in html
    assert html.startswith('<div class="er-card"><h2>')
    assert "About this source" not in render.card(atlas, place, place.quotes, place.risks)


def test_sources_page_says_what_a_teacher_cites_not_file_names(atlas):
    """Title, outlet, date, kind and address; the supplied file's name is not shown."""
    for src in atlas.sources.values():
        html = sourcelist.source_facts(atlas, src)
        for field in ("Title", "Outlet", "Date", "Kind", "Address"):
            assert f"<dt>{field}</dt>" in html
        assert src.file not in html
        assert "not stated (not stated" not in html
