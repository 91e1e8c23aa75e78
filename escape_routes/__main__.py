"""Command line: ``python -m escape_routes validate | export | tour-export | handout | worksheet
OUT.html`` (the last three take a lesson: ``--steps 4,2,9`` or ``--lesson LINK``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from escape_routes.content.model import Atlas
from escape_routes.content.paths import Paths
from escape_routes.rules.validator import load_atlas


def counts(atlas: Atlas) -> str:
    """One line with how many records of each kind were loaded."""
    parts = {
        "sources": len(atlas.sources),
        "quotes": len(atlas.quotes),
        "risks": len(atlas.risks),
        "figures": len(atlas.figures),
        "routes": len(atlas.routes),
        "segments": len(atlas.segments),
        "places": len(atlas.places),
        "tour steps": len(atlas.tour),
    }
    return ", ".join(f"{n} {k}" for k, n in parts.items())


def coverage(atlas: Atlas) -> str:
    """How many quotes are on the map (attached to a place or segment) and how many off_map."""
    from escape_routes.rules.wording import on_map

    used = on_map(atlas)
    on = sum(1 for q in atlas.quotes if q in used)
    off = sum(1 for q in atlas.quotes.values() if q.id not in used and q.off_map)
    return f"quotes: {on} on the map, {off} off_map"


def validate(sources: Path | None = None) -> int:
    """Check all content; print one line per problem, or the counts. Returns the exit code."""
    atlas = load_atlas(Paths.default(sources))
    for note in atlas.notes:
        print(f"note: {note}")
    for problem in atlas.problems:
        print(problem)
    if atlas.problems:
        print(f"{len(atlas.problems)} problem(s) found; valid records: {counts(atlas)}")
        return 1
    if not atlas.quotes or not atlas.places or not atlas.segments:
        print("nothing was checked: no quotes, places or route segments were loaded")
        return 1
    print(f"ok: {counts(atlas)}; {coverage(atlas)}")
    return 0


def lesson_arguments(command: argparse.ArgumentParser) -> None:
    """``--steps`` and ``--lesson``: the lesson a file is made for (default: the whole tour)."""
    command.add_argument(
        "--steps", help="the lesson's tour steps by number (or id), in order, e.g. 4,2,9"
    )
    command.add_argument(
        "--lesson",
        metavar="LINK",
        help="a lesson's link from the tour page (or its part after '?'): its steps, order, "
        "own questions and notes, minutes and care=skip",
    )


def lesson_of(args: argparse.Namespace, atlas: Atlas):
    """The lesson ``--lesson`` and ``--steps`` ask for; what they get wrong is warned."""
    from escape_routes.explore.lesson import from_link

    lesson, warnings = from_link(args.lesson or "", atlas, args.steps)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return lesson


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``python -m escape_routes``."""
    parser = argparse.ArgumentParser(prog="python -m escape_routes")
    sub = parser.add_subparsers(dest="command", required=True)
    val = sub.add_parser("validate", help="check every content rule; non-zero exit on any problem")
    val.add_argument(
        "--sources",
        type=Path,
        help="folder holding the five supplied .txt texts (default: $ESCAPE_ROUTES_SOURCES, "
        "then content/sources/, then ../shared/sources/)",
    )
    exp = sub.add_parser("export", help="write the map as one self-contained HTML file")
    exp.add_argument("out", type=Path)
    tour = sub.add_parser(
        "tour-export", help="write the classroom tour as one self-contained HTML presentation"
    )
    tour.add_argument("out", type=Path)
    hand = sub.add_parser("handout", help="write the printable tour handout (HTML)")
    hand.add_argument("out", type=Path)
    work = sub.add_parser("worksheet", help="write the printable student worksheet (HTML)")
    work.add_argument("out", type=Path)
    for lesson_command in (tour, hand, work):
        lesson_arguments(lesson_command)
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.sources)
    from escape_routes.outputs import handout, mapfile, tourfile, worksheet

    atlas = load_atlas()
    for problem in atlas.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if args.command == "export":
        html = mapfile.standalone_html(atlas)
    else:
        build = {
            "tour-export": tourfile.tour_html,
            "handout": handout.handout,
            "worksheet": worksheet.worksheet,
        }[args.command]
        html = build(atlas, lesson_of(args, atlas))
    args.out.write_text(html, encoding="utf-8")
    print(f"wrote {args.out} ({len(html.encode()) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
