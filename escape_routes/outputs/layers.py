"""The routes and places with their passages as GIS layers: GeoJSON, GeoPackage, KML and CSV.

For teachers who use Google Earth, Google My Maps, ArcGIS or QGIS. A file holds what a filter
shows (everything, by default), as the map shows it: the segments of the routes shown, each its
**drawn** line (curves as drawn; the stored endpoints kept as attributes), and the places shown,
each with the passages that survive the filter, verbatim, with their citations, and the caveat
(``content/layers.yaml``). Every file says what it is: the five texts, Natural Earth and
GeoNames with their licences, the caveat, the filter, the content's version and the date.

The tables are the atlas's GeoDataFrames (:mod:`escape_routes.content.geoframes`) with the
passages joined on, written by GDAL (pyogrio): ``.geojson`` (RFC 7946, one FeatureCollection),
``.gpkg`` (layers ``segments`` and ``places``, and an ``about`` table), ``.csv`` (one row per
passage per feature, places with lon/lat, the geometry as WKT; the metadata in a README beside
it). ``.kml`` is written by :mod:`.layers_kml` (one folder per route, styled in its colour).
Content text is only ever data here: escaped where a format reads markup (KML descriptions),
and made inert where a spreadsheet would read a formula (CSV).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
from pandas.api.types import is_numeric_dtype

from escape_routes.content.derived import derived
from escape_routes.content.geoframes import CRS, frames
from escape_routes.content.model import Atlas, Segment, evidence_kind
from escape_routes.content.sentences import numbered, plain
from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import apply
from escape_routes.html.render import citation
from escape_routes.outputs.layers_kml import kml
from escape_routes.outputs.layers_meta import (
    LayerNotes,
    Layers,
    Passage,
    metadata,
    read_notes,
    readme,
)

FORMATS = {  # extension -> (what, MIME type of the download)
    ".geojson": ("GeoJSON (RFC 7946)", "application/geo+json"),
    ".gpkg": ("GeoPackage", "application/geopackage+sqlite3"),
    ".kml": ("KML (Google Earth, Google My Maps)", "application/vnd.google-earth.kml+xml"),
    ".csv": ("CSV for a spreadsheet, with a README (zip)", "application/zip"),
}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def passage(atlas: Atlas, qid: str) -> Passage:
    """A quote as plain text with its citation (the same words the app's cards use)."""
    q = atlas.quotes[qid]
    kind = atlas.vocab.evidence_kinds().get(evidence_kind(atlas, q), q.kind)
    cite = html.unescape(citation(atlas, q)).removeprefix("— ")
    return Passage(qid, q.text, kind, cite, plain(q.contested or ""))


def _block(passages: tuple[Passage, ...]) -> str:
    out = []
    for n, p in enumerate(passages, start=1):
        contested = f"\n   Contested: {p.contested}" if p.contested else ""
        out.append(f"{n}. {p.text}\n   — {p.kind}: {p.citation}{contested}")
    return "\n\n".join(out)


def _years(item_years: tuple[int, ...]) -> str:
    return "; ".join(str(y) for y in sorted(set(item_years)))


def _happened(item: object) -> tuple[str, str]:
    h = getattr(item, "happened", None)
    if h is None:
        return "", ""
    return (str(h.start) if h.start == h.end else f"{h.start}–{h.end}"), h.note or ""


def _common(atlas: Atlas, item, quotes: tuple[str, ...], risks: tuple[str, ...], caveat: str):
    happened, note = _happened(item)
    return {
        "name": item.name,
        "summary": numbered(item.summary, quotes),  # [n]: the passages' numbers
        "happened": happened,
        "happened_note": note,
        "risks": "; ".join(atlas.risks[r].label for r in risks if r in atlas.risks),
        "quote_ids": "; ".join(quotes),
        "caveat": caveat,
    }


def build(
    atlas: Atlas, notes: LayerNotes, f: Filter | None = None, made: dt.datetime | None = None
) -> Layers:
    """The tables and metadata of what ``f`` shows (everything without a filter)."""
    f = f or Filter()
    visible = apply(atlas, f)
    geo = frames(atlas)
    label = atlas.vocab.label
    passages: dict[str, tuple[Passage, ...]] = {}
    seg_rows = []
    seg_geo = geo.segments.set_index("id")
    for sid, shown in visible.segments.items():
        seg: Segment = atlas.segments[sid]
        passages[sid] = tuple(passage(atlas, q) for q in shown.quotes)
        row = seg_geo.loc[sid]
        seg_rows.append(
            {
                "feature": "segment",
                "id": sid,
                "route": seg.route,
                "route_name": atlas.routes[seg.route].name,
                "order": seg.order,
                **_common(atlas, seg, shown.quotes, shown.risks, notes.caveat),
                "status": label("statuses", seg.status),
                "means": label("means", seg.means),
                "countries": "; ".join(seg.countries),
                "reported": _years(seg.reported),
                "passages": _block(passages[sid]),
                **{k: row[k] for k in ("start_lon", "start_lat", "end_lon", "end_lat")},
                "geometry": row.geometry,
            }
        )
    place_rows = []
    place_geo = geo.places.set_index("id")
    routes_of = derived(atlas).routes_of_places
    for pid, shown in visible.places.items():
        place = atlas.places[pid]
        passages[pid] = tuple(passage(atlas, q) for q in shown.quotes)
        routes = [r for r in visible.routes if r in routes_of.get(pid, ())]
        place_rows.append(
            {
                "feature": "place",
                "id": pid,
                "route": "; ".join(routes),
                "route_name": "; ".join(atlas.routes[r].name for r in routes),
                **_common(atlas, place, shown.quotes, shown.risks, notes.caveat),
                "kind": label("place_kinds", place.kind),
                "precision": label("precisions", place.precision),
                "countries": place.country,
                "reported": _years(derived(atlas).years(shown.quotes)),
                "passages": _block(passages[pid]),
                "lon": place.lon,
                "lat": place.lat,
                "geonames_id": place.geonames_id,
                "geometry": place_geo.geometry[pid],
            }
        )
    segments = _frame(seg_rows, "order")
    places = _frame(place_rows, "geonames_id")
    meta = metadata(atlas, notes, f, visible, made or dt.datetime.now(dt.UTC))
    return Layers(atlas, visible, notes, segments, places, passages, meta)


def for_link(atlas: Atlas, content: Path, query: str) -> tuple[Layers, list[str]]:
    """The layers of what a link's query shows (``risks=detention&mode=all``), and the warnings
    about what in it was not understood; ValueError when content/layers.yaml cannot be used."""
    from urllib.parse import parse_qs

    from escape_routes.explore.links import parse

    link = parse(parse_qs(query.lstrip("?")), atlas)
    return build(atlas, read_notes(content), link.filter), link.warnings


def _frame(rows: list[dict], whole: str) -> gpd.GeoDataFrame:
    """Rows as a GeoDataFrame in EPSG:4326, the column ``whole`` as whole numbers or nulls."""
    if not rows:
        return gpd.GeoDataFrame({"feature": [], "id": [], "passages": []}, geometry=[], crs=CRS)
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)
    return frame.astype({whole: "Int64"})


def _inert(value: object) -> object:
    """A spreadsheet cell that cannot be read as a formula (OWASP's CSV injection advice)."""
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA) else value


#: The CSV's columns, in the order a spreadsheet shows them (the geometry, as WKT, last).
CSV_COLUMNS = (
    "feature", "id", "name", "route", "route_name", "order", "status", "means", "kind",
    "precision", "countries", "lon", "lat", "start_lon", "start_lat", "end_lon", "end_lat",
    "reported", "happened", "happened_note", "risks", "quote_ids", "passage_no", "quote_id",
    "passage", "source_kind", "citation", "contested", "summary", "caveat", "geonames_id", "WKT",
)  # fmt: skip


def _cell(value: object) -> object:
    """A CSV cell: empty for a missing value, never readable as a formula."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return _inert(value)


def passage_rows(layers: Layers) -> pd.DataFrame:
    """One row per passage per feature (the CSV): the feature's columns, then the passage's."""
    rows = []
    for frame in (layers.segments, layers.places):
        for feat in frame.to_dict("records"):
            for n, p in enumerate(layers.passages[feat["id"]], start=1):
                row = {
                    **feat,
                    "passage_no": n,
                    "quote_id": p.quote,
                    "passage": p.text,
                    "source_kind": p.kind,
                    "citation": p.citation,
                    "contested": p.contested,
                    "WKT": feat["geometry"].wkt,
                }
                rows.append([_cell(row.get(c)) for c in CSV_COLUMNS])
    return pd.DataFrame(rows, columns=list(CSV_COLUMNS), dtype=object)


def write(layers: Layers, path: Path) -> list[Path]:
    """Write the file the extension names (and, for CSV, its README); the paths written."""
    import pyogrio

    ext = path.suffix.lower()
    if ext not in FORMATS:
        raise ValueError(f"{path.name}: unknown format; use one of {', '.join(FORMATS)}")
    path.unlink(missing_ok=True)
    if ext == ".kml":
        path.write_bytes(kml(layers))
        return [path]
    if ext == ".csv":
        # UTF-8 with a byte-order mark, so that a spreadsheet reads the passages' characters.
        passage_rows(layers).to_csv(path, index=False, encoding="utf-8-sig")
        notes = path.with_suffix(".README.txt")
        notes.write_text(readme(layers.meta), "utf-8")
        return [path, notes]
    if ext == ".geojson":
        both = gpd.GeoDataFrame(
            pd.concat([layers.segments, layers.places], ignore_index=True), crs=CRS
        )
        text = [c for c in both.columns if c != "geometry" and not is_numeric_dtype(both[c])]
        both[text] = both[text].astype(object).where(both[text].notna(), None)
        collection = json.dumps({"metadata": layers.meta}, ensure_ascii=False)
        options = {"RFC7946": "YES", "FOREIGN_MEMBERS_COLLECTION": collection}
        pyogrio.write_dataframe(both, path, driver="GeoJSON", layer_options=options)
        return [path]
    about = pd.DataFrame({"item": list(layers.meta), "text": list(layers.meta.values())})
    version = {"VERSION": "1.2"}  # GeoPackage 1.2: read by every QGIS and ArcGIS in use
    for name, frame in (("segments", layers.segments), ("places", layers.places)):
        pyogrio.write_dataframe(
            frame, path, driver="GPKG", layer=name, append=name == "places",
            dataset_metadata=layers.meta if name == "segments" else None,
            dataset_options=version if name == "segments" else None,
            layer_options={"IDENTIFIER": f"{layers.notes.title}: {name}",
                           "DESCRIPTION": f"{layers.notes.caveat} {layers.notes.about}"},
        )  # fmt: skip
    pyogrio.write_dataframe(about, path, driver="GPKG", layer="about", append=True)
    return [path]


def download(layers: Layers, ext: str, name: str = "escape-routes-layers") -> bytes:
    """The bytes of one format's download (CSV: a zip of the CSV and its README)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        written = write(layers, Path(tmp) / f"{name}{ext}")
        if ext != ".csv":
            return written[0].read_bytes()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for p in written:
                z.write(p, p.name)
        return buf.getvalue()
