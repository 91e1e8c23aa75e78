"""Shared fixtures: the fixture content (``tests/fixtures/``) and the real content, each loaded
through the real loader.

Logic, rule and AppTest tests use the fixture content: two routes, five quotes, a two-step tour
and tiny source texts of its own (``tests/fixtures/README.md``), so that a teacher's edit of
``content/`` never breaks them and a load takes a fraction of a second. Facts about the shipped
content are in ``test_real_content.py``; the browser tests drive the real app on the real
content and find what they need in it (``tests/browser/conftest.py``); About's worked example is
done to a copy of the shipped content (``real_content_copy``).

The supplied source texts of the real content are found as the app finds them
(``escape_routes.content.paths``); on a clone with nothing beside it there are none, and only
the tests that need them skip (in CI, where they must be present, those tests fail instead).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from escape_routes.content.model import Atlas
from escape_routes.content.paths import (
    CONTENT_ENV,
    GEODATA_ENV,
    ROOT,
    SOURCES_ENV,
    Paths,
    find_sources,
    in_ci,
)
from escape_routes.rules.validator import load_atlas
from escape_routes.rules.verbatim import skipped_note

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The fixture's two routes (tests/fixtures/README.md): across the Yalu, into hiding and sent back
# to the camps; and a reader's proposal, reader comments only. Both pass the hiding place.
CROSSING, PROPOSAL = "yalu-and-after", "reader-russia-proposal"
SOURCES, LOOKED = find_sources()


# The longest test modules, longest first (by `pytest --durations` on this 2-core machine: the
# monkey alone takes about 100 s, the others 25-100 s in all): handed out first (`make test`:
# `--dist loadscope --no-loadscope-reorder`, a module whole in one process), so that neither
# process is left alone with one of them at the end while the other sits idle; the many short
# modules after them fill the gaps.
LONGEST_FIRST = (
    "test_monkey.py",
    "test_screen.py",
    "test_presenter_reads.py",
    "test_map_reads.py",
    "test_lesson_presenting.py",
    "test_accessibility.py",
    "test_tour_phone.py",
    "test_serve.py",
    "test_hostile.py",
    "test_offline_files.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest modules first, everything else in the order collected."""

    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: the order within a module and among the rest is kept


def fixture_paths(root: Path = FIXTURES) -> Paths:
    """The fixture content (or a copy of it under ``root``), with its own source texts."""
    return Paths(root / "content", root / "geodata", root / "sources", (root / "sources",))


def content_env(paths: Paths) -> dict[str, str]:
    """The environment variables that make the app (or the CLI) read these folders."""
    env = {CONTENT_ENV: str(paths.content), GEODATA_ENV: str(paths.geodata)}
    if paths.sources is not None:
        env[SOURCES_ENV] = str(paths.sources)
    return env


def copy_fixture(root: Path) -> Paths:
    """A copy of the fixture content under ``root`` that a test may break (the basemap, a link
    in the fixture, is copied as files)."""
    for part in ("content", "geodata", "sources"):
        shutil.copytree(FIXTURES / part, root / part)
    return fixture_paths(root)


def repo_paths() -> Paths:
    """The repository's content, with the supplied texts wherever they were found."""
    return Paths(ROOT / "content", ROOT / "geodata", SOURCES, LOOKED)


def need_sources() -> Path:
    """The folder of the real supplied texts; skips the test without them (fails it in CI)."""
    if SOURCES is None:
        reason = skipped_note(repo_paths())
        if in_ci():
            pytest.fail(f"{reason} (required in CI)")
        pytest.skip(reason)
    return SOURCES


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    """The fixture content (read once per test session)."""
    return load_atlas(fixture_paths())


@pytest.fixture(scope="session")
def real_atlas() -> Atlas:
    """The shipped content (read once per test session, by the tests that need it)."""
    return load_atlas(repo_paths())


@pytest.fixture
def sources_dir() -> Path:
    """The real supplied texts (the test skips without them, outside CI)."""
    return need_sources()


@pytest.fixture
def content_copy(tmp_path: Path) -> Paths:
    """A copy of the fixture content, geodata and source texts that a test may break."""
    return copy_fixture(tmp_path)


@pytest.fixture
def real_content_copy(tmp_path: Path) -> Paths:
    """A copy of the shipped content/ and geodata/ (with the real supplied texts, wherever they
    were found), for the few tests about the shipped content that change it: About's worked
    example is done to the real content."""
    for part in ("content", "geodata"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return Paths(tmp_path / "content", tmp_path / "geodata", SOURCES, LOOKED)


@pytest.fixture
def fixture_app(monkeypatch: pytest.MonkeyPatch) -> Paths:
    """The app (AppTest, the CLI in-process) reads the fixture content in this test."""
    paths = fixture_paths()
    for name, value in content_env(paths).items():
        monkeypatch.setenv(name, value)
    return paths
