"""The worked example of About (``content/about.md``, "Adding a passage: a worked example"),
read from the page itself and done to a copy of the content as the page tells a teacher to.

Its passage, Mrs. Park's "I was going to find her…" from the 2012 feature article, is not in the
shipped content (the issue's own example, Yoon Yeo-sang's "not as foreigners or refugees", has
since been added as ``q-npr-yoon-live-together``).
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import yaml

from escape_routes.content.paths import ROOT, Paths

ABOUT = ROOT / "content" / "about.md"
README = ROOT / "content" / "README.md"
HEADING = "Adding a passage: a worked example"


def section(path: Path) -> str:
    """The worked example's section of a Markdown file (up to the next heading of its level)."""
    text = path.read_text(encoding="utf-8")
    start = re.search(rf"^(#+) {re.escape(HEADING)}$", text, re.M)
    assert start, f"{path} has no section {HEADING!r}"
    end = re.search(rf"^{start.group(1)} ", text[start.end() :], re.M)
    return text[start.start() : start.end() + end.start() if end else len(text)]


def block(text: str, language: str) -> str:
    """The first fenced block of a language (as written at the margin)."""
    match = re.search(rf"```{language}\n(.*?)```", text, re.S)
    assert match, f"no ```{language} block"
    return textwrap.dedent(match.group(1)).rstrip() + "\n"


def entry(path: Path = ABOUT) -> str:
    """The YAML entry the page says to paste at the end of content/quotes.yaml."""
    return block(section(path), "yaml")


def target(path: Path = ABOUT) -> str:
    """The place the page attaches the passage to: the id it says to find in places.geojson."""
    found = re.search(r'`"id": "([a-z0-9-]+)"`', section(path))
    assert found, "the example names no place id"
    return found.group(1)


def quote_id(path: Path = ABOUT) -> str:
    return yaml.safe_load(entry(path))[0]["id"]


def add_example(paths: Paths, text: str | None = None, attach: str | None = None) -> None:
    """Steps 1 and 2 of the page on a copy: paste the entry (or ``text``), attach the id (or
    ``attach``) first in the place's list."""
    quotes = paths.content / "quotes.yaml"
    pasted = text if text is not None else entry()
    quotes.write_text(quotes.read_text(encoding="utf-8") + "\n" + pasted, encoding="utf-8")
    places = paths.geodata / "places.geojson"
    data = json.loads(places.read_text(encoding="utf-8"))
    feature = next(f for f in data["features"] if f["properties"]["id"] == target())
    feature["properties"]["quotes"].insert(0, attach or quote_id())
    places.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
