"""Rule 1: every quote is verbatim in its supplied text (after repairing the known mojibake and
folding quotes, dashes and white space: :func:`escape_routes.content.textnorm.fold`).

Checked with it, quote by quote: its source and its risks resolve (rule 3), and a reader comment
carries the date printed under it (rule 6). Without the supplied texts the verbatim check is
skipped with a note saying where they were looked for; in CI that is itself a problem.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from escape_routes.content.model import Atlas, Problem
from escape_routes.content.paths import Paths, in_ci
from escape_routes.content.textnorm import fold


def skipped_note(paths: Paths) -> str | None:
    """The note saying the verbatim check was skipped and where the texts were looked for."""
    if paths.sources is not None:
        return None
    looked = ", ".join(str(p) for p in paths.looked) or "nowhere"
    return (
        f"verbatim check skipped: the supplied texts were not found (looked in {looked}; "
        "put the five .txt files in content/sources/ or name a folder with --sources or "
        "$ESCAPE_ROUTES_SOURCES)"
    )


def check_quotes(atlas: Atlas, paths: Paths) -> list[Problem]:
    """Rules 1, 3 and 6 for quotes: verbatim, references resolve, reader comments are marked."""
    out: list[Problem] = []
    f = "content/quotes.yaml"
    texts = paths.sources
    note = skipped_note(paths)
    if note and in_ci():
        out.append(Problem("content/sources.yaml", None, None, note + " (required in CI)"))
    for src in atlas.sources.values():
        if texts is not None and not (texts / src.file).is_file():
            out.append(Problem("content/sources.yaml", src.id, "file", f"{src.file} not found"))
    for q in atlas.quotes.values():
        src = atlas.sources.get(q.source)
        if src is None:
            out.append(Problem(f, q.id, "source", f"unknown source {q.source!r}"))
        elif texts is not None and (texts / src.file).is_file():
            if fold(q.text) not in _folded_source(texts / src.file, _stamp(texts / src.file)):
                out.append(Problem(f, q.id, "text", f"not found verbatim in {src.file}"))
        for r in q.risks:
            if r not in atlas.risks:
                out.append(Problem(f, q.id, "risks", f"unknown risk {r!r}"))
        if (q.kind == "reader_comment") != (q.comment_date is not None):
            out.append(
                Problem(f, q.id, "comment_date", "required for, and only for, reader comments")
            )
    return out


def _stamp(path: Path) -> tuple[float, int]:
    """When a text was last changed, and its size: a text replaced is read again."""
    info = path.stat()
    return info.st_mtime, info.st_size


@lru_cache(maxsize=16)
def _folded_source(path: Path, stamp: tuple[float, int]) -> str:
    return fold(path.read_text(encoding="utf-8"))
