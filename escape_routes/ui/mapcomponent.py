"""The map on a page: its code built once per process for each view, then shared by every session.

``streamlit_folium.st_folium`` builds and renders the folium objects on every rerun of every
session (a third of a session's server CPU under load: bench/RESULTS.md). :func:`st_map` hands
the same component the same arguments ``st_folium`` 0.27.4 would, but renders them only when a
view (content version + what the page asks for) is first seen in this process, and reuses them
after: the browser sees no difference, and a rerun that changes nothing sends the same element,
which Streamlit then sends only as a reference to the copy the browser holds.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

import folium
import streamlit as st
import streamlit_folium as sf

from escape_routes.ui import frame

Build = Callable[[], tuple[folium.Map, list[folium.FeatureGroup], folium.LayerControl | None]]


def component_args(
    base: folium.Map,
    groups: list[folium.FeatureGroup],
    control: folium.LayerControl | None,
    key: str,
    returned_objects: Iterable[str],
) -> dict[str, Any]:
    """The arguments ``st_folium(base, key, feature_group_to_add=groups, layer_control=control,
    returned_objects=...)`` gives the component, as it computes them (streamlit-folium 0.27.4,
    pinned), for maps that return clicks only."""
    base.get_root().render()
    base.render()
    html, header = sf._get_html(base), sf._get_header(base)
    script = sf._get_map_string(base)
    returned = list(returned_objects)
    if not set(returned) <= {"last_active_drawing", "last_object_clicked"}:
        raise ValueError(f"only clicks are returned here, not {returned}")
    features = "".join(
        sf._get_feature_group_string(g, map=base, idx=i) for i, g in enumerate(groups)
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
        "key": sf.generate_js_hash(script, key, False),
        "returned_objects": returned,
        "default": dict.fromkeys(returned),  # nothing clicked yet
        "feature_group": features,
        "return_on_hover": False,
        "layer_control": sf._get_layer_control_string(control, base) if control else None,
        "pixelated": False,
        "css_links": list(dict.fromkeys(links["default_css"])),
        "js_links": list(dict.fromkeys(links["default_js"])),
        "wrap_longitude": False,
    }


@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_args(
    content: str, view: Hashable, key: str, returned: tuple[str, ...], _build: Build
) -> dict[str, Any]:
    return component_args(*_build(), key, returned)


def st_map(
    build: Build,
    view: Hashable,
    key: str,
    height: int,
    returned_objects: Iterable[str] = (),
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    on_change: Callable[[dict], None] | None = None,
) -> dict | None:
    """Draw the map that ``build()`` makes, full width; what it returns is ``st_folium``'s.

    ``view`` names everything ``build`` depends on besides the content (filter, selection,
    initial view, ...): maps of the same content and view are built once per process.
    ``center`` and ``zoom`` move the drawn map without rebuilding it. ``on_change`` is called
    with what the map returns when that changes (a click), before the rerun it causes.
    """
    content = frame.atlas().fingerprint  # the content's version (escape_routes.content.compiled)
    args = dict(_cached_args(content, view, key, tuple(returned_objects), build))
    hash_key = args.pop("key")

    def changed() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})
        if on_change:
            on_change(st.session_state[key])

    return sf._component_func(
        **args, key=hash_key, height=height, width=None, zoom=zoom, center=center,
        on_change=changed,
    )  # fmt: skip
