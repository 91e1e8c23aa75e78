"""Where Leaflet comes from, and how the map gets it without a network.

folium 0.20 points every map at CDNs (Leaflet, jQuery, Bootstrap, Font Awesome,
awesome-markers).  This app never loads a CDN, and loads only Leaflet: nothing on
our maps uses jQuery (folium's ``Popup``, ``GeoJson`` without ``embed`` and
``objects_to_stay_in_front`` would; we use none of them) nor Leaflet's default
marker images (our markers are circle markers and ``L.divIcon``).  Leaflet 1.9.3
(the version folium asks for) comes from the ``XStatic-Leaflet`` package and is

* copied into ``static/`` next to ``app.py`` and served by Streamlit's static
  file serving at ``/app/static/...`` (:func:`ensure_static`,
  :func:`make_offline`), or
* inlined into one self-contained HTML file (:func:`inline_html`).

Pitfall handled here: ``JSCSSMixin.add_js_link`` mutates the *class* lists,
so links are replaced per instance.
"""

from __future__ import annotations

import base64
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import folium
import xstatic.pkg.leaflet
from branca.element import CssLink, Element, JavascriptLink
from markupsafe import Markup

from escape_routes.html.templates import render

#: URL prefix of Streamlit's static file serving (``server.enableStaticServing``).
STATIC_URL = "/app/static"
#: Served URLs, relative to ``static/`` (see :func:`static_url`).
LEAFLET_JS = "leaflet/leaflet.js"
LEAFLET_CSS = "leaflet/leaflet.css"
LEAFLET_IMAGES = "leaflet/images/"

_LEAFLET_DIR = Path(xstatic.pkg.leaflet.BASE_DIR)
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
_ensured: set[Path] = set()


def static_dir() -> Path:
    """Return the ``static/`` folder beside ``app.py`` (the repository root).

    Returns
    -------
    Path
        ``<repo>/static``; Streamlit serves it only if it sits next to the main script.
    """
    return Path(__file__).resolve().parents[2] / "static"


def static_url(relpath: str, base: str = STATIC_URL) -> str:
    """Return the URL at which a file below ``static/`` is served.

    Parameters
    ----------
    relpath : str
        Path below ``static/``, e.g. :data:`LEAFLET_JS`.
    base : str
        URL prefix of static serving.

    Returns
    -------
    str
        For example ``/app/static/leaflet/leaflet.js``.
    """
    return f"{base.rstrip('/')}/{relpath}"


def _sources() -> dict[str, Path]:
    """Map each file below ``static/`` to the packaged file it is copied from (the images are
    the layer control's and the CSS's)."""
    files = {
        LEAFLET_JS: _LEAFLET_DIR / "leaflet.js",
        LEAFLET_CSS: _LEAFLET_DIR / "leaflet.css",
    }
    for image in sorted((_LEAFLET_DIR / "images").glob("*.png")):
        files[LEAFLET_IMAGES + image.name] = image
    return files


def _same(src: Path, dst: Path) -> bool:
    """Whether ``dst`` already holds the bytes of ``src``."""
    return dst.is_file() and dst.read_bytes() == src.read_bytes()


def ensure_static(static_dir: Path) -> None:
    """Copy Leaflet from its XStatic package into ``static_dir``.

    Idempotent and cheap: a file is rewritten only if missing or different
    (:func:`_copy`), and each folder is checked once per process.

    Parameters
    ----------
    static_dir : Path
        Target folder, normally :func:`static_dir`; ``leaflet/`` is created
        below it.
    """
    root = Path(static_dir).resolve()
    if root in _ensured:
        return
    for rel, src in _sources().items():
        _copy(src, root / rel)
    _ensured.add(root)


def _copy(src: Path, dst: Path) -> None:
    """Copy ``src`` to ``dst`` unless it is there already, atomically.

    Safe when two processes race: each writes a private temporary file and renames it into
    place, so a reader never sees half a file; a failed copy leaves no temporary file behind.
    """
    if _same(src, dst):
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(src.read_bytes())
        os.chmod(tmp, 0o644)
        os.replace(tmp, dst)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_external(url: str) -> bool:
    """Whether ``url`` leaves this machine (absolute or protocol-relative, not loopback).

    Parameters
    ----------
    url : str
        A script, stylesheet or image URL.

    Returns
    -------
    bool
        ``True`` for ``https://cdn...`` or ``//cdn...``; ``False`` for
        relative paths, ``data:`` URIs and loopback hosts.
    """
    parts = urlsplit(url.strip())
    if parts.scheme in ("", "http", "https") and parts.netloc:
        return (parts.hostname or "") not in _LOCAL_HOSTS
    return False


def _walk(element: Element):
    """Yield ``element`` and all its descendants."""
    yield element
    for child in list(getattr(element, "_children", {}).values()):
        yield from _walk(child)


def strip_external(element: Element) -> list[str]:
    """Drop every off-host JS/CSS link from ``element`` and its descendants.

    Lists are replaced on each instance, never mutated, so folium's class-wide
    defaults stay intact.  Call this on layers passed to streamlit-folium's
    ``feature_group_to_add`` too: they are not children of the map yet.

    Parameters
    ----------
    element : branca.element.Element
        A map, feature group or any folium element.

    Returns
    -------
    list of str
        The URLs that were removed (empty if none).
    """
    removed: list[str] = []
    for node in _walk(element):
        for attr in ("default_js", "default_css"):
            links = getattr(node, attr, None)
            if not links:
                continue
            kept = [(name, url) for name, url in links if not is_external(url)]
            removed += [url for _, url in links if is_external(url)]
            if len(kept) != len(links):
                setattr(node, attr, kept)
    return removed


def make_offline(m: folium.Map, base: str = STATIC_URL) -> folium.Map:
    """Make ``m`` load only the served Leaflet and its CSS (nothing on the map uses jQuery, and
    the map frame loads each script only after the one before: one fewer before it can draw).

    Sets ``default_js``/``default_css`` on this map instance (no jQuery, Bootstrap,
    Font Awesome or awesome-markers: use ``CircleMarker``/``DivIcon``, not
    ``folium.Icon`` or ``folium.Popup``) and strips off-host links from every
    element below it and from the figure header.  Call it after all layers are
    added; idempotent.

    Parameters
    ----------
    m : folium.Map
        The map, changed in place.
    base : str
        URL prefix of static serving.

    Returns
    -------
    folium.Map
        ``m`` itself.
    """
    m.default_js = [
        ("leaflet", static_url(LEAFLET_JS, base)),
    ]
    m.default_css = [("leaflet_css", static_url(LEAFLET_CSS, base))]
    strip_external(m.get_root())
    header = m.get_root().header
    for name, child in list(header._children.items()):
        url = getattr(child, "url", "")
        if isinstance(child, (JavascriptLink, CssLink)) and is_external(url):
            del header._children[name]
    return m


def _data_uri(path: Path) -> str:
    """Return a ``data:image/png;base64,...`` URI for a PNG file."""
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _inline_script(js: str) -> str:
    """Wrap JavaScript in a ``<script>`` element that the HTML parser cannot end early."""
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    js = js.replace("<!--", "<\\!--")
    return render("page/script.html", js=Markup(js))


def _inline_style(css: str) -> str:
    """Wrap CSS in a ``<style>`` element, images as data URIs."""
    images = _LEAFLET_DIR / "images"
    css = re.sub(
        r"url\((['\"]?)images/([\w.-]+\.png)\1\)",
        lambda mo: f"url({_data_uri(images / mo.group(2))})",
        css,
    )
    css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
    return render("page/style.html", css=Markup(css))


_SCRIPT_SRC = re.compile(
    r"<script\b[^>]*?\bsrc\s*=\s*[\"']([^\"']*)[\"'][^>]*>\s*</script\s*>",
    re.IGNORECASE,
)
_LINK_CSS = re.compile(r"<link\b[^>]*?\bhref\s*=\s*[\"']([^\"']*)[\"'][^>]*>", re.IGNORECASE)


def _is_stylesheet(mo: re.Match[str]) -> bool:
    """Whether a matched ``<link>`` tag is a stylesheet."""
    return re.search(r"\brel\s*=\s*[\"']?stylesheet", mo.group(0), re.IGNORECASE) is not None


def inline_html(m: folium.Map) -> str:
    """Render ``m`` as one self-contained HTML page that needs no server or network.

    Leaflet and its CSS (with its images as data URIs) are inlined.  ``m`` is
    made offline (:func:`make_offline`) as a side effect.  Tile layers pointing
    at a tile server are not removed: build the export map without them.

    Parameters
    ----------
    m : folium.Map
        The map to export.

    Returns
    -------
    str
        The HTML document.

    Raises
    ------
    ValueError
        If a script or stylesheet would still be loaded from another host.
    """
    make_offline(m)
    html = m.get_root().render()
    by_url = {static_url(rel): src for rel, src in _sources().items()}
    linked = [mo.group(1) for mo in _SCRIPT_SRC.finditer(html)]
    linked += [mo.group(1) for mo in _LINK_CSS.finditer(html) if _is_stylesheet(mo)]
    left = [url for url in linked if url not in by_url]
    if left:
        raise ValueError(f"scripts or stylesheets still loaded from elsewhere: {left}")

    def script(mo: re.Match[str]) -> str:
        return _inline_script(by_url[mo.group(1)].read_text(encoding="utf-8"))

    def link(mo: re.Match[str]) -> str:
        if not _is_stylesheet(mo):
            return mo.group(0)
        return _inline_style(by_url[mo.group(1)].read_text(encoding="utf-8"))

    return _LINK_CSS.sub(link, _SCRIPT_SRC.sub(script, html))


def publish_basemap(geodata: Path, static: Path) -> dict[str, str]:
    """Serve the basemap files: copy them below ``static/basemap/`` and return their URLs.

    Parameters
    ----------
    geodata : Path
        The ``geodata/`` folder in use (its ``basemap/*.geojson``).
    static : Path
        The served ``static/`` folder.

    Returns
    -------
    dict
        ``{"countries": url, "rivers": url}`` for the files that exist; each URL carries the
        file's size and modification time so that browsers never keep a stale copy.
    """
    urls: dict[str, str] = {}
    for name in ("countries", "rivers"):
        src = Path(geodata) / "basemap" / f"{name}.geojson"
        if not src.is_file():
            continue
        _copy(src, Path(static) / "basemap" / src.name)
        stat = src.stat()
        urls[name] = static_url(f"basemap/{src.name}") + f"?v={stat.st_size}-{int(stat.st_mtime)}"
    return urls
