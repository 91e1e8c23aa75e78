"""The app (AppTest) on broken copies of the fixture: a banner names each problem, and every
record still valid is drawn. (One browser test shows the same in Chromium:
tests/browser/test_broken_content.py.)

Each copy is checked here, in this process, and stored as its compiled version, which the app
then reads: that a server compiles a copy it has no version of, in a child process, is
tests/test_compiled.py's to show, and a child process per case cost a second each."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from escape_routes.content import compiled
from escape_routes.content.paths import ROOT
from escape_routes.rules.validator import load_atlas
from tests.broken import CASES
from tests.conftest import content_env
from tests.test_app import map_args


@pytest.mark.parametrize("case", list(CASES))
def test_banner_names_problem_and_map_draws(content_copy, monkeypatch, tmp_path, case):
    """Each broken-file case: a banner with the message, and every valid route and place on the
    map with its legend."""
    expected = CASES[case](content_copy)
    for name, value in content_env(content_copy).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv(compiled.CACHE_ENV, str(tmp_path / "compiled"))
    valid = load_atlas(content_copy)  # what is still valid must be drawn
    compiled.write(valid, compiled.fingerprint(content_copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("problem(s) in the content" in e.value for e in at.error)
    assert any(expected in t.value for t in at.text), [t.value for t in at.text]
    args = map_args(at)
    drawn = args["feature_group"]
    for rid in valid.routes:
        if valid.route_segments(rid):
            assert f"er-route-{rid}" in drawn, rid
    for pid in valid.places:
        assert len(re.findall(rf"er-id-{pid}(?![\w-])", drawn)) == 1, pid
    assert "er-legend" in args["script"]
    assert len(list((tmp_path / "compiled").glob("*.pickle"))) == 1  # the app read this one
