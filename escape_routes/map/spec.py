"""What a map shows, as one frozen value: :class:`MapSpec`.

Everything a map depends on besides the content is a field of the spec, and the content itself
is named by its fingerprint (:func:`fingerprint`): :func:`escape_routes.map.build.build_map` takes
an atlas and a spec and nothing else, so a map cached on the spec alone can never be another
session's map, or an older content's.
"""

from __future__ import annotations

import hashlib
import threading
import weakref
from dataclasses import dataclass, field

from escape_routes.content.model import Atlas
from escape_routes.explore.filters import Filter

LABEL_PX = 15  # place and river names, CSS pixels (country names are a little larger)

_FINGERPRINTS: dict[int, tuple[weakref.ref, str]] = {}
_LOCK = threading.Lock()


def fingerprint(atlas: Atlas) -> str:
    """A digest of everything in ``atlas`` (records, basemap, problems), worked out once per
    atlas object: two atlases with the same fingerprint draw the same maps. A compiled atlas
    carries its content's fingerprint (:meth:`escape_routes.content.model.Atlas.stamped`)."""
    if atlas.fingerprint:
        return atlas.fingerprint
    with _LOCK:
        hit = _FINGERPRINTS.get(id(atlas))
        if hit is not None and hit[0]() is atlas:
            return hit[1]
    digest = hashlib.sha256(repr(atlas).encode()).hexdigest()[:24]
    with _LOCK:
        for key in [k for k, (ref, _) in _FINGERPRINTS.items() if ref() is None]:
            del _FINGERPRINTS[key]
        _FINGERPRINTS[id(atlas)] = (weakref.ref(atlas), digest)
    return digest


@dataclass(frozen=True)
class MapSpec:
    """One map, completely: what it shows, from where, and how it behaves.

    Two equal specs draw the same map from the same content; a spec is hashable, and it is the
    key of the map cache (``escape_routes/ui/map_adapter.py``).

    Attributes
    ----------
    content
        The content's :func:`fingerprint` (make a spec with :meth:`of`).
    filter
        What the map page's filters ask for (ignored for a tour ``step``).
    step
        A tour step (1-based): the map shows that step's routes and places, named first.
    selected
        The place or segment a link selected: its popup opens, it is ringed and named first.
    focus
        A route drawn heavier, the others faded (the routes x risks table's choice).
    center, zoom
        The first view; without them the map page's map opens on Korea and northeast China,
        fitted beside the legend (a tour map is moved to its step's view by its page).
    keyboard
        Leaflet's arrow-key panning (off on the tour, where the arrow keys change steps).
    legend_open
        Whether the legend starts open (it starts closed on a phone whatever this says).
    label_px
        Size of place and river names.
    fill
        ``(least height, gap below)``: the map's frame fills the window below it (the app).
    online_tiles
        OpenStreetMap tiles under the offline basemap (needs internet).
    basemap_urls
        ``(("countries", url), ("rivers", url))`` where the app serves the basemap; empty:
        the outlines are inlined (a one-file export).
    clicks
        The map reports clicks back to the page (the map page's evidence panel).
    style
        A finished ``<style>`` element added inside the map's frame (the tour's: popups that
        fit its map; in presenter mode, no view buttons).
    """

    content: str
    filter: Filter = field(default_factory=Filter)
    step: int | None = None
    selected: str | None = None
    focus: str | None = None
    center: tuple[float, float] | None = None
    zoom: float | None = None
    keyboard: bool = True
    legend_open: bool = True
    label_px: int = LABEL_PX
    fill: tuple[int, int] | None = None
    online_tiles: bool = False
    basemap_urls: tuple[tuple[str, str], ...] = ()
    clicks: bool = False
    style: str = ""

    def __post_init__(self) -> None:
        if (self.center is None) != (self.zoom is None):
            raise ValueError("a map's first view needs both center and zoom, or neither")
        hash(self)  # every field must be hashable: the spec is a cache key

    @classmethod
    def of(cls, atlas: Atlas, **fields: object) -> MapSpec:
        """The spec of a map of ``atlas`` (its fingerprint filled in) with ``fields``."""
        return cls(content=fingerprint(atlas), **fields)  # type: ignore[arg-type]
