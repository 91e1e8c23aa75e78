"""The page layout: scripts in pages/, none whose file stem equals a page's address, and a
stand-in for every address that hands a server's first request to app.py."""

from __future__ import annotations

from pathlib import Path

from escape_routes.content.paths import ROOT
from escape_routes.ui import pages

STAND_IN = "from escape_routes.ui.pages import hand_over_to_app\n\nhand_over_to_app()\n"


def test_no_page_script_stem_is_a_url_path():
    """A deep link whose path equals a page script's stem would run that script alone."""
    stems = {Path(spec.script).stem for spec in pages.ALL}
    url_paths = {spec.url_path for spec in pages.ALL}
    assert stems and not stems & url_paths, stems & url_paths


def test_every_file_in_pages_is_a_page_or_a_stand_in():
    """Every script in pages/ is a page in the navigation or the stand-in of an address, and
    every page's script and every address's stand-in exist."""
    found = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    scripts = {spec.script for spec in pages.ALL}
    stand_ins = {spec.stand_in for spec in pages.ALL if spec.stand_in}
    assert found == scripts | stand_ins
    assert len(stand_ins) == len(pages.ALL) - 1  # all but the default page
    assert len({spec.url_path for spec in pages.ALL}) == len(pages.ALL)


def test_a_stand_in_does_nothing_but_hand_over():
    """A stand-in is never a page of its own: it only hands the request to app.py."""
    for spec in pages.ALL:
        if spec.stand_in:
            text = (ROOT / spec.stand_in).read_text(encoding="utf-8")
            assert text.endswith(STAND_IN), spec.stand_in
            assert text.count("\n") <= STAND_IN.count("\n") + 4, spec.stand_in
