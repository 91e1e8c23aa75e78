"""Command line: ``python -m escape_routes validate | compile | export | tour-export | handout``."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from escape_routes.content import compiled
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


def checked(paths: Paths) -> Atlas:
    """The checked atlas of these folders: its compiled file, or checked now and compiled."""
    fp = compiled.fingerprint(paths)
    atlas = compiled.read(fp)
    if atlas is None:
        atlas = load_atlas(paths)
        compiled.write(atlas, fp)
    return atlas


def validate(sources: Path | None = None) -> int:
    """Check all content; print one line per problem, or the counts. Returns the exit code.

    The result is also compiled: it is what a server process then loads."""
    paths = Paths.default(sources)
    fp = compiled.fingerprint(paths)
    atlas = load_atlas(paths)
    compiled.write(atlas, fp)
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


def compile_content(args: argparse.Namespace) -> int:
    """``compile``: check the named folders (or the repository's) and store the result."""
    paths = Paths.default(args.sources)
    paths = replace(
        paths,
        content=args.content or paths.content,
        geodata=args.geodata or paths.geodata,
        sources=None if args.no_sources else paths.sources,
    )
    fp = compiled.fingerprint(paths)
    atlas = load_atlas(paths)
    path = compiled.write(atlas, fp)
    if not args.quiet:
        print(f"compiled {path}: {counts(atlas)}; {len(atlas.problems)} problem(s)")
    return 0


def write_layers(out: Path, query: str) -> int:
    """``layers``: the GIS layers of what a filter shows (everything by default)."""
    from urllib.parse import parse_qs

    from escape_routes.explore.links import parse
    from escape_routes.outputs import layers
    from escape_routes.outputs.layers_meta import read_notes

    if out.suffix.lower() not in layers.FORMATS:
        print(
            f"{out.name}: unknown format; use one of {', '.join(layers.FORMATS)}", file=sys.stderr
        )
        return 2
    paths = Paths.default()
    atlas = checked(paths)
    for problem in atlas.problems:
        print(f"warning: {problem}", file=sys.stderr)
    link = parse(parse_qs(query.lstrip("?")), atlas)
    for warning in link.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    try:
        notes = read_notes(paths.content)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    made = layers.build(atlas, notes, link.filter)
    for path in layers.write(made, out):
        print(f"wrote {path} ({path.stat().st_size // 1024} KB)")
    print(f"{made.meta['shown']}; filter: {made.meta['filter']}")
    return 0


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
    comp = sub.add_parser(
        "compile", help="check the content and store the result a server process loads"
    )
    comp.add_argument("--content", type=Path, help="content folder (default: the repository's)")
    comp.add_argument("--geodata", type=Path, help="geodata folder (default: the repository's)")
    texts = comp.add_mutually_exclusive_group()
    texts.add_argument("--sources", type=Path, help="folder of the supplied texts (as validate)")
    texts.add_argument("--no-sources", action="store_true", help="check without the texts")
    comp.add_argument("--quiet", action="store_true", help="print nothing when it worked")
    lay = sub.add_parser(
        "layers",
        help="write the routes and places with their passages as GIS layers: OUT.geojson, "
        "OUT.gpkg, OUT.kml (Google Earth, My Maps) or OUT.csv (with OUT.README.txt)",
    )
    lay.add_argument("out", type=Path)
    lay.add_argument(
        "--filter",
        default="",
        help="only what a link's filter shows: its query, e.g. 'risks=detention&mode=all'",
    )
    exp = sub.add_parser("export", help="write the map as one self-contained HTML file")
    exp.add_argument("out", type=Path)
    tour = sub.add_parser(
        "tour-export", help="write the classroom tour as one self-contained HTML presentation"
    )
    tour.add_argument("out", type=Path)
    hand = sub.add_parser("handout", help="write the printable tour handout (HTML)")
    hand.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.sources)
    if args.command == "compile":
        return compile_content(args)
    if args.command == "layers":
        return write_layers(args.out, args.filter)
    from escape_routes.outputs import handout, mapfile, tourfile

    build = {
        "export": mapfile.standalone_html,
        "tour-export": tourfile.tour_html,
        "handout": handout.handout,
    }[args.command]
    atlas = checked(Paths.default())
    for problem in atlas.problems:
        print(f"warning: {problem}", file=sys.stderr)
    html = build(atlas)
    args.out.write_text(html, encoding="utf-8")
    print(f"wrote {args.out} ({len(html.encode()) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
