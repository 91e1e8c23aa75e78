"""AppTest on the fixture content: every page runs; filters change the map's layers; bad links
warn, never crash."""

from __future__ import annotations

import json

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from escape_routes.content.paths import ROOT
from escape_routes.content.sentences import plain
from escape_routes.ui import keys as K

PAGES = [
    "pages/map_page.py",
    "pages/tour_page.py",
    "pages/sources_page.py",
    "pages/numbers_page.py",
    "pages/about_page.py",
]


@pytest.fixture(autouse=True)
def _fixture_content(fixture_app):
    """Every test here runs the app on the fixture content."""


@pytest.fixture(autouse=True)
def _navigation_as_on_a_running_server(monkeypatch):
    """AppTest makes a new PagesManager for every run and resets Streamlit's process-wide "this
    app has a pages/ folder" flag, as if each run were a fresh server's very first request; with
    the flag set, a run that names a page runs that page's script alone. On a running server the
    flag is cleared for good once app.py's st.navigation has run (streamlit/commands/
    navigation.py). Keep it cleared here, as on a running server; the browser tests check what a
    fresh server does with a deep link."""
    init = PagesManager.__init__

    def init_cleared(self, *args, **kwargs):
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init_cleared)


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)


def map_args(at: AppTest) -> dict:
    """The arguments the streamlit-folium component was given (its generated code)."""
    for el in at.get("component_instance"):
        if "st_folium" in el.proto.component_name:
            return json.loads(el.proto.json_args)
    raise AssertionError("no map component on the page")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(page):
    """Each page renders without an exception and without a content-problem banner."""
    at = app()
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_filter_changes_layers_not_the_map():
    """Choosing a risk changes the layers handed to the map; the base map code is unchanged."""
    at = app()
    at.run()
    before = map_args(at)
    at.multiselect(key=K.RISKS).set_value(["sold-as-bride"]).run()
    after = map_args(at)
    assert after["feature_group"] != before["feature_group"]
    assert after["script"] == before["script"]
    assert at.query_params["risks"] == "sold-as-bride"


def test_bad_link_parameters_warn():
    """Unknown or malformed link parameters give a visible warning and are ignored."""
    at = app()
    at.query_params.update({"risks": "no-such-risk", "bogus": "1", "from": "soon"})
    at.run()
    assert not at.exception
    assert at.warning, "a warning should name what was ignored"
    shown = " ".join(t.value for t in at.text)
    assert "no-such-risk" in shown and "bogus" in shown and "soon" in shown


def test_link_restores_filters():
    """A link's filters land in the sidebar widgets."""
    at = app()
    at.query_params.update({"risks": "sold-as-bride,sent-back", "mode": "all"})
    at.run()
    assert sorted(at.multiselect(key=K.RISKS).value) == ["sent-back", "sold-as-bride"]
    assert at.radio(key=K.MODE).value == "all"


def test_tour_step_from_link():
    """`?step=1` opens the tour on step 1, and Next moves to 2."""
    at = app()
    at.query_params["step"] = "1"
    at.run()
    at.switch_page("pages/tour_page.py").run()
    assert any(h.value.startswith("1. ") for h in at.title)
    at.button[1].click().run()
    assert any(h.value.startswith("2. ") for h in at.title)


def test_care_note_shows_in_presenter_mode(atlas):
    """A step with distressing passages warns the class in presenter mode too."""
    n = next(i for i, s in enumerate(atlas.tour, start=1) if s.care)
    care = plain(atlas.tour[n - 1].care)
    at = app()
    at.query_params["step"] = str(n)
    at.run()
    at.switch_page("pages/tour_page.py").run()
    assert any(care[:40] in w.value.replace("\\", "") for w in at.warning)
    at.toggle(key=K.PRESENTER).set_value(True).run()
    assert any(care[:40] in w.value.replace("\\", "") for w in at.warning)
    advice = care.partition(". ")[2]  # to the teacher: not on the projector
    assert advice and not any(advice[:30] in w.value.replace("\\", "") for w in at.warning)
    assert not at.expander, "presenter notes stay hidden in presenter mode"


def test_year_filter_says_what_it_filters_by():
    """The slider's label follows the choice between reported and happened years."""
    at = app()
    at.run()
    assert any(s.label == "Reported between" for s in at.slider)
    at.radio(key=K.DATES).set_value("happened").run()
    assert any(s.label == "Happened between" for s in at.slider)
    assert at.query_params["dates"] == "happened"


def test_rerun_without_change_keeps_map_code_identical():
    """A rerun with the same filters hands the map the same code, so nothing is redrawn
    (and a popup the user opened stays open)."""
    at = app()
    at.run()
    first = map_args(at)
    at.run()
    assert map_args(at) == first


def test_text_alternative_lists_visible_routes_and_places(atlas):
    """The text alternative shows every visible segment and place as table rows."""
    at = app()
    at.run()
    at.toggle(key=K.TEXT_ALT).set_value(True).run()
    segs, places = at.dataframe[-2].value, at.dataframe[-1].value
    assert len(segs) == len(atlas.segments)
    assert set(places["Place"]) == {p.name for p in atlas.places.values()}


def test_routes_risks_table_is_sent_only_when_opened(atlas):
    """The routes x risks table is behind a toggle (its code is a third of a first visit):
    closed, no table is sent; opened, it lists every visible route."""
    at = app()
    at.run()
    assert not at.dataframe
    at.toggle(key=K.MATRIX_OPEN).set_value(True).run()
    assert len(at.dataframe) == 1
    assert len(at.dataframe[0].value) == len(atlas.routes)
