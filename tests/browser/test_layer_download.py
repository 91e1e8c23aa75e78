"""The map page's "Download the layers": what the map shows, in the format chosen."""

from __future__ import annotations

import json
import zipfile

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from escape_routes.explore.filters import Filter
from escape_routes.explore.visible import apply

pytestmark = pytest.mark.browser


def _download(page, fmt: str, button: str, tmp_path, name: str):
    box = page.get_by_test_id("stSelectbox").filter(has_text="Layers for other map tools")
    for _ in range(3):  # a rerun that redraws the box closes its open list: open it again
        box.get_by_role("combobox").first.click()
        try:
            page.get_by_role("option", name=fmt).click(timeout=5_000)
            break
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    expect(box.get_by_role("combobox").first).to_have_value(fmt)
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name=button).click()
    path = tmp_path / name
    info.value.save_as(path)
    return info.value.suggested_filename, path


def test_a_filtered_download_holds_what_the_map_shows(page, app_url, map_frame, atlas, tmp_path):
    """Opened on a link filtered by one risk: the GeoJSON holds exactly the segments and places
    the map shows, and names that filter; the caption says so."""
    risk = max(atlas.risks, key=lambda r: len(apply(atlas, Filter(risks=frozenset({r}))).places))
    visible = apply(atlas, Filter(risks=frozenset({risk})))
    page.goto(f"{app_url}/?risks={risk}")
    map_frame(page)
    expect(page.get_by_text("The layers hold what the map shows now")).to_contain_text(
        visible.summary(atlas)
    )
    name, path = _download(
        page, "GeoJSON: QGIS, ArcGIS, web maps", "Download the layers (as filtered)", tmp_path, "f"
    )
    assert name == "escape-routes-layers-filtered.geojson"
    data = json.loads(path.read_text("utf-8"))
    ids = {f["properties"]["id"] for f in data["features"]}
    assert ids == set(visible.segments) | set(visible.places)
    assert atlas.risks[risk].label in data["metadata"]["filter"]
    assert data["metadata"]["content_version"] != ""


def test_kml_and_csv_come_whole_without_a_filter(page, app_url, map_frame, atlas, tmp_path):
    """No filter: a KML with a folder per route, and the CSV as a zip with its README."""
    page.goto(app_url)
    map_frame(page)
    name, path = _download(
        page, "KML: Google Earth, Google My Maps", "Download the layers", tmp_path, "a.kml"
    )
    assert name == "escape-routes-layers.kml"
    text = path.read_text("utf-8")
    assert text.count("<Folder ") == len(atlas.routes) + 1
    name, path = _download(
        page, "CSV for a spreadsheet (zip, with a README)", "Download the layers", tmp_path, "c"
    )
    assert name == "escape-routes-layers.zip"
    assert sorted(zipfile.ZipFile(path).namelist()) == [
        "escape-routes-layers.README.txt",
        "escape-routes-layers.csv",
    ]
