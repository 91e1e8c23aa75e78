"""The map: offline assets only, every content string escaped, layers follow the filter."""

from __future__ import annotations

import re

import pytest

from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import apply
from escape_routes.html.render import esc
from escape_routes.map import folium_map, legend
from escape_routes.outputs import handout, mapfile
from tests.hostile import PAYLOADS, hostile_atlas

# Markup from a payload that survived unescaped, as HTML or inside a JSON/JS string that
# could later be given to innerHTML. Escaped text ("&lt;img ...") is inert and allowed.
DANGEROUS = re.compile(
    r"(<|\\u003c)(script>alert|img src=x|svg/onload|svg>|iframe|style>body|a href=|b>bold|"
    r"math>|div style=)|`;alert|\$\{alert",
    re.IGNORECASE,
)


def render(atlas) -> str:
    m = folium_map.full_map(atlas, apply(atlas, Filter()))
    return m.get_root().render()


def test_map_draws_every_route_and_place(atlas):
    """Every route is its own layer; every place and segment is on the map, clickable by id."""
    html = render(atlas)
    for rid in atlas.routes:
        assert f"er-route-{rid}" in html
    for item in [*atlas.places, *atlas.segments]:
        assert f'"id": "{item}"' in html


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_hostile_strings_come_out_inert(atlas, payload):
    """A quote, name or label holding markup or script breakers is drawn as text."""
    html = render(hostile_atlas(atlas, payload))
    assert not DANGEROUS.search(html), DANGEROUS.search(html).group(0)
    assert html.count("</script>") == html.count("<script")


def test_no_asset_leaves_the_machine(atlas):
    """No script or stylesheet the map asks for comes from http(s)."""
    html = render(atlas)
    srcs = re.findall(r'<(?:script[^>]*src|link[^>]*href)="([^"]+)"', html)
    assert srcs, "the map should link the served Leaflet"
    assert not [s for s in srcs if s.startswith(("http://", "https://", "//"))]


def test_filter_changes_layers_not_base(atlas):
    """A filter changes the dynamic layers; the base map's code stays the same."""
    risk = next(iter(atlas.risks))
    all_layers = folium_map.layers(atlas, apply(atlas, Filter()))
    some_layers = folium_map.layers(atlas, apply(atlas, Filter(risks=frozenset({risk}))))
    assert len(some_layers) < len(all_layers)
    assert len(all_layers) == len(atlas.routes) + 1


def test_export_is_self_contained(atlas):
    """The standalone file inlines Leaflet and the layers and links nothing remote."""
    html = mapfile.standalone_html(atlas)
    assert "L.map(" in html and "<script src=" not in html
    assert not re.search(r'src="(https?:)?//|<link[^>]+href="(https?:)?//|url\((https?:)?//', html)
    assert all(f'"id": "{p}"' in html for p in atlas.places)


def test_handout_lists_every_step(atlas):
    """The handout has every tour step with its quotes and citations."""
    html = handout.handout(atlas)
    for n, step in enumerate(atlas.tour, start=1):
        assert f'id="step-{n}"' in html
        for q in step.quotes:
            assert esc(atlas.quotes[q].text) in html
    assert html.count('class="stepmap"') == len(atlas.tour)


def test_legend_without_routes_has_no_stray_text(atlas):
    """With no routes the legend still lists line styles and risks, and nothing else."""
    from dataclasses import replace

    html = legend.legend_html(replace(atlas, routes={}))
    assert "[]" not in html and "Used route" in html
