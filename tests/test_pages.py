"""The page layout: scripts in pages/, none whose file stem equals a page's address."""

from __future__ import annotations

from pathlib import Path

from escape_routes.content.paths import ROOT
from escape_routes.ui import pages


def test_no_page_file_stem_is_a_url_path():
    """A deep link whose path equals a pages/ script's stem would run that script alone."""
    stems = {Path(p).stem for p in (ROOT / "pages").glob("*.py")}
    url_paths = {spec.url_path for spec in pages.ALL}
    assert stems and not stems & url_paths, stems & url_paths


def test_every_page_script_is_a_page_and_exists():
    """Every script in pages/ is in the navigation, and every page's script exists."""
    scripts = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert scripts == {spec.script for spec in pages.ALL}
    assert len({spec.url_path for spec in pages.ALL}) == len(pages.ALL)
