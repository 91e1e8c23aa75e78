"""Labels for the printed step maps (:mod:`.svgmap`), placed so that no two overlap.

Placed greedily, most important first: places (beside their marker, trying eight positions; a
place whose name fits nowhere gets a number, named in the key under the map), then rivers (beside
a point of the visible river), then countries (inside the country). A label is drawn only where
its box stays inside the map and clear of every marker and every label placed before it. Each
label's width is estimated and then fixed with ``textLength``, so the printed text takes exactly
the box that was checked, whatever font the printing computer has.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shapely import ops
from shapely.geometry import Point, box
from shapely.geometry.base import BaseGeometry

from escape_routes.outputs.mapframe import H, W

FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
PLACE_SIZE, RIVER_SIZE, COUNTRY_SIZE = 12.5, 11.5, 12.5
MARKER_R = 5
_EDGE = 3  # a label keeps this far from the map's edge (px)

_CHAR_W = {
    **dict.fromkeys("ijl'|", 0.23),
    **dict.fromkeys("ftI !.,:;()[]-’‘", 0.29),
    "r": 0.34,
    **dict.fromkeys("mwMW", 0.86),
    **dict.fromkeys("abcdeghknopqsuvxyz0123456789", 0.56),
}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width of a label in Arial-like type (pixels); ``textLength`` makes it exact."""
    em = sum(_CHAR_W.get(c, 0.69 if c.isupper() else 0.6) for c in text)
    return em * size * (1.07 if bold else 1.0)


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(b: Box) -> bool:
    return b[0] >= _EDGE and b[1] >= _EDGE and b[2] <= W - _EDGE and b[3] <= H - _EDGE


@dataclass
class Labels:
    """Labels placed so far, and the boxes nothing may cover."""

    taken: list[Box] = field(default_factory=list)
    placed: list[dict] = field(default_factory=list)  # text, x, y, css class, width

    def fits(self, b: Box) -> bool:
        return _inside(b) and not any(_overlaps(b, t) for t in self.taken)

    def add(self, text: str, x: float, y: float, size: float, css: str, width: float) -> None:
        """A label whose text starts at x with its baseline at y, exactly ``width`` wide."""
        self.taken.append(_text_box(x, y, width, size))
        self.placed.append({"text": text, "x": x, "y": y, "css": css, "width": width})


def _text_box(x: float, y: float, width: float, size: float) -> Box:
    """The box a label's glyphs can take (font ascent and descent, a little margin)."""
    return (x - 2, y - 0.95 * size - 1, x + width + 2, y + 0.25 * size + 1)


def place_label(labels: Labels, text: str, px: float, py: float) -> bool:
    """Put a place's name beside its marker: right, left, above, below, then the diagonals."""
    size, width = PLACE_SIZE, text_width(text, PLACE_SIZE, bold=True)
    r = MARKER_R + 3  # clear of the marker's own box (MARKER_R + 1) by a pixel or two
    mid = py + 0.35 * size  # the baseline that centres the text on the marker
    above = py - r - 1 - 0.25 * size
    below = py + r + 1 + 0.95 * size
    candidates = [
        (px + r + 2, mid),
        (px - r - 2 - width, mid),
        (px - width / 2, above),
        (px - width / 2, below),
        (px + r - 2, above),
        (px + r - 2, below),
        (px - r + 2 - width, above),
        (px - r + 2 - width, below),
    ]
    for x, y in candidates:
        if labels.fits(_text_box(x, y, width, size)):
            labels.add(text, x, y, size, "lp", width)
            return True
    return False


def river_label(labels: Labels, name: str, line: BaseGeometry) -> None:
    parts = [g for g in getattr(line, "geoms", [line]) if g.length > 0]
    if not parts or not name:
        return
    longest = max(parts, key=lambda g: g.length)
    size, width = RIVER_SIZE, text_width(name, RIVER_SIZE)
    if longest.length < width * 0.6:
        return
    for frac in (0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9):
        pt = longest.interpolate(frac, normalized=True)
        for dy in (-6.0, 6 + size * 0.8):
            x, y = pt.x - width / 2, pt.y + dy
            if labels.fits(_text_box(x, y, width, size)):
                labels.add(name, x, y, size, "lr", width)
                return


def _country_layouts(name: str) -> list[list[tuple[str, float]]]:
    """A country's name on one line, then (if it has two words or more) on two smaller ones."""
    layouts = [[(name, COUNTRY_SIZE)]]
    words = name.split()
    if len(words) > 1:
        k = min(
            range(1, len(words)),
            key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))),
        )
        small = COUNTRY_SIZE - 1.5
        layouts.append([(" ".join(words[:k]), small), (" ".join(words[k:]), small)])
    return layouts


def country_label(
    labels: Labels, name: str, area: BaseGeometry, lines: BaseGeometry, whole: bool
) -> None:
    """Name a country inside its own shape, near the middle of what is in view, clear of the
    routes if it can be; on two lines if one is too wide. A country wholly in view and too
    small for its name (North Korea on a map of the region) is named across its borders,
    centred on it; a sliver at the map's edge is left unnamed."""
    parts = [g for g in getattr(area, "geoms", [area]) if g.area > 0]
    if not parts or not name:
        return
    main = max(parts, key=lambda g: g.area)
    x0, y0, x1, y1 = main.bounds
    start = ops.polylabel(main, tolerance=2) if main.geom_type == "Polygon" else main.centroid
    grid = [
        (x0 + (x1 - x0) * i / 8, y0 + (y1 - y0) * j / 6) for i in range(1, 8) for j in range(1, 6)
    ]
    grid.sort(key=lambda p: (p[0] - start.x) ** 2 + (p[1] - start.y) ** 2)
    inner = main.buffer(-2)
    passes = [(inside, avoid) for inside in (True, False) for avoid in (True, False)]
    for inside, avoid_lines in passes if whole else passes[:2]:
        for layout in _country_layouts(name):
            step = 1.25 * layout[0][1] + 2.5  # line spacing: two lines' boxes never touch
            for cx, cy in [(start.x, start.y), *grid]:
                placed = []
                for i, (text, size) in enumerate(layout):
                    width = text_width(text, size)
                    y = cy + (i - (len(layout) - 1) / 2) * step + 0.35 * size
                    placed.append((text, cx - width / 2, y, size, width))
                shapes = [box(*_text_box(x, y, w, size)) for _, x, y, size, w in placed]
                if not all(labels.fits(b.bounds) for b in shapes):
                    continue
                if inside and not all(inner.contains(b) for b in shapes):
                    continue
                if not inside and not main.contains(Point(cx, cy)):
                    continue
                if avoid_lines and any(lines.intersects(b) for b in shapes):
                    continue
                for text, x, y, size, width in placed:
                    labels.add(text, x, y, size, "lc", width)
                return
