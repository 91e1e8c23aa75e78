"""The rules that make the content something a teacher can stand behind (DESIGN.md rules 6-9).

Each rule lives in its own module and returns Problems without touching the Atlas:
:mod:`checks_geo` (lines and countries), :mod:`checks_wording` (names, attribution, coverage),
:mod:`checks_figures` (hedges, bounds, topics) and :mod:`checks_dates` (happened vs reported).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from escape_routes import checks_dates, checks_figures, checks_geo, checks_wording, gazetteer
from escape_routes.model import Atlas, Problem
from escape_routes.paths import Paths


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
    problems += checks_wording.check_quote_kinds(atlas)
    problems += checks_wording.check_coverage(atlas)
    problems += checks_wording.check_wording(atlas, gaz)
    problems += checks_wording.check_internal_ids(atlas)
    problems += checks_figures.check_figures(atlas)
    problems += checks_dates.check_dates(atlas)
    if atlas.countries:
        problems += checks_geo.check_lines(atlas, gaz)
    return problems
