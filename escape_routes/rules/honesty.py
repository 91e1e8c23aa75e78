"""The rules that make the content something a teacher can stand behind (DESIGN.md rules 6-9).

Each rule lives in its own module and returns Problems without touching the Atlas:
:mod:`.crossings` (lines and countries), :mod:`.wording` (names, attribution, coverage),
:mod:`.figures` (hedges, bounds, topics) and :mod:`.dates` (happened vs reported).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from escape_routes.content.model import Atlas, Problem
from escape_routes.content.paths import Paths
from escape_routes.rules import crossings, dates, figures, gazetteer, wording


@lru_cache(maxsize=4)
def _gazetteer(path: Path, stamp: float) -> gazetteer.Gazetteer:
    return gazetteer.load(path)


def load_gazetteer(content: Path) -> gazetteer.Gazetteer:
    """The gazetteer of a content folder (read again when the file changes)."""
    path = content / "gazetteer.yaml"
    return _gazetteer(path, path.stat().st_mtime if path.is_file() else 0.0)


def run(atlas: Atlas, paths: Paths) -> list[Problem]:
    """Every rule of this family, on the parsed content."""
    gaz = load_gazetteer(paths.content)
    problems: list[Problem] = []
    problems += wording.check_quote_kinds(atlas)
    problems += wording.check_coverage(atlas)
    problems += wording.check_wording(atlas, gaz)
    problems += wording.check_internal_ids(atlas)
    problems += figures.check_figures(atlas)
    problems += dates.check_dates(atlas)
    if atlas.countries:
        problems += crossings.check_lines(atlas, gaz)
    return problems
