"""The rules that make the content something a teacher can stand behind (DESIGN.md rules 6-8).

Each rule lives in its own module and returns Problems without touching the Atlas:
:mod:`checks_geo` (lines and countries), :mod:`checks_wording` (names, attribution, coverage),
:mod:`checks_figures` (hedges, bounds, topics) and :mod:`checks_dates` (happened vs reported).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from escape_routes import checks_dates, checks_figures, checks_geo, checks_wording, gazetteer
from escape_routes.model import Topic

if TYPE_CHECKING:
    from escape_routes.content import Atlas, Paths, Problem


@lru_cache(maxsize=4)
def _gazetteer(path: Path, stamp: float) -> gazetteer.Gazetteer:
    return gazetteer.load(path)


def load_gazetteer(content: Path) -> gazetteer.Gazetteer:
    """The gazetteer of a content folder (read again when the file changes)."""
    path = content / "gazetteer.yaml"
    return _gazetteer(path, path.stat().st_mtime if path.is_file() else 0.0)


def load_topics(content: Path, problems: list[Problem]) -> dict[str, Topic]:
    """The figure topics (content/topics.yaml); problems are appended, never raised."""
    from escape_routes.content import parse_records, read_yaml_list

    label = "content/topics.yaml"
    rows = read_yaml_list(content / "topics.yaml", label, problems)
    return parse_records(rows, Topic, label, problems)


def run(atlas: Atlas, paths: Paths) -> list[Problem]:
    """Every rule of this module's family, on the loaded content."""
    problems: list[Problem] = []
    gaz = load_gazetteer(paths.content)
    topics = load_topics(paths.content, problems)
    problems += checks_wording.check_quote_kinds(atlas)
    problems += checks_wording.check_coverage(atlas)
    problems += checks_wording.check_wording(atlas, gaz)
    problems += checks_figures.check_figures(atlas, topics)
    problems += checks_dates.check_dates(atlas)
    if atlas.countries:
        problems += checks_geo.check_lines(atlas, gaz)
    return problems
