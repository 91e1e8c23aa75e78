"""Each of the map's own controls and layers renders hostile text inert."""

from __future__ import annotations

import re

import folium
import pytest

from escape_routes.html.render import esc
from escape_routes.map.controls import (
    ArrowLayer,
    BasemapLayer,
    FeatureLayer,
    HtmlControl,
)
from tests.hostile import PAYLOADS
from tests.test_mapview import DANGEROUS


def rendered(*elements) -> str:
    """The whole page of a map holding the elements."""
    m = folium.Map(tiles=None)
    for element in elements:
        element.add_to(m)
    return m.get_root().render()


def assert_inert(html: str, payload: str = "") -> None:
    """Markup from content is escaped text, and no data breaks out of its script."""
    found = DANGEROUS.search(html)
    assert not found, found.group(0)
    assert html.count("</script>") == html.count("<script")


def assert_data_inert(html: str, payload: str) -> None:
    """A payload handed over as data (never shown as HTML) stays inside its JSON string."""
    assert html.count("</script>") == html.count("<script")
    if "<" in payload or ">" in payload:
        assert payload not in html
    if "{{7*7}}" in payload:
        assert "{{7*7}} {% raw %}" in html  # as written: not read as a template


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_html_control(payload):
    """The legend's and the note's box: escaped text stays text, braces are not a template."""
    html = rendered(HtmlControl(esc(payload), "topright", "er-note"))
    assert_inert(html)
    if "{{7*7}}" in payload:
        tail = re.sub(r"[0-9a-f]{32}", "", html.split("er-note")[-1])  # generated names
        assert "7*7" in html and "49" not in tail


def test_folium_layer_names_are_read_as_templates():
    """Why render.esc escapes braces: folium's own elements (the layer control, which lists the
    route names) are rendered twice by branca, the second time as a Jinja template."""
    m = folium.Map(tiles=None)
    folium.FeatureGroup(name="{{ 7*7 }}").add_to(m)
    folium.FeatureGroup(name=esc("{{ 7*8 }}")).add_to(m)
    folium.LayerControl().add_to(m)
    html = re.sub(r"[0-9a-f]{32}", "", m.get_root().render())  # generated names
    assert '"49"' in html and "56" not in html


@pytest.mark.parametrize("colour", ["red", "#fff", "#12345g", '#123456"; alert(1); "', PAYLOADS[0]])
def test_arrow_layer_accepts_only_a_colour(colour):
    """The arrows' colour is pasted into a style: anything but #rrggbb is refused."""
    with pytest.raises(ValueError, match="not a colour"):
        ArrowLayer([(40.0, 125.0, 30.0)], colour)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_basemap_layer(payload):
    """Inlined outlines with hostile properties and a hostile URL stay data."""
    data = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": payload},
                "geometry": {"type": "Point", "coordinates": [125.0, 40.0]},
            }
        ],
    }
    html = rendered(
        BasemapLayer("countries", {"color": payload}, 350, data=data),
        BasemapLayer("rivers", {"color": "#000"}, 360, url="/app/static/x.geojson?" + payload),
    )
    assert_data_inert(html, payload)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_feature_layer(payload):
    """Popups and tooltips are fragments escaped by render.py; ids and styles stay data."""
    feature = {
        "type": "Feature",
        "id": "x",
        "properties": {
            "popup": f"<div>{esc(payload)}</div>",
            "tip": esc(payload),
            "open": False,
            "label": True,
        },
        "geometry": {"type": "Point", "coordinates": [125.0, 40.0]},
    }
    assert_inert(rendered(FeatureLayer([feature])))
    feature["properties"] |= {"id": payload, "style": {"color": payload, "className": payload}}
    assert_data_inert(rendered(FeatureLayer([feature])), payload)
