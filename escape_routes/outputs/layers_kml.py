"""The layers as KML, for Google Earth and Google My Maps: one folder per route, in its colour.

In Google Earth a teacher sees the document (its description says what the file is: the
caveat, the five texts, the credits and licences, the filter, the version and date), one folder
per route named as the map names it, each segment a line in the route's colour named after the
leg, and a folder of places. Clicking a line or a place opens its balloon: the route, status and
means, its summary, when it happened and was reported, its risks, then every passage verbatim
with its kind, its citation and any contest note, and the caveat. The same fields are in each
placemark's ExtendedData (My Maps' table shows them).

Written with ElementTree rather than GDAL's LIBKML driver, which nests a Document per layer and
repeats a style in every placemark: here each route has one shared style. A description is
HTML, which Google Earth renders: it is a template (``html/templates/layers/``) rendered by the
one Environment, which escapes every content text, and ElementTree then escapes the whole as XML
text, so a passage holding ``<script>`` shows as those characters. Names and ExtendedData are
plain text (escaped as XML).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from escape_routes.content.sentences import plain
from escape_routes.html.templates import render

if TYPE_CHECKING:
    from escape_routes.outputs.layers_meta import Layers, Passage

KML = "http://www.opengis.net/kml/2.2"
LINE_WIDTH = 4
ET.register_namespace("", KML)
#: Columns shown in a balloon (and kept as ExtendedData), with their labels.
FIELDS = {
    "route_name": "Route",
    "status": "Status",
    "means": "Means of travel",
    "kind": "Kind of place",
    "precision": "Location",
    "countries": "Countries",
    "happened": "Happened",
    "happened_note": "How that year is known",
    "reported": "Reported (years of the texts)",
    "risks": "Risks",
}
EXTENDED = ("id", "route", *FIELDS, "quote_ids", "caveat")


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{KML}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def kml_colour(hex_rgb: str, alpha: str = "ff") -> str:
    """``#rrggbb`` as KML writes a colour: alpha, blue, green, red."""
    r, g, b = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"{alpha}{b}{g}{r}".lower()


def _balloon(row: Mapping[str, Any], passages: tuple[Passage, ...]) -> str:
    facts = [
        (label, str(row[key])) for key, label in FIELDS.items() if row.get(key) not in (None, "")
    ]
    return str(
        render(
            "layers/balloon.html",
            summary=row["summary"],
            facts=facts,
            passages=passages,
            caveat=row["caveat"],
        )
    )


def _placemark(
    folder: ET.Element, row: Mapping[str, Any], passages: tuple[Passage, ...], style: str
) -> None:
    mark = _el(folder, "Placemark", id=str(row["id"]))
    _el(mark, "name", str(row["name"]))
    _el(mark, "description", _balloon(row, passages))
    _el(mark, "styleUrl", f"#{style}")
    data = _el(mark, "ExtendedData")
    for key in EXTENDED:
        if row.get(key) not in (None, ""):
            _el(_el(data, "Data", name=key), "value", str(row[key]))
    geom = row["geometry"]
    if geom.geom_type == "Point":
        _el(_el(mark, "Point"), "coordinates", f"{geom.x},{geom.y}")
    else:
        line = _el(mark, "LineString")
        _el(line, "tessellate", "1")
        _el(line, "coordinates", " ".join(f"{x},{y}" for x, y in geom.coords))


def _document_html(meta: Mapping[str, str]) -> str:
    items = [
        (key.replace("_", " ").capitalize(), value.splitlines())
        for key, value in meta.items()
        if key != "title"
    ]
    return str(render("layers/document.html", items=items))


def kml(layers: Layers) -> bytes:
    """The layers as one KML document (UTF-8)."""
    atlas, visible = layers.atlas, layers.visible
    root = ET.Element(f"{{{KML}}}kml")
    doc = _el(root, "Document")
    _el(doc, "name", layers.notes.title)
    _el(doc, "open", "1")
    _el(doc, "description", _document_html(layers.meta))
    for rid in visible.routes:
        style = _el(doc, "Style", id=f"route-{rid}")
        line = _el(style, "LineStyle")
        _el(line, "color", kml_colour(atlas.routes[rid].colour))
        _el(line, "width", str(LINE_WIDTH))
    _el(_el(_el(doc, "Style", id="place"), "LabelStyle"), "scale", "0.9")
    segments = {row["id"]: row for row in layers.segments.to_dict("records")}
    for rid in visible.routes:
        route = atlas.routes[rid]
        folder = _el(doc, "Folder", id=f"folder-{rid}")
        _el(folder, "name", route.name)
        _el(
            folder,
            "description",
            str(
                render(
                    "layers/folder.html", summary=plain(route.summary), caveat=layers.notes.caveat
                )
            ),
        )
        for seg in atlas.route_segments(rid):
            if seg.id in segments:
                _placemark(folder, segments[seg.id], layers.passages[seg.id], f"route-{rid}")
    if not layers.places.empty:
        folder = _el(doc, "Folder", id="folder-places")
        _el(folder, "name", "Places")
        for row in layers.places.to_dict("records"):
            _placemark(folder, row, layers.passages[row["id"]], "place")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
