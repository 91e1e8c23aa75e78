"""The map's behaviour in the browser: labels, views, keyboard, popups (``js/mapui.js``).

:class:`MapUi` adds the script once to a map's code, with its options as data (``tojson``);
no content text is pasted into the script. What the script does is described at the top of
``js/mapui.js``; the labels it places come from :mod:`escape_routes.map.labels`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Template

from escape_routes.map.controls import _ScriptOnce

JS_FILE = Path(__file__).with_name("js") / "mapui.js"


@cache
def library() -> str:
    """The script's text (read once)."""
    return JS_FILE.read_text(encoding="utf-8")


class MapUi(_ScriptOnce):
    """Labels, view buttons, legend links, keyboard access and popups for one map.

    Add it after the legend (its route buttons are wired up here) and before any layer.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        window.ErMap.setup({{ this._parent.get_name() }}, {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, options: dict) -> None:
        super().__init__()
        self._name = "MapUi"
        self.library = library()
        self.options = options
