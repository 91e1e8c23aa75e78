"""Streamlit's icon font cut down to the icons Streamlit and this app draw (``make serve``).

Streamlit 1.67's frontend asks for its whole icon font (``MaterialSymbols-Rounded.*.woff2``,
375 kB, about 4,000 icons) on every first visit, whatever the page shows: ``index.js`` calls
``document.fonts.load`` on it at start-up, and there is no setting to turn that off. Streamlit's
own controls use 76 of those icons (the sidebar's collapse button, the expanders' chevron, ...)
and this app's navigation five. :func:`build` writes a font of just those, under the same
name, about 9 kB: HAProxy answers the font's address with it (``deploy/serve.py``), so every
icon looks as before.

The icons kept are every ``:material/NAME:`` written in Streamlit's frontend bundles and in
this repository's Python files; each is a ligature (the text ``NAME`` drawn as one glyph) of the
font, and the cut-down font keeps those ligatures and the letters they are made of.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import streamlit
from fontTools import subset
from fontTools.ttLib import TTFont

REPO = Path(__file__).resolve().parents[1]
STATIC = Path(streamlit.__file__).parent / "static"
ICON = re.compile(r":material/([a-z0-9_]+):")


def source() -> Path | None:
    """Streamlit's icon font, or None if this Streamlit has none by the expected name."""
    found = sorted((STATIC / "static" / "media").glob("MaterialSymbols-Rounded.*.woff2"))
    return found[0] if len(found) == 1 else None


def url_path(font: Path) -> str:
    """The address Streamlit serves ``font`` at."""
    return "/" + font.relative_to(STATIC).as_posix()


def icon_names() -> list[str]:
    """Every icon Streamlit's frontend and this app name."""
    files = [*(STATIC / "static" / "js").glob("*.js"), *REPO.glob("*.py")]
    files += [*REPO.glob("pages/*.py"), *REPO.glob("escape_routes/**/*.py")]
    return sorted({m for f in files for m in ICON.findall(f.read_text(encoding="utf-8"))})


def _ligature_subtables(font: TTFont) -> list:
    out = []
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for sub in lookup.SubTable:
            sub = getattr(sub, "ExtSubTable", sub)  # an extension lookup wraps its subtable
            if hasattr(sub, "ligatures"):
                out.append(sub)
    return out


def build(font_path: Path, names: list[str]) -> tuple[bytes, list[str]]:
    """The font at ``font_path`` with only the ligatures of ``names`` (and their letters), as
    WOFF2; and the names it has no ligature for."""
    font = TTFont(font_path)
    cmap = font.getBestCmap()
    tables = _ligature_subtables(font)
    by_letters = {
        (first, *lig.Component): lig.LigGlyph
        for table in tables
        for first, ligs in table.ligatures.items()
        for lig in ligs
    }
    keep, missing = set(), []
    for name in names:
        glyph = by_letters.get(tuple(cmap.get(ord(c)) for c in name))
        if glyph:
            keep.add(glyph)
        else:
            missing.append(name)
    for table in tables:  # the subsetter keeps every ligature whose letters it keeps: drop them
        kept = {f: [g for g in ligs if g.LigGlyph in keep] for f, ligs in table.ligatures.items()}
        table.ligatures = {f: ligs for f, ligs in kept.items() if ligs}
    opts = subset.Options()
    opts.flavor = "woff2"
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]  # the licence and the names stay
    opts.notdef_outline = True
    cutter = subset.Subsetter(opts)
    cutter.populate(text="".join(sorted({c for n in names for c in n})), glyphs=sorted(keep))
    cutter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue(), missing


def write(folder: Path) -> tuple[Path, str] | None:
    """Build the cut-down font into ``folder`` (named as Streamlit's); (its path, the address it
    replaces), or None when this Streamlit has no icon font by the expected name."""
    font = source()
    if font is None:
        return None
    data, _missing = build(font, icon_names())
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / font.name
    dest.write_bytes(data)
    return dest, url_path(font)
