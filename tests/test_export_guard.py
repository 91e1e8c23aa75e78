"""Issue 22: no command writes a silently broken file. On content with a problem that leaves
something out, `export`, `tour-export` and `handout` write nothing and exit 1; with
`--allow-problems` they write the file with a banner naming what is missing."""

from __future__ import annotations

import pytest

from escape_routes.__main__ import main
from escape_routes.content.model import Atlas, Effect, Problem
from escape_routes.outputs import guard
from tests.hostile import PAYLOADS
from tests.worked_example import add_example, entry

COMMANDS = ["export", "tour-export", "handout"]
CAUSE = (
    "content/quotes.yaml: q-crisis-park-find-her: kind: 'quoted statement' is not a kind of "
    "quote in content/vocabulary.yaml"
)


@pytest.fixture
def broken(content_copy, monkeypatch):
    """A copy of the content where the worked example's kind is written in words."""
    add_example(content_copy, entry().replace("quoted_statement", "quoted statement"))
    monkeypatch.setenv("ESCAPE_ROUTES_CONTENT", str(content_copy.content))
    monkeypatch.setenv("ESCAPE_ROUTES_GEODATA", str(content_copy.geodata))
    return content_copy


@pytest.mark.parametrize("command", COMMANDS)
def test_refuses_to_write_a_broken_atlas(broken, tmp_path, capsys, command):
    """The command exits 1, writes nothing, and says the cause and how to go on."""
    out = tmp_path / "out.html"
    assert main([command, str(out)]) == 1
    assert not out.exists()
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(CAUSE) and err[0].endswith(
        "and 1 reference to it (geodata/places.geojson: china)"
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
    assert "Left out: quote q-crisis-park-find-her — " + CAUSE.replace("'", "&#x27;") in html
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
