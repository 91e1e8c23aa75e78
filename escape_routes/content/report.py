"""Problems as a teacher reads them: one line per cause, what follows from it counted under it.

Only words about :class:`~escape_routes.content.model.Problem` records, no rule: a server
process shows the banner of a checked atlas without importing the rules.

A file that cannot be read is one line, with the number of checks skipped because of it and of
the references to its records; a record left out is one line, "and 12 references to it". The
command line, the app's banner and the banner of a file written despite problems all use
:func:`lines`; :func:`missing` says what a written file lacks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from escape_routes.content.model import Effect, Problem
from escape_routes.content.tables import NOUNS

NAMED_REFERRERS = 3  #: up to this many referring records are named; more are counted


@dataclass(frozen=True)
class Cause:
    """A problem that follows from no other, and the problems that follow from it."""

    problem: Problem
    follow_ons: tuple[Problem, ...]

    @property
    def references(self) -> tuple[Problem, ...]:
        """The follow-ons that are references to what failed."""
        return tuple(p for p in self.follow_ons if p.refers and self._targets(p.refers))

    def _targets(self, refers: tuple[str, str | None]) -> bool:
        return refers[0] == self.problem.file and self.problem.id in (None, refers[1])


def causes(problems: Iterable[Problem]) -> list[Cause]:
    """The problems that follow from no other, in order, each with its follow-ons."""
    problems = list(problems)
    follow: dict[Problem, list[Problem]] = {}
    for p in problems:
        if p.cause is not None:
            follow.setdefault(p.cause, []).append(p)
    return [Cause(p, tuple(follow.get(p, ()))) for p in problems if p.cause is None]


def line(cause: Cause) -> str:
    """One line: the problem, and what follows from it."""
    p = cause.problem
    extra = []
    if p.skipped:
        were = "was" if len(p.skipped) == 1 else "were"
        codes = ", ".join(p.skipped)
        extra.append(f"{_n(len(p.skipped), 'check')} ({codes}) {were} skipped because of it")
    refs = cause.references
    others = [f for f in cause.follow_ons if f not in refs]
    if refs:
        to = "its records" if p.id is None else "it"
        extra.append(f"and {_n(len(refs), 'reference')} to {to}{_named(refs, False)}")
    if others:
        verb = "follows" if len(others) == 1 else "follow"
        extra.append(f"and {_n(len(others), 'problem')} that {verb} from it{_named(others, True)}")
    return str(p) + (" — " + ", ".join(extra) if extra else "")


def lines(problems: Iterable[Problem]) -> list[str]:
    """One line per cause."""
    return [line(c) for c in causes(problems)]


def summary(problems: Iterable[Problem], where: str = "") -> str:
    """``2 problem(s){where} (and 612 that follow from them)``."""
    found = causes(problems)
    more = sum(len(c.follow_ons) for c in found)
    tail = f" (and {more} that follow from {'it' if len(found) == 1 else 'them'})" if more else ""
    return f"{len(found)} problem(s){where}{tail}"


def missing(problems: Iterable[Problem]) -> list[str]:
    """What an atlas loaded with these problems lacks, one line per cause that leaves something
    out: "Left out: quote q-x (content/quotes.yaml: q-x: kind: …)"."""
    out = []
    for c in causes(problems):
        p = c.problem
        if p.effect in (None, Effect.REPORT):
            continue
        if p.effect is Effect.FILE:
            what = f"everything in {p.file}"
        elif p.effect is Effect.DROP_REFERENCE:
            what = f"the reference to {p.refers[1] if p.refers else p.field} in {_record(p)}"
        else:
            what = _record(p)
        out.append(f"Left out: {what} — {line(c)}")
    return out


def _record(p: Problem) -> str:
    return f"{NOUNS.get(p.table or '', 'record')} {p.id}"


def _named(problems: tuple[Problem, ...] | list[Problem], field: bool) -> str:
    """`` (file: id; …)`` for a few problems, nothing for many."""
    if len(problems) > NAMED_REFERRERS:
        return ""
    where = [
        ": ".join(x for x in (p.file, p.id, p.field if field else None) if x) for p in problems
    ]
    return " (" + "; ".join(where) + ")"


def _n(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
