"""The map's behaviour in the browser: labels, views, keyboard, popups (``js/mapui.js``); the
filter line, the emphasis of a chosen risk and clicks that find their item (``js/mapstate.js``).

:class:`MapUi` adds the scripts once to a map's code, with its options as data (``tojson``);
no content text is pasted into them. What they do is described at the top of each file; the
labels they place come from :mod:`escape_routes.map.labels`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Template

from escape_routes.map.controls import _ScriptOnce

JS_FILES = [Path(__file__).with_name("js") / name for name in ("mapui.js", "mapstate.js")]


@cache
def library() -> str:
    """The scripts' text (read once)."""
    return "\n".join(path.read_text(encoding="utf-8") for path in JS_FILES)


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
