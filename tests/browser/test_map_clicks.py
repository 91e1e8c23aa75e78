"""Short and dashed legs are easy to hit (issue 18, 5): a wide invisible line takes the clicks near
each segment; a click finds the nearest item (a short leg wins a click on itself), and where
several lie equally near a small chooser lists them. Real mouse clicks, in Chromium: in the app,
and (the same script, without a server's rerun after every click) in the one-file map."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from escape_routes.outputs import mapfile
from tests.browser.screen import frame_box, labels_settled
from tests.browser.waits import map_still

pytestmark = pytest.mark.browser

# The page point at a fraction of a drawn path's length.
POINT_ALONG = """(e, t) => { const p = e.getPointAtLength(e.getTotalLength() * t);
    const m = e.getScreenCTM(); return [p.x * m.a + m.e, p.y * m.d + m.f]; }"""


@pytest.fixture(scope="module")
def export_file(atlas, tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "escape-routes.html"
    out.write_text(mapfile.standalone_html(atlas), encoding="utf-8")
    return out


def click_along(page, frame, selector: str, t: float) -> None:
    """A mouse click at a fraction of a path's length (``frame``: the app's map frame, or the
    page itself for the one-file map)."""
    x, y = frame.locator(selector).first.evaluate(POINT_ALONG, t)
    fx, fy = frame_box(page)[:2] if frame is not page else (0.0, 0.0)
    page.mouse.click(fx + x, fy + y)


# The Leaflet map of the app's frame (window.map) or of the one-file map (a global map_...).
LEAFLET_MAP = (
    "(window.map || window[Object.keys(window).find(k => /^map_/.test(k) "
    "&& window[k] instanceof L.Map)])"
)


def close_popups(page) -> None:
    # A statement, not an expression: closePopup() returns the map, and an evaluate() returning
    # it would serialise the whole Leaflet map back to Python (seconds per call).
    page.evaluate(f"() => {{ {LEAFLET_MAP}.closePopup(); }}")
    expect(page.locator(".leaflet-popup")).to_have_count(0)


def test_a_click_in_the_middle_of_the_tumen_stub_opens_the_tumen_leg(
    page, app_url, map_frame, atlas, assert_clean
):
    """The Tumen crossing is a few km long, drawn as a short stub where other routes cross: a
    click at its middle opens its own leg, and the app selects it."""
    leg = atlas.route_segments("tumen-crossing")[0]
    page.goto(app_url)
    frame = map_frame(page)
    labels_settled(page, frame)
    click_along(page, frame, "path.er-route-tumen-crossing", 0.5)
    expect(frame.locator(".leaflet-popup-content")).to_contain_text(leg.name, timeout=5_000)
    expect(page).to_have_url(f"{app_url}/?sel={leg.id}", timeout=15_000)
    assert_clean(page)


def test_every_click_on_a_dashed_line_finds_it(page, export_file, atlas, assert_clean):
    """Nine clicks spread along the dashed forced-return line each open its leg: none falls in
    a gap between dashes."""
    leg = atlas.route_segments("forced-repatriation")[0]
    page.goto(export_file.as_uri())
    path = page.locator(f"path.er-id-{leg.id}")
    expect(path).to_be_attached()
    map_still(page)  # the first view is fitted, its labels placed
    for i in range(1, 10):
        click_along(page, page, f"path.er-id-{leg.id}", i / 10)
        expect(page.locator(".leaflet-popup-content").first).to_contain_text(leg.name)
        close_popups(page)
    assert_clean(page)


# Where two long lines (no short stubs) run within a pixel of each other, away from any place.
OVERLAP = f"""() => {{
  const map = {LEAFLET_MAP};
  const st = map._er, segs = Object.values(st.segments);
  const at = map.getContainer().getBoundingClientRect();
  const pts = l => l.getLatLngs().map(ll => map.latLngToContainerPoint(ll));
  const size = map.getSize(), places = Object.values(st.places).map(p =>
    map.latLngToContainerPoint(p.latlng));
  for (const a of segs) {{
    if (a.feature.properties.min_px) continue;
    const pa = pts(a);
    for (let i = 0; i + 1 < pa.length; i++) for (let k = 1; k < 4; k++) {{
      const q = pa[i].add(pa[i + 1].subtract(pa[i]).multiplyBy(k / 4));
      if (q.x < 320 || q.y < 80 || q.x > size.x - 40 || q.y > size.y - 40) continue;
      if (places.some(p => p.distanceTo(q) < 20)) continue;
      for (const b of segs) {{
        if (b === a || b.feature.properties.min_px
            || b.feature.properties.route === a.feature.properties.route) continue;
        const pb = pts(b);
        for (let j = 0; j + 1 < pb.length; j++) {{
          if (L.LineUtil.pointToSegmentDistance(q, pb[j], pb[j + 1]) < 1)
            return [at.left + q.x, at.top + q.y, a.feature.properties.id, b.feature.properties.id];
        }}
      }}
    }}
  }}
  return null;
}}"""


def test_where_two_lines_overlap_a_chooser_lists_both(page, export_file, atlas, assert_clean):
    """A click where two routes' lines lie on top of each other asks which one is meant; the
    one chosen opens."""
    page.goto(export_file.as_uri())
    page.locator("path.er-place").first.wait_for()
    map_still(page)  # the first view is fitted, its labels placed
    container = page.locator(".leaflet-container")
    found = container.evaluate(OVERLAP)
    assert found, "no two routes overlap in the first view"
    x, y, first, second = found
    page.mouse.click(x, y)
    chooser = page.locator(".er-chooser")
    expect(chooser).to_contain_text("items here")
    for sid in (first, second):
        expect(chooser).to_contain_text(atlas.segments[sid].name)
    chooser.get_by_role("button", name=atlas.segments[second].name).click()
    expect(page.locator(".leaflet-popup-content h2")).to_have_text(atlas.segments[second].name)
    assert_clean(page)
