"""Issue 22: no command writes a silently broken file. On content with a problem that leaves
something out, `export`, `tour-export` and `handout` write nothing and exit 1; with
`--allow-problems` they write the file with a banner naming what is missing."""

from __future__ import annotations

import json

import pytest

from escape_routes.__main__ import main
from escape_routes.content.model import Atlas, Effect, Problem
from escape_routes.outputs import guard
from tests.broken import add_passage
from tests.conftest import content_env
from tests.hostile import PAYLOADS

COMMANDS = ["export", "tour-export", "handout"]
QUOTE, PLACE = "q-gift-in-words", "dandong-town"
GIFT = (
    '"Whenever a high-ranking North Korean official visited China," she explains, "they would '
    "ask for, say, 500 or 1,000 defectors, and China would immediately repatriate them, as if it "
    'were a gift."'
)
CAUSE = (
    f"content/quotes.yaml: {QUOTE}: kind: 'quoted statement' is not a kind of quote in "
    "content/vocabulary.yaml"
)


@pytest.fixture
def broken(content_copy, monkeypatch):
    """A copy of the fixture content with a passage whose kind is written in words (as About's
    worked example lists among the mistakes), attached first to one place."""
    add_passage(content_copy, QUOTE, GIFT, kind="quoted statement", off_map=None)
    path = content_copy.geodata / "places.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    place = next(f for f in data["features"] if f["properties"]["id"] == PLACE)
    place["properties"]["quotes"].insert(0, QUOTE)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for name, value in content_env(content_copy).items():  # its texts too
        monkeypatch.setenv(name, value)
    return content_copy


@pytest.mark.parametrize("command", COMMANDS)
def test_refuses_to_write_a_broken_atlas(broken, tmp_path, capsys, command):
    """The command exits 1, writes nothing, and says the cause and how to go on."""
    out = tmp_path / "out.html"
    assert main([command, str(out)]) == 1
    assert not out.exists()
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(CAUSE) and err[0].endswith(
        f"and 1 reference to it (geodata/places.geojson: {PLACE})"
    )
    assert err[1].startswith("nothing was written: ") and "--allow-problems" in err[1]


@pytest.mark.parametrize("command", COMMANDS)
def test_writes_with_a_banner_when_asked(broken, tmp_path, capsys, command):
    """With --allow-problems the file is written, and its banner names what is missing."""
    out = tmp_path / "out.html"
    assert main([command, str(out), "--allow-problems"]) == 0
    html = out.read_text(encoding="utf-8")
    body = html.index("<body")
    banner = html.index('data-testid="er-problems-banner"')
    assert body < banner < html.index(">", body) + 800
    assert "This file is incomplete" in html
    assert f"Left out: quote {QUOTE} — " + CAUSE.replace("'", "&#x27;") in html
    assert "with a banner naming what is missing" in capsys.readouterr().out


def test_a_clean_atlas_writes_no_banner():
    """Nothing missing: nothing refused, no banner."""
    assert guard.check_before_writing(Atlas(), allow_problems=False) == []
    assert guard.with_banner("<body><p>x</p></body>", []) == "<body><p>x</p></body>"


def test_problems_that_leave_nothing_out_do_not_refuse():
    """A problem that is reported only (a topic without its measure) writes the file."""
    report_only = Problem("content/vocabulary.yaml", "figure_topics.x", "measure", "say it",
                          table="vocab", rule="R4a", effect=Effect.REPORT)  # fmt: skip
    assert guard.check_before_writing(Atlas(problems=(report_only,)), False) == []


@pytest.mark.parametrize("payload", PAYLOADS[:6], ids=range(6))
def test_the_banner_is_text(payload):
    """What the banner names comes from the content: it is escaped, never markup."""
    html = guard.with_banner('<body class="x"><main></main></body>', [f"Left out: {payload}"])
    listed = html[html.index("<li>") : html.index("</li>")]
    assert "<" not in listed[4:] and ">" not in listed[4:], listed
