"""Small Leaflet layers and controls of our own (folium's plugins would pull in CDNs).

- :class:`HtmlControl`: a box of HTML on the map (the legend, the schematic note);
- :class:`ArrowLayer`: arrowheads for the direction of travel;
- :class:`BasemapLayer`: country outlines and rivers, fetched from a served file or inlined;
- :class:`FeatureLayer`: places and route segments with their popups and tooltips.

Content reaches them only as HTML fragments made by :mod:`escape_routes.html.render` (text escaped
there) and as data; every value is handed to the script through ``tojson``, never pasted in.
Each renders its script once and adds it as finished text (:class:`_ScriptOnce`), because
branca would otherwise parse the rendered script again as a Jinja template.
"""

from __future__ import annotations

import re
from functools import cache

from branca.element import Element, MacroElement
from jinja2 import Template

from escape_routes.html.render import CSS
from escape_routes.html.templates import CSS_DIR


@cache
def map_css() -> str:
    """The map's own stylesheet (``html/css/map.css``), read once."""
    return (CSS_DIR / "map.css").read_text(encoding="utf-8")


class Raw(Element):
    """Finished text (HTML, CSS or script) that is rendered as it is (branca would otherwise
    parse it again as a Jinja template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


class _ScriptOnce(MacroElement):
    """A MacroElement whose script is rendered once and added as finished text.

    branca's own ``MacroElement.render`` wraps each rendered script in an ``Element``, which
    renders it *again* as a Jinja template: data holding ``{{ … }}`` would be evaluated there, and
    ``{% raw %}`` would break the whole page. Our elements hand their data over through
    ``tojson`` and never go through that second pass.
    """

    def render(self, **kwargs: object) -> None:
        """Add the script once, as text, then render the children."""
        script = self._template.module.__dict__["script"]
        self.get_root().script.add_child(Raw(script(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class HtmlControl(_ScriptOnce):
    """A Leaflet control whose content is HTML built here from escaped text (set as one string)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            if (!document.getElementById("er-style")) {
                var s = document.createElement("style");
                s.id = "er-style";
                s.textContent = {{ this.css|tojson }};
                document.head.appendChild(s);
            }
            var c = L.control({position: {{ this.position|tojson }}});
            c.onAdd = function() {
                var d = L.DomUtil.create("div", {{ this.css_class|tojson }});
                d.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(d);
                L.DomEvent.disableScrollPropagation(d);
                return d;
            };
            c.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str, position: str, css_class: str) -> None:
        super().__init__()
        self._name = "HtmlControl"
        self.html, self.position, self.css_class, self.css = (
            html,
            position,
            css_class,
            CSS + map_css(),
        )


class ArrowLayer(_ScriptOnce):
    """Arrowheads showing the direction of travel, drawn into their route's layer.

    ``arrows`` are (lat, lon, angle) triples computed in Python; the colour is a validated
    ``#rrggbb``. Nothing here comes from content text.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(group) {
            {{ this.arrows|tojson }}.forEach(function(a) {
                L.marker([a[0], a[1]], {
                    interactive: false, keyboard: false,
                    icon: L.divIcon({
                        className: "er-arrow-icon", iconSize: [16, 16], iconAnchor: [8, 8],
                        html: '<div class="er-arrow" style="color:{{ this.colour }};' +
                              'transform:rotate(' + a[2] + 'deg)">\u27a4</div>'
                    })
                }).addTo(group);
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, arrows: list[tuple[float, float, float]], colour: str) -> None:
        super().__init__()
        self._name = "ArrowLayer"
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
            raise ValueError(f"not a colour: {colour!r}")
        self.arrows, self.colour = arrows, colour


class BasemapLayer(_ScriptOnce):
    """Country outlines or rivers in their own pane below the routes, never clickable.

    In the app the GeoJSON is fetched from a served file (``url``): the map's code stays small
    and the browser caches the outlines. In the standalone export it is inlined (``data``).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(map) {
            var pane = map.createPane({{ this.pane|tojson }});
            pane.style.zIndex = {{ this.z_index|tojson }};
            pane.style.pointerEvents = "none";
            function draw(data) {
                L.geoJSON(data, {style: {{ this.style|tojson }}, interactive: false,
                                 pane: {{ this.pane|tojson }}}).addTo(map);
            }
            {%- if this.url %}
            fetch({{ this.url|tojson }}).then(function(r) { return r.json(); }).then(draw);
            {%- else %}
            draw({{ this.data|tojson }});
            {%- endif %}
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        name: str,
        style: dict,
        z_index: int,
        url: str | None = None,
        data: dict | None = None,
    ) -> None:
        super().__init__()
        self._name = "BasemapLayer"
        self.pane, self.style, self.z_index, self.url, self.data = (
            f"er-{name}",
            style,
            z_index,
            url,
            data,
        )


class FeatureLayer(_ScriptOnce):
    """GeoJSON features styled from their own ``properties.style``, with popup, tooltip and a
    highlight on hover; points are circle markers. Replaces folium.GeoJson, whose per-feature
    style maps and template re-parsing made every rerun slow.

    Feature properties: ``popup`` and ``tip`` (HTML escaped in render.py, shown as text),
    ``style`` (Leaflet path options), ``open`` (open the popup when drawn); read by
    ``ErMap.features`` (js/mapui.js, js/mapstate.js): ``kind``, ``id``, ``name``, ``rank`` and
    ``first`` of a place's label (a place with a label has no hover tooltip), ``route``,
    ``risks`` (what its own passages carry) and ``cue_at`` (where a chosen risk's cue goes),
    and ``min_px``/``arrow`` of a short route's segment.
    Places are drawn in their own pane, before the segments in the tab order.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.data|tojson }}, {
            style: function(f) { return f.properties.style; },
            pointToLayer: function(f, latlng) {
                var pane = (window.ErMap && window.ErMap.placesPane) || "overlayPane";
                return L.circleMarker(latlng, Object.assign(
                    {fill: true, fillColor: "#ffffff", fillOpacity: 0.95, pane: pane},
                    f.properties.style));
            },
            onEachFeature: function(f, layer) {
                var p = f.properties;
                layer.bindPopup(p.popup, {maxWidth: 380});
                if (p.tip && !p.name) {
                    layer.bindTooltip(p.tip, {sticky: true, direction: "right"});
                }
                if (p.open && !window.ErMap) {
                    layer.on("add", function() { layer.openPopup(); });
                }
                // The style js/mapui.js gives it (emphasised, dimmed) is kept in _erStyle.
                layer.on("mouseover", function() {
                    layer.setStyle({weight: ((layer._erStyle || p.style).weight || 2) + 3});
                });
                layer.on("mouseout", function() { layer.setStyle(layer._erStyle || p.style); });
            }
        });
        {{ this.get_name() }}.on("add", function() {
            if (window.ErMap) { window.ErMap.features(this._map, this); }
        });
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, features: list[dict]) -> None:
        super().__init__()
        self._name = "FeatureLayer"
        self.data = {"type": "FeatureCollection", "features": features}
