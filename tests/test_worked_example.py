"""About's worked example, run: its entry added to a copy of the content passes `validate` and
lands first on the China place; its commands work; the mistakes it lists are what `validate`
says. (That the passage shows in China's popup in the app: tests/browser/test_example_popup.py.)

About teaches on the shipped content, so these tests change a copy of it (``real_content_copy``).
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from escape_routes.__main__ import main
from escape_routes.content import addquote, report
from escape_routes.content.paths import ROOT
from escape_routes.content.textnorm import fold
from escape_routes.rules.validator import load_atlas
from tests.worked_example import ABOUT, README, add_example, entry, quote_id, section, target


def about_words() -> str:
    """About's example section with its line breaks and Markdown list marks folded away."""
    return re.sub(r"\s+", " ", section(ABOUT).replace("\n  ", " ")).replace("` ", " ")


def test_readme_gives_the_same_example():
    """content/README.md walks through the same entry, to the same place."""
    assert entry(README) == entry(ABOUT)
    assert target(README) == target(ABOUT) == "china"


def test_the_example_is_not_in_the_content_yet(real_atlas):
    """The example adds something new: its id and its words are in no shipped quote."""
    [new] = yaml.safe_load(entry())
    assert new["id"] not in real_atlas.quotes
    assert all(fold(new["text"]) not in fold(q.text) for q in real_atlas.quotes.values())


def test_the_example_passes_validate_and_comes_first(
    real_content_copy, sources_dir, capsys, monkeypatch
):
    """Done as About says, `validate --sources DIR` ends with ok, and the passage is the first of
    China's: its popup shows it, with the speaker's name."""
    add_example(real_content_copy)
    monkeypatch.setenv("ESCAPE_ROUTES_CONTENT", str(real_content_copy.content))
    monkeypatch.setenv("ESCAPE_ROUTES_GEODATA", str(real_content_copy.geodata))
    assert main(["validate", "--sources", str(sources_dir)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("ok: ")
    atlas = load_atlas(real_content_copy)
    assert atlas.places["china"].quotes[0] == quote_id()
    assert atlas.quotes[quote_id()].speaker.name == "Park Hye Soon"


def test_the_commands_about_gives(real_content_copy, sources_dir, capsys):
    """`validate --find China` lists the place as the app names it; the add-quote command About
    gives drafts the same passage, kind and speaker as the example entry."""
    assert main(["validate", "--find", "China"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^place +china +China \(the country as a whole\)$", out, re.M)
    asked = r'add-quote --source (\S+) --find "([^"]+)" --to ([a-z0-9-]+)'
    command = re.search(asked, about_words())
    assert command, "About gives no add-quote command"
    source, phrase, to = command.groups()
    paths = real_content_copy  # with the supplied texts (sources_dir: skipped without them)
    drafted = yaml.safe_load(addquote.draft(paths, source, phrase, to).entry)[0]
    [example] = yaml.safe_load(entry())
    for field in ("source", "kind", "speaker", "text", "risks"):
        assert drafted[field] == example[field], field


def test_add_quote_writes_what_validate_accepts(
    real_content_copy, sources_dir, capsys, monkeypatch
):
    """`add-quote … --write` appends the entry and attaches it; `validate` then passes."""
    monkeypatch.setenv("ESCAPE_ROUTES_CONTENT", str(real_content_copy.content))
    monkeypatch.setenv("ESCAPE_ROUTES_GEODATA", str(real_content_copy.geodata))
    args = ["--source", "refugee-crisis-2012", "--find", "not going to come back", "--to", "china"]
    assert main(["add-quote", *args, "--first", "--sources", str(sources_dir), "--write"]) == 0
    assert main(["validate", "--sources", str(sources_dir)]) == 0
    places_file = real_content_copy.geodata / "places.geojson"
    places = json.loads(places_file.read_text(encoding="utf-8"))
    china = next(f for f in places["features"] if f["id"] == "china")
    assert china["properties"]["quotes"][0] == "q-crisis-not-going-to-come"
    assert "ok: " in capsys.readouterr().out


MISTAKES = {
    "kind in words": (lambda e: e.replace("kind: quoted_statement", "kind: quoted statement"),
                      None, "; use one of: "),
    "source without its year": (lambda e: e.replace("source: refugee-crisis-2012", "source: npr"),
                                None, "; use one of: "),
    "id mistyped where attached": (lambda e: e, "q-crisis-park-find-hr", None),
    "a word changed": (lambda e: e.replace("come back", "go back"), None, None),
    "no speaker": (lambda e: re.sub(r"  speaker:\n(    .*\n)+", "", e), None, ": add speaker:"),
}  # fmt: skip


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_the_mistakes_about_lists_are_what_validate_says(real_content_copy, sources_dir, mistake):
    """Each mistake About shows gives that one line (up to where About cuts it short)."""
    change, attach, cut = MISTAKES[mistake]
    add_example(real_content_copy, change(entry()), attach)
    paths = real_content_copy  # with the supplied texts (sources_dir: skipped without them)
    [line] = report.lines(load_atlas(paths).problems)
    said = line.split(" — ")[0]
    said = said[: said.index(cut) + len(cut)] if cut else said
    words = about_words()
    assert said in words or said.split(": ", 2)[-1] in words, (said, mistake)


def test_about_names_the_command_with_the_projects_python():
    """About's command is the one that works: the project's Python, with the texts named."""
    words = about_words()
    assert ".venv/bin/python -m escape_routes validate --sources " in words
    assert "python -m escape_routes validate`" not in words.replace(".venv/bin/python", "")
    assert "Without the texts, a changed word in a quote is not noticed" in words
    assert (ROOT / "content" / "sources" / "README.md").is_file()
