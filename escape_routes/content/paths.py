"""Where the content, the geodata and the supplied source texts are.

The supplied texts are not part of the repository (it keeps only the quotes taken from them), so
the check that every quote is verbatim looks for them:

1. in the folder named by ``$ESCAPE_ROUTES_SOURCES`` or by ``validate --sources DIR``;
2. otherwise in ``content/sources/``, where a user may put the five ``.txt`` files;
3. otherwise in ``../shared/sources/`` beside the checkout (where CI has them).

A folder counts only if it holds at least one ``.txt`` file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES_ENV = "ESCAPE_ROUTES_SOURCES"
CONTENT_ENV = "ESCAPE_ROUTES_CONTENT"
GEODATA_ENV = "ESCAPE_ROUTES_GEODATA"
DEFAULT_SOURCE_DIRS = (ROOT / "content" / "sources", ROOT.parent / "shared" / "sources")


def in_ci() -> bool:
    """Whether this runs in CI (``CI=true``), where no check may be skipped."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def has_texts(folder: Path) -> bool:
    """Whether a folder holds supplied texts (at least one ``.txt`` file)."""
    return folder.is_dir() and any(folder.glob("*.txt"))


def find_sources(explicit: str | Path | None = None) -> tuple[Path | None, tuple[Path, ...]]:
    """The folder of supplied texts, and every folder that was looked in.

    Parameters
    ----------
    explicit
        A folder the user named (``--sources`` or the environment); when given, it is the only
        place looked in.

    Returns
    -------
    tuple
        ``(folder or None, folders looked in)``.
    """
    chosen = explicit or os.environ.get(SOURCES_ENV) or None
    candidates = (Path(chosen),) if chosen else DEFAULT_SOURCE_DIRS
    found = next((c for c in candidates if has_texts(c)), None)
    return found, candidates


@dataclass(frozen=True)
class Paths:
    """Where the content lives; overridable for tests and for a copy being edited.

    ``sources`` is None when no supplied texts were found; ``looked`` says where they were
    looked for, so that a skipped check can say so.
    """

    content: Path
    geodata: Path
    sources: Path | None
    looked: tuple[Path, ...] = ()

    @classmethod
    def default(cls, sources: str | Path | None = None) -> Paths:
        """The repository's folders, or those named by ``ESCAPE_ROUTES_*`` variables."""
        env = os.environ.get
        found, looked = find_sources(sources)
        return cls(
            content=Path(env(CONTENT_ENV) or ROOT / "content"),
            geodata=Path(env(GEODATA_ENV) or ROOT / "geodata"),
            sources=found,
            looked=looked,
        )
