"""Issue 22: a teacher's mistakes give one line at their cause, in plain words.

The messages themselves are checked on small texts and records (milliseconds); then a tab in
each YAML file and a missing comma in each GeoJSON file of a copy of the fixture content give
exactly one line, naming the line where the mistake is, and a non-zero exit.
"""

from __future__ import annotations

import json

import pytest
import yaml

from escape_routes.__main__ import main
from escape_routes.content.load import parse_records
from escape_routes.content.model import GazetteerEntry, Quote
from escape_routes.content.paths import ROOT
from escape_routes.content.syntax import _UniqueKeyLoader, json_mistake, yaml_mistake
from tests.conftest import FIXTURES
from tests.tiny import VOCAB

# Every YAML and GeoJSON file of the fixture content (the same files a teacher edits, two routes
# instead of all of them, and the basemap), broken in the copy each test gets.
YAML_FILES = sorted(p.name for p in (FIXTURES / "content").glob("*.yaml"))
GEOJSON_FILES = sorted(
    str(p.relative_to(FIXTURES / "geodata"))
    for pattern in ("*.geojson", "*/*.geojson")  # basemap/ is a link, which rglob does not follow
    for p in (FIXTURES / "geodata").glob(pattern)
)


def yaml_says(text: str) -> str:
    with pytest.raises(yaml.YAMLError) as err:
        yaml.load(text, Loader=_UniqueKeyLoader)
    return yaml_mistake(text, err.value)


def json_says(text: str) -> str:
    with pytest.raises(json.JSONDecodeError) as err:
        json.loads(text)
    return json_mistake(text, err.value)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("- id: a\n\tlabel: b\n", "line 2 starts with a tab; YAML indents with spaces: replace "
         "the tab with spaces"),
        ("- id: a\n  text: |-\n    one\n\ttwo\n", "line 4 starts with a tab; YAML indents with "
         "spaces: replace the tab with spaces"),
        ("- id: a\n  label: Note: this\n", 'line 2 has a colon and a space inside the value of '
         'label: put the whole value in double quotes (label: "…")'),
        ("- id: a\n  label: [open\n", "line 2: the [ opened at column 10 is never closed: close "
         "it with ]"),
        ('- id: a\n  label: "open\n- id: b\n', "line 2: the quote opened at column 10 is never "
         "closed: add the closing quote mark"),
        ("- id: a\n-id: b\n", 'line 2 starts with "-" and no space after it: write "- " (a '
         "dash, a space)"),
        ("- id: a\n  id: b\n", "line 2: duplicate key 'id' (a key given twice in one record): "
         "keep one"),
    ],
)  # fmt: skip
def test_yaml_mistakes_in_plain_words(text, said):
    """Each common YAML mistake names its line, what it is and how to fix it."""
    assert yaml_says(text) == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{\n "a": 1\n "b": 2\n}', "a comma is missing at the end of line 2: add , after its "
         "last value"),
        ('[\n 1,\n]', "line 2 ends with a comma that nothing follows: remove that comma (the "
         "last item of a list or object has none)"),
        ('{"a": [1, 2\n', "the file ends at line 1 before its data is complete: a closing } or ] "
         "(or more) is missing"),
        ("{'a': 1}", 'line 1 puts a name in single quotes: JSON needs double quotes ("…")'),
        ('{"a": "b\n"}', 'line 1: a text in double quotes is not closed before the line ends: '
         'add the closing " (a quote mark inside a text is written \\")'),
    ],
)  # fmt: skip
def test_json_mistakes_in_plain_words(text, said):
    """A missing comma is named at the line it belongs to, not at the next one."""
    assert json_says(text) == said


def test_schema_mistakes_in_a_teachers_words():
    """A kind in words, an id with capitals, a mistyped field: each says what is allowed."""
    problems: list = []
    rows = [
        {"id": "q1", "source": "s", "text": "t", "kind": "quoted statement"},
        {"id": "Q Park", "source": "s", "text": "t", "kind": "reporting"},
        {"id": "q3", "source": "s", "text": "t", "kind": "reporting", "spekaer": {}},
    ]
    parse_records(rows, Quote, "content/quotes.yaml", problems, vocab=VOCAB)
    assert [str(p) for p in problems] == [
        "content/quotes.yaml: q1: kind: 'quoted statement' is not a kind of quote in "
        "content/vocabulary.yaml (did you mean 'quoted_statement'?); use one of: excerpt, "
        "quoted_statement, reader_comment, reporting",
        "content/quotes.yaml: Q Park: id: 'Q Park' does not fit: an id may contain only "
        "lower-case letters a-z, digits 0-9 and single hyphens between them (like "
        "q-npr-yoon-live-together), at most 80 characters",
        "content/quotes.yaml: q3: spekaer: unknown field (did you mean 'speaker'?)",
    ]
    assert {p.rule for p in problems} == {"R0"}


def test_gazetteer_row_without_name_is_a_problem_not_a_crash():
    """The gazetteer has a schema like every other file: a row without ``name`` is named."""
    problems: list = []
    rows = [{"name": "China", "iso": "CHN"}, {"also": ["Chosun"]}, {"name": "Laos", "isso": "LAO"}]
    kept = parse_records(rows, GazetteerEntry, "content/gazetteer.yaml", problems, key="name")
    assert list(kept) == ["China"]
    assert [str(p) for p in problems] == [
        "content/gazetteer.yaml: record #2: name: required field is missing",
        "content/gazetteer.yaml: Laos: isso: unknown field (did you mean 'iso'?)",
    ]


def test_validate_names_a_gazetteer_row_without_name(content_copy, capsys, monkeypatch):
    """`validate` on a gazetteer row without a name: one line, exit 1 (it used to crash with
    KeyError: 'name')."""
    path = content_copy.content / "gazetteer.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n- also: [Chosun]\n", encoding="utf-8")
    lines = _validate(content_copy, capsys, monkeypatch)
    assert len(lines) == 1 and lines[0].startswith("content/gazetteer.yaml: record #"), lines
    assert lines[0].endswith(": name: required field is missing")


def _validate(paths, capsys, monkeypatch) -> list[str]:
    """The problem lines `validate` prints for a content copy (exit 1 asserted)."""
    monkeypatch.setenv("ESCAPE_ROUTES_CONTENT", str(paths.content))
    monkeypatch.setenv("ESCAPE_ROUTES_GEODATA", str(paths.geodata))
    assert main(["validate", "--sources", str(paths.sources or "no-texts")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "problem(s) found" in out[-1], out
    return [line for line in out[:-1] if not line.startswith("note: ")]


@pytest.mark.parametrize("name", YAML_FILES)
def test_a_tab_gives_one_line(content_copy, capsys, monkeypatch, name):
    """A tab at the start of a line of any YAML file: one line, at that line, exit 1."""
    path = content_copy.content / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if i > 5 and line.startswith("  "))
    lines[n] = "\t" + lines[n].lstrip(" ")
    path.write_text("".join(lines), encoding="utf-8")
    [line] = _validate(content_copy, capsys, monkeypatch)
    assert line.startswith(
        f"content/{name}: line {n + 1} starts with a tab; YAML indents with spaces: replace the "
        "tab with spaces"
    ), line


@pytest.mark.parametrize("name", GEOJSON_FILES)
def test_a_missing_comma_gives_one_line(content_copy, capsys, monkeypatch, name):
    """A comma missing at the end of a line of any GeoJSON file: one line naming that line."""
    path = content_copy.geodata / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].rstrip().endswith(","))
    lines[n] = lines[n].rstrip()[:-1] + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    [line] = _validate(content_copy, capsys, monkeypatch)
    assert line.startswith(
        f"geodata/{name}: a comma is missing at the end of line {n + 1}: add , after its last value"
    ), line


def test_a_python_without_the_packages_says_which_to_use():
    """Run with a Python that lacks a package the checks need (About's old `python -m …`), the
    command says to use the project's Python instead of ending in a traceback."""
    import subprocess
    import sys

    hide = "import sys, runpy; sys.modules['pyproj'] = None; sys.argv[1:] = ['validate']; "
    run = subprocess.run(
        [sys.executable, "-c", hide + "runpy.run_module('escape_routes', run_name='__main__')"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "Run the command with the project's own Python: .venv/bin/python -m" in run.stderr
