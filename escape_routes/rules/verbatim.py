"""Rule 1: every quote is verbatim in its supplied text (after repairing the known mojibake and
folding quotes, dashes and white space: :func:`escape_routes.content.textnorm.fold`).

A quote that is not shows where it and the text part: the words they share, then the first
words that differ. Without the supplied texts the check is skipped with a note saying where they
were looked for; in CI that is itself a problem.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from escape_routes.content.model import Atlas, Effect, Problem
from escape_routes.content.paths import Paths, in_ci
from escape_routes.content.tables import FILES, problem
from escape_routes.content.textnorm import fold

SHOWN_WORDS = 5  #: how many words on each side of the place where a quote and its text part


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


def check_verbatim(atlas: Atlas, paths: Paths) -> list[Problem]:
    """Rule 1: each quote is in its source's text (``paths.sources``: the supplied texts)."""
    out: list[Problem] = []
    texts = paths.sources
    if texts is None:
        if in_ci():
            msg = f"{skipped_note(paths)} (required in CI)"
            out.append(Problem(FILES["sources"], None, None, msg, effect=Effect.REPORT))
        return out
    missing = set()
    for src in atlas.sources.values():
        if not (texts / src.file).is_file():
            missing.add(src.id)
            msg = f"{src.file} not found in {texts}: its quotes were not checked"
            out.append(problem(src, "file", msg, effect=Effect.REPORT))
    for q in atlas.quotes.values():
        src = atlas.sources.get(q.source)
        if src is None or src.id in missing:
            continue
        folded = _folded_source(texts / src.file, _stamp(texts / src.file))
        if fold(q.text) not in folded:
            msg = f"not found verbatim in {src.file}: {where_it_parts(fold(q.text), folded)}"
            out.append(problem(q, "text", msg))
    return out


def where_it_parts(quote: str, text: str) -> str:
    """Where a (folded) quote and its (folded) text part: the words they share, then the first
    words that differ; or, when even the first words are not in the text, the words from which
    they agree again."""
    words = quote.split(" ")
    agree = _longest(words, text)
    if agree == 0:
        tail = _longest(words[::-1], text, reverse=True)
        if tail == 0:
            return "no part of it is in the text: check the source and the passage"
        start = len(words) - tail
        return (
            f'its first words, "{_clip(words[:start], True)}", are not in the text; from '
            f'"{_clip(words[start:], False)}" on it agrees'
        )
    shared = " ".join(words[:agree])
    after = text[text.find(shared) + len(shared) :].split()
    quote_has = " ".join(words[agree : agree + SHOWN_WORDS])
    text_has = " ".join(after[:SHOWN_WORDS]) or "(the end of the text)"
    return (
        f'the quote and the text agree up to "{_clip(words[:agree], True)}", then the quote has '
        f'"{quote_has}" where the text has "{text_has}"'
    )


def _longest(words: list[str], text: str, reverse: bool = False) -> int:
    """How many words from the start (of ``words``, reversed when ``reverse``) are in ``text``
    as one run (a binary search: a run that is in the text has every shorter run in it too)."""
    low, high = 0, len(words)
    while low < high:
        mid = (low + high + 1) // 2
        run = words[:mid][::-1] if reverse else words[:mid]
        if " ".join(run) in text:
            low = mid
        else:
            high = mid - 1
    return low


def _clip(words: list[str], last: bool) -> str:
    """At most SHOWN_WORDS words: the last ones (``last``) or the first ones, with an ellipsis."""
    if len(words) <= SHOWN_WORDS:
        return " ".join(words)
    return "… " + " ".join(words[-SHOWN_WORDS:]) if last else " ".join(words[:SHOWN_WORDS]) + " …"


def _stamp(path: Path) -> tuple[float, int]:
    """When a text was last changed, and its size: a text replaced is read again."""
    info = path.stat()
    return info.st_mtime, info.st_size


@lru_cache(maxsize=16)
def _folded_source(path: Path, stamp: tuple[float, int]) -> str:
    return fold(path.read_text(encoding="utf-8"))
