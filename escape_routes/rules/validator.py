"""The validator: every rule of the registry run on a parsed atlas, each problem traced to its
cause, the atlas pruned of what they find, and :func:`load_atlas`, which does it all after
reading the files.

Each rule lives in its own module and returns Problems without touching the Atlas
(:mod:`.registry`); :func:`prune` acts only on what the problems say (table, id, effect and
the reference), and on what depends on a record it leaves out.
"""

from __future__ import annotations

from dataclasses import replace
from difflib import get_close_matches

from escape_routes.content.load import read_atlas
from escape_routes.content.model import Atlas, Effect, Problem
from escape_routes.content.paths import Paths, in_ci
from escape_routes.content.tables import FILES, segment_file, table_of
from escape_routes.rules.prune import prune
from escape_routes.rules.registry import BY_CODE, CHECKS
from escape_routes.rules.verbatim import skipped_note

__all__ = ["load_atlas", "prune", "run_all"]


def run_all(
    atlas: Atlas, paths: Paths, read: list[Problem] | tuple[Problem, ...] = ()
) -> tuple[list[Problem], list[str]]:
    """Run every rule on a parsed atlas.

    Parameters
    ----------
    read
        The problems found while reading: a rule that needs a table whose file could not be read
        (or, for a table it needs whole, any of whose records could not be read) is skipped, and
        counted on that problem.

    Returns
    -------
    tuple
        Every problem (``read`` included) with its rule, table, effect and cause filled in, and
        notes (a check that was skipped, and why).
    """
    broken = {p.table: p for p in reversed(read) if p.effect is Effect.FILE and p.table}
    partial = {p.table: p for p in reversed(read) if p.table and p.effect is Effect.DROP_RECORD}
    skipped: dict[int, list[str]] = {}
    found: list[Problem] = []
    for rule in CHECKS:
        blocked = [broken[t] for t in rule.needs if t in broken]
        blocked += [partial[t] for t in rule.whole if t in partial]
        if blocked:
            skipped.setdefault(id(blocked[0]), []).append(rule.code)
            continue
        assert rule.check is not None
        made = rule.check(atlas, paths) if rule.texts else rule.check(atlas)
        found += [_stamped(p, rule.code) for p in made]
    problems = [replace(p, skipped=tuple(skipped.get(id(p), ()))) for p in read] + found
    note = skipped_note(paths)
    return _with_causes(atlas, problems), [note] if note and not in_ci() else []


def _stamped(p: Problem, code: str) -> Problem:
    """A rule's problem with its number, its table and (unless it names its own) the rule's
    effect."""
    effect = p.effect or BY_CODE[code].effect
    return replace(p, rule=code, table=p.table or table_of(p.file), effect=effect)


def _with_causes(atlas: Atlas, problems: list[Problem]) -> list[Problem]:
    """Each problem that follows from another names that one (at its root) as its ``cause``: a
    reference to a record that was left out, a problem of a record that cites one, a quote
    attached to nothing because its id was mistyped where it is attached."""
    failed: dict[tuple[str, str | None], int] = {}
    for i, p in enumerate(problems):
        if p.effect is Effect.FILE:
            failed.setdefault((p.file, None), i)
        elif p.effect is Effect.DROP_RECORD and p.id:
            failed.setdefault((p.file, p.id), i)
    typos = {
        p.refers[1]: i
        for i, p in enumerate(problems)
        if p.refers and p.refers[0] == FILES["quotes"] and p.refers[1] not in atlas.quotes
    }

    def direct(i: int) -> int | None:
        p = problems[i]
        targets = [p.refers] if p.refers else []
        if p.rule not in ("R0", "R3") and p.id and p.table:
            targets += _cited(atlas, p.table, p.id)
        for file, rid in targets:
            for key in ((file, rid), (file, None)):
                if failed.get(key, i) != i:
                    return failed[key]
        if p.rule == "R8b" and p.id and (near := get_close_matches(p.id, typos, n=1)):
            return typos[near[0]]
        return None

    def root(i: int) -> int:
        seen = {i}
        while (j := direct(i)) is not None and j not in seen:
            seen.add(j)
            i = j
        return i

    roots = [root(i) for i in range(len(problems))]
    return [
        replace(p, cause=problems[r] if r != i else None)
        for i, (p, r) in enumerate(zip(problems, roots, strict=True))
    ]


def _cited(atlas: Atlas, table: str, rid: str) -> list[tuple[str, str | None]]:
    """The ``(file, id)`` of every record a record cites (a route: its segments' file too)."""
    quotes, risks = FILES["quotes"], FILES["risks"]
    if table == "quotes" and (q := atlas.quotes.get(rid)):
        return [(FILES["sources"], q.source), *((risks, r) for r in q.risks)]
    if table in ("places", "segments") and (item := getattr(atlas, table).get(rid)):
        return [(quotes, q) for q in item.quotes] + [(risks, r) for r in item.risks]
    if table == "figures" and (fig := atlas.figures.get(rid)):
        return [(quotes, fig.quote)]
    if table == "routes" and rid in atlas.routes:
        segs = atlas.route_segments(rid)
        return [(segment_file(rid), None), *((quotes, q) for s in segs for q in s.quotes)]
    step = next((s for s in atlas.tour if s.id == rid), None) if table == "tour" else None
    return [(quotes, q) for q in step.quotes] if step else []


def load_atlas(paths: Paths | None = None) -> Atlas:
    """Read and check all content; invalid records are reported and left out.

    Parameters
    ----------
    paths
        Folders to read; defaults to the repository's (see :meth:`Paths.default`).

    Returns
    -------
    Atlas
        Valid records, basemap layers, one :class:`Problem` per thing wrong, and notes (such as
        a check that was skipped).
    """
    paths = paths or Paths.default()
    parsed, read = read_atlas(paths)
    problems, notes = run_all(parsed, paths, read)
    atlas = prune(parsed, problems)
    return replace(atlas, problems=tuple(problems), notes=tuple(notes))
