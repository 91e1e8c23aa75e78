"""Shared fixtures: a writable copy of the content, loaded through the real loader.

The supplied source texts are found as the app finds them (``escape_routes.content.paths``); on a
clone with nothing beside it there are none, and only the tests that need them skip (in CI,
where they must be present, those tests fail instead).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from escape_routes.content.model import Atlas
from escape_routes.content.paths import ROOT, Paths, find_sources, in_ci
from escape_routes.rules.validator import load_atlas
from escape_routes.rules.verbatim import skipped_note

SOURCES, LOOKED = find_sources()


def repo_paths() -> Paths:
    """The repository's content, with the supplied texts wherever they were found."""
    return Paths(ROOT / "content", ROOT / "geodata", SOURCES, LOOKED)


def need_sources() -> Path:
    """The folder of supplied texts; skips the test without them (fails it in CI)."""
    if SOURCES is None:
        reason = skipped_note(repo_paths())
        if in_ci():
            pytest.fail(f"{reason} (required in CI)")
        pytest.skip(reason)
    return SOURCES


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    """The real content (read once per test session)."""
    return load_atlas(repo_paths())


@pytest.fixture
def sources_dir() -> Path:
    """The supplied texts (the test skips without them, outside CI)."""
    return need_sources()


@pytest.fixture
def content_copy(tmp_path: Path) -> Paths:
    """A copy of content/ and geodata/ that a test may break."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "geodata", tmp_path / "geodata")
    return Paths(tmp_path / "content", tmp_path / "geodata", SOURCES, LOOKED)
