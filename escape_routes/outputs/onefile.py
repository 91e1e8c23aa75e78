"""Building one-file pages around a folium map: our own HTML, CSS and script, added once.

The one-file map (:mod:`.mapfile`) and the tour file (:mod:`.tourfile`) are folium figures with a
page of our own around the map. Three kinds of thing go in:

- HTML rendered from our templates and CSS from our stylesheets (:mod:`escape_routes.html`),
  added as finished text (:class:`~escape_routes.map.controls.Raw`: branca would otherwise
  parse it again as a Jinja template);
- a script from ``outputs/js/`` (plain files, no templating) and one call of its function
  (:func:`add_call`), whose arguments are Leaflet objects by their generated variable names
  (:class:`Ref`) and data as HTML-safe JSON. No content text is ever written into a script.
- :func:`finish` then makes the page's language English and lets readers zoom the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import folium
from branca.element import MacroElement
from jinja2.utils import htmlsafe_json_dumps

from escape_routes.map.controls import Raw

JS_DIR = Path(__file__).resolve().parent / "js"
_IDENT = re.compile(r"^[A-Za-z_$][\w$]*$")
_VIEWPORT = re.compile(r'<meta name="viewport" content="[^"]*"\s*/?>')


@dataclass(frozen=True)
class Ref:
    """A Leaflet object in the page's script, by the variable name folium gave it."""

    name: str

    def __post_init__(self) -> None:
        if not _IDENT.fullmatch(self.name):
            raise ValueError(f"not a script variable name: {self.name!r}")


def js_value(value: object) -> str:
    """A script expression for ``value``: refs by name, everything else as HTML-safe JSON.

    Dicts and lists may hold :class:`Ref` values at any depth; dict keys are JSON strings.
    """
    if isinstance(value, Ref):
        return value.name
    if isinstance(value, dict):
        items = ", ".join(f"{htmlsafe_json_dumps(str(k))}: {js_value(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(js_value(v) for v in value) + "]"
    return str(htmlsafe_json_dumps(value))


class _Call(MacroElement):
    """A script file and one call of its function, placed after everything the map draws."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self._name = "EscapeRoutesCall"
        self.code = code

    def render(self, **kwargs: object) -> None:
        self.get_root().script.add_child(Raw(self.code), name=self.get_name())


def script_file(name: str) -> str:
    """The text of ``outputs/js/<name>.js``, checked to be safe inside ``<script>``."""
    text = (JS_DIR / f"{name}.js").read_text(encoding="utf-8")
    if re.search(r"</script|<!--", text, re.IGNORECASE):
        raise ValueError(f"{name}.js must not contain '</script' or '<!--'")
    return text


def add_call(m: folium.Map, name: str, function: str, *args: object) -> None:
    """Add ``js/<name>.js`` and ``function(*args)`` to the map's script, after the layers.

    Call it after every layer has been added to ``m``: the call runs where it stands among the
    map's children, and the layers must exist by then.
    """
    call = f"{function}({', '.join(js_value(a) for a in args)});"
    m.add_child(_Call(f"\n{script_file(name)}\n{call}\n"), name=f"er_call_{name}")


def add_head(m: folium.Map, html: str) -> None:
    """Add finished HTML (a ``<style>``, a ``<title>``) to the page's head."""
    header = m.get_root().header
    header.add_child(Raw(html), name=f"er_head_{len(header._children)}")


def add_body(m: folium.Map, html: str) -> None:
    """Add finished HTML to the page's body (before the map's own element)."""
    body = m.get_root().html
    body.add_child(Raw(html), name=f"er_body_{len(body._children)}")


def finish(html: str) -> str:
    """The rendered page in English, and zoomable (folium forbids zooming the page).

    Raises
    ------
    ValueError
        If the page does not start as branca's figures do (the language could not be set).
    """
    if "<html>" not in html[:200]:
        raise ValueError("not a branca figure: no <html> near the start")
    html = html.replace("<html>", '<html lang="en">', 1)
    return _VIEWPORT.sub(
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">', html, count=1
    )
