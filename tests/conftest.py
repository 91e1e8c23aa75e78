"""Shared fixtures: a writable copy of the content, loaded through the real loader."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from escape_routes.content import ROOT, Atlas, Paths, load_atlas

SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    """The real content (read once per test session)."""
    return load_atlas(Paths(ROOT / "content", ROOT / "geodata", SOURCES))


@pytest.fixture
def content_copy(tmp_path: Path) -> Paths:
    """A copy of content/ and geodata/ that a test may break."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "geodata", tmp_path / "geodata")
    return Paths(tmp_path / "content", tmp_path / "geodata", SOURCES)
