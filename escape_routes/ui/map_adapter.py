"""The one module that knows streamlit-folium's internals: a map on a page, built once per spec.

``streamlit_folium.st_folium`` renders the folium objects on every rerun of every session (a
third of a session's server CPU under load: bench/RESULTS.md). :func:`st_map` hands its
component the arguments ``st_folium`` would (:func:`component_args`, checked against
``st_folium`` itself in tests/test_map_adapter.py), rendered once per
:class:`~escape_routes.map.spec.MapSpec` in this process and reused after: the browser sees no
difference, and a rerun that changes nothing sends the same element, which Streamlit then sends
only as a reference to the copy the browser holds.

What this module relies on, all of streamlit-folium |PINNED|:

- its private helpers ``_get_html``, ``_get_header``, ``_get_map_string``,
  ``_get_feature_group_string``, ``_get_layer_control_string``, and ``_component_func``, the
  declared component;
- its frontend: a click on a layer that bubbles through a layer group reports that layer's
  ``toGeoJSON()`` as ``last_active_drawing`` (read by :meth:`MapEvent.from_return`; js/mapui.js
  reports the map's own buttons, such as "Show everything", the same way), and a changed
  ``feature_group`` argument swaps the layers without reloading the map.

And one thing of Streamlit's: a v1 component call asks ``is_dataframe_like`` of each argument
that is not a scalar, and that function imports pandas to answer, even for a plain list or dict
(our links and the click default). :func:`_plain_json_first` answers those itself, as Streamlit
would: a server process that shows only maps never imports pandas (about 44 MB; issue 19).

Importing this module with another version installed raises at once, naming the pinned one.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any

import folium
import streamlit as st
import streamlit_folium as sf
from streamlit.components.v1 import custom_component

from escape_routes.content.model import Atlas
from escape_routes.map.build import MapParts, build_map
from escape_routes.map.spec import MapSpec

PINNED = "0.27.4"  # requirements.txt pins the same version (tests/test_map_adapter.py checks)
CLICKS = ("last_active_drawing",)  # what a map that reports clicks returns
CACHE_SIZE = 64


def check_version(found: str) -> None:
    """Refuse any streamlit-folium but the one this module was written against."""
    if found != PINNED:
        raise ImportError(
            f"streamlit-folium {found} is installed, but escape_routes/ui/map_adapter.py "
            f"relies on the internals of streamlit-folium {PINNED} (the version "
            f"requirements.txt pins). Install {PINNED} (make run does), or check this module "
            "against the new version's source and change PINNED."
        )


check_version(metadata.version("streamlit-folium"))


def _plain_json_first(is_dataframe_like: Callable[[object], bool]) -> Callable[[object], bool]:
    """Streamlit's ``is_dataframe_like`` without importing pandas for a plain list or dict.

    Streamlit counts a list as data frame-like never, and a dict only when its values are pandas
    Series; while pandas is not imported no object is a Series, so the answer is False, exactly
    Streamlit's. Anything else, or once pandas is imported (by a page with a table or a chart),
    goes to Streamlit's own function.
    """

    def check(obj: object) -> bool:
        if type(obj) in (list, dict) and "pandas" not in sys.modules:
            return False
        return is_dataframe_like(obj)

    check.streamlit_own = is_dataframe_like  # type: ignore[attr-defined]
    return check


if not hasattr(custom_component.is_dataframe_like, "streamlit_own"):
    custom_component.is_dataframe_like = _plain_json_first(custom_component.is_dataframe_like)


@dataclass(frozen=True)
class MapEvent:
    """What a map reported: a place or segment chosen (``id``), or one of the map's own
    buttons (``action``, such as ``"show-everything"``)."""

    id: str | None = None
    action: str | None = None
    nonce: object = None  # tells two presses of the same button apart

    @classmethod
    def from_return(cls, value: dict[str, Any] | None) -> MapEvent | None:
        """Read what the component returned (the clicked GeoJSON feature), or None."""
        drawing = (value or {}).get("last_active_drawing") or {}
        props = drawing.get("properties") if isinstance(drawing, dict) else None
        if not isinstance(props, dict):
            return None
        if isinstance(props.get("action"), str):
            return cls(action=props["action"], nonce=str(props.get("nonce")))
        if isinstance(props.get("id"), str):
            return cls(id=props["id"])
        return None


def component_args(parts: MapParts, returned: tuple[str, ...] = ()) -> dict[str, Any]:
    """The arguments ``st_folium(parts.base, feature_group_to_add=list(parts.groups),
    returned_objects=returned)`` gives the component, except ``key`` (which depends on the
    widget key: :func:`_hash_key`), for maps that return clicks at most."""
    if not set(returned) <= set(CLICKS):
        raise ValueError(f"only clicks are returned here, not {list(returned)}")
    base = parts.base
    base.get_root().render()
    base.render()
    html, header = sf._get_html(base), sf._get_header(base)
    script = sf._get_map_string(base)
    features = "".join(
        sf._get_feature_group_string(g, map=base, idx=i) for i, g in enumerate(parts.groups)
    )
    links: dict[str, list[str]] = {"default_css": [], "default_js": []}

    def walk(el) -> None:
        if isinstance(el, folium.elements.JSCSSMixin):
            for attr, found in links.items():
                found += [url for _, url in getattr(el, attr, [])]
        for child in getattr(el, "_children", {}).values():
            walk(child)

    walk(base)
    return {
        "script": script,
        "header": header,
        "html": html,
        "id": sf.get_full_id(base),
        "returned_objects": list(returned),
        "default": dict.fromkeys(returned),  # nothing clicked yet
        "feature_group": features,
        "return_on_hover": False,
        "layer_control": None,
        "pixelated": False,
        "css_links": list(dict.fromkeys(links["default_css"])),
        "js_links": list(dict.fromkeys(links["default_js"])),
        "wrap_longitude": False,
    }


def _hash_key(script: str, key: str) -> str:
    """The component's key as ``st_folium`` makes it from the map's script and the widget key."""
    return sf.generate_js_hash(script, key, False)


class _Cache:
    """Component arguments by spec, the most recent :data:`CACHE_SIZE` (one process, every
    session). The spec is the whole key: it names the content by its fingerprint and holds
    everything else the map depends on (escape_routes/map/spec.py)."""

    def __init__(self) -> None:
        self._args: OrderedDict[MapSpec, dict[str, Any]] = OrderedDict()
        self._keys: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def args(self, atlas: Atlas, spec: MapSpec) -> dict[str, Any]:
        with self._lock:  # sessions arriving together wait for one build
            if spec in self._args:
                self._args.move_to_end(spec)
                return self._args[spec]
            returned = CLICKS if spec.clicks else ()
            found = self._args[spec] = component_args(build_map(atlas, spec), returned)
            while len(self._args) > CACHE_SIZE:
                self._args.popitem(last=False)
            return found

    def hash_key(self, script: str, key: str) -> str:
        marker = (str(hash(script)), key)
        with self._lock:
            if marker not in self._keys:
                if len(self._keys) > 4 * CACHE_SIZE:
                    self._keys.clear()
                self._keys[marker] = _hash_key(script, key)
            return self._keys[marker]


_CACHE = _Cache()


def st_map(
    atlas: Atlas,
    spec: MapSpec,
    key: str,
    height: int,
    center: tuple[float, float] | None = None,
    zoom: float | None = None,
    on_change: Callable[[MapEvent | None], None] | None = None,
) -> dict | None:
    """Draw the map ``spec`` describes, full width; return what the component returns.

    ``center`` and ``zoom`` move the drawn map without rebuilding it. ``on_change`` is called
    with what the map reported (:class:`MapEvent`) when that changes, before the rerun it
    causes.
    """
    args = dict(_CACHE.args(atlas, spec))
    hash_key = _CACHE.hash_key(args["script"], key)

    def changed() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})
        if on_change:
            on_change(MapEvent.from_return(st.session_state[key]))

    return sf._component_func(
        **args, key=hash_key, height=height, width=None, zoom=zoom, center=center,
        on_change=changed,
    )  # fmt: skip
