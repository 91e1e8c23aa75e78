"""The one-file outputs: written by the CLI, self-contained, hostile strings inert."""

from __future__ import annotations

import re

import pytest

from escape_routes.__main__ import main
from escape_routes.content.sentences import parse, plain
from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import apply
from escape_routes.html.render import esc
from escape_routes.outputs import handout, mapfile, onefile, svgmap, tourfile
from tests.hostile import PAYLOADS, hostile_atlas
from tests.test_mapview import DANGEROUS as MAP_DANGEROUS

# The map's pattern, except that the pages have links of their own: only a payload's is a danger.
DANGEROUS = re.compile(
    MAP_DANGEROUS.pattern.replace("a href=", 'a href="?javascript'), MAP_DANGEROUS.flags
)
assert DANGEROUS.pattern != MAP_DANGEROUS.pattern

# The inlined libraries (their own markup strings are not content).
LIBRARIES = re.compile(r"<script>\s*/\*(?: @preserve\s+\* Leaflet|! jQuery).*?</script>", re.DOTALL)
REMOTE = re.compile(r'src="(https?:)?//|<link[^>]+href="(https?:)?//|url\((https?:)?//')


def outputs(atlas) -> dict[str, str]:
    return {
        "export": mapfile.standalone_html(atlas),
        "tour": tourfile.tour_html(atlas),
        "handout": handout.handout(atlas),
    }


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_hostile_strings_inert_in_every_output(atlas, payload):
    """Markup and script breakers in any text field come out as text in every one-file output."""
    for name, html in outputs(hostile_atlas(atlas, payload)).items():
        html, libraries = LIBRARIES.subn("", html)
        assert libraries == (0 if name == "handout" else 1), name  # Leaflet (no jQuery)
        found = DANGEROUS.search(html)
        assert not found, f"{name}: {found.group(0)}"
        assert html.count("</script>") == html.count("<script"), name


def test_outputs_are_english_zoomable_and_offline(atlas):
    """Each output says its language, lets the reader zoom, and loads nothing from elsewhere."""
    for name, html in outputs(atlas).items():
        assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html[:300], name
        assert "user-scalable=no" not in html, name
        assert not REMOTE.search(html), name
        assert "<script src=" not in html, name


def test_export_has_every_passage_in_its_panel(atlas):
    """Every place and segment has a card in the panel holding every one of its passages."""
    html = mapfile.standalone_html(atlas)
    for item in [*atlas.places.values(), *atlas.segments.values()]:
        start = html.index(f'id="ev-{item.id}"')
        card = html[start : html.index("</article>", start)]
        assert card.count('class="er-quote"') == len(item.quotes), item.id


def test_tour_file_has_every_step(atlas):
    """Every step is in the tour file with its title, quotes with citations, question and
    notes, and a link of its own."""
    html = tourfile.tour_html(atlas)
    for n, step in enumerate(atlas.tour, start=1):
        start = html.index(f'<section class="t-step" id="step-{n}"')
        section = html[start : html.index("</section>", start)]
        assert esc(step.title) in section and esc(plain(step.question)) in section
        assert all(esc(s.text) in section for s in parse(step.notes))
        for q in step.quotes:
            assert esc(atlas.quotes[q].text) in section
        full = section[section.index('class="t-quotes t-full"') : section.index("t-short")]
        assert full.count('class="er-cite"') == len(step.quotes)  # presenter mode: short ones
        assert f'href="#step-{n}"' in html


def test_handout_maps_name_countries_and_rivers(atlas):
    """Every step's map names at least one country; a step about a river names that river."""
    basemap = svgmap.Basemap.of(atlas)
    for step in atlas.tour:
        svg = svgmap.step_map(atlas, step, basemap).svg
        assert 'class="lc"' in svg, step.id
        for river in ("Tumen", "Yalu", "Mekong"):
            if river in step.title:
                assert 'class="lr" textLength=' in svg and f">{river} River<" in svg, step.id


def test_handout_ends_with_numbered_sources(atlas):
    """The sources are listed in order, each with title, outlet, date, kind and address, and
    every quote carries its source's number."""
    html = handout.handout(atlas)
    listed = html[html.index('id="sources"') :]
    positions = [listed.index(esc(src.title)) for src in atlas.sources.values()]
    assert positions == sorted(positions)
    assert listed.count("no address known") == sum(1 for s in atlas.sources.values() if not s.url)
    numbers = {sid: n for n, sid in enumerate(atlas.sources, 1)}
    for step in atlas.tour:
        for q in step.quotes:
            assert f"[{numbers[atlas.quotes[q].source]}]</span>" in html
    assert "counter(page)" in html


def test_risk_filter_data_agrees_with_the_app_filter(atlas):
    """The export's filter combines single-risk results (union for any, intersection for all);
    for every pair of risks that is exactly what filters.apply shows."""
    single = {r: apply(atlas, Filter(risks=frozenset({r}))) for r in atlas.risks}
    risks = list(atlas.risks)
    for i, a in enumerate(risks):
        for b in risks[i + 1 :]:
            for mode, combine in (("any", set.union), ("all", set.intersection)):
                both = apply(atlas, Filter(risks=frozenset({a, b}), mode=mode))
                routes = combine(set(single[a].routes), set(single[b].routes))
                places = combine(set(single[a].places), set(single[b].places))
                assert set(both.routes) == routes and set(both.places) == places, (a, b, mode)


@pytest.mark.parametrize("command", ["export", "tour-export", "handout"])
def test_cli_writes_the_file(fixture_app, tmp_path, command, capsys):
    """`python -m escape_routes <command> OUT.html` writes a whole HTML page."""
    out = tmp_path / "out.html"
    assert main([command, str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert f"wrote {out}" in capsys.readouterr().out


def test_script_arguments_are_names_or_safe_json():
    """Layers go into a script by their variable names only; data is JSON safe inside HTML."""
    with pytest.raises(ValueError):
        onefile.Ref("a); alert(1); (")
    value = onefile.js_value({"</script><b>": [onefile.Ref("map_1"), "<!--"]})
    assert "<" not in value and value.startswith('{"\\u003c/script')
