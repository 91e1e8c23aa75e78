"""The tour's sentences name their passages (issue 16 section 1): the shipped tour is marked
sentence by sentence, the rules read each sentence against its own quotes, the markers link to
the step's passages, and no raw marker ([@…], [ours]) reaches any page or file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from escape_routes.__main__ import main
from escape_routes.content.paths import ROOT
from escape_routes.content.sentences import parse, split
from escape_routes.html.provenance import step_plain
from escape_routes.outputs import handout, tourfile
from escape_routes.rules.validator import load_atlas
from escape_routes.ui import keys as K
from tests.broken_tour_sentences import TOUR_SENTENCE_CASES

RAW = re.compile(r"\[@|\[ours\]")


def test_the_shipped_tour_is_marked_sentence_by_sentence(real_atlas):
    """Every sentence of every step's body, notes and care note names its passages or is
    marked [ours]; a question states a fact only with its passages."""
    for step in real_atlas.tour:
        for fld in ("body", "notes", "care"):
            for s in parse(getattr(step, fld) or ""):
                assert s.quotes or s.ours, (step.id, fld, s.text)
                assert len(split(s.text)) == 1, (step.id, fld, s.text)
        for s in parse(step.question):
            assert s.quotes or s.text.endswith("?"), (step.id, s.text)
        assert all(q in step.quotes for s in parse(step.body) for q in s.quotes), step.id


@pytest.mark.parametrize("case", list(TOUR_SENTENCE_CASES))
def test_tour_sentence_rule_gives_its_message(real_content_copy, case):
    """Each broken tour sentence gives its one precise message (file, step, field, what)."""
    expected = TOUR_SENTENCE_CASES[case](real_content_copy)
    msgs = [str(p) for p in load_atlas(real_content_copy).problems]
    assert any(m.startswith(expected) for m in msgs), (expected, msgs)


def test_tour_file_markers_link_to_the_steps_passages(real_atlas):
    """In the tour file each sentence of a step's text carries [n], linking to the step's
    passage n shown beside it."""
    html = tourfile.tour_html(real_atlas)
    for n, step in enumerate(real_atlas.tour, start=1):
        start = html.index(f'<section class="t-step" id="step-{n}"')
        section = html[start : html.index("</section>", start)]
        for s in parse(step.body):
            for q in s.quotes:
                k = step.quotes.index(q) + 1
                assert f'href="#er-t{n}-{q}"' in section, (step.id, q)
                assert f'id="er-t{n}-{q}"' in section, (step.id, q)
                assert re.search(rf'href="#er-t{n}-{q}"[^>]*>\[{k}\]</a>', section), (step.id, q)


def test_care_note_marks_are_the_passages_numbers(real_atlas):
    """Off the projector a care note reads "… three times. [1] Tell the class …"."""
    step = next(s for s in real_atlas.tour if s.id == "hiding-and-trafficking")
    care = step_plain(real_atlas, step, step.care or "")
    assert "sold three times. [1] Tell the class" in care and not RAW.search(care)


@pytest.mark.parametrize(
    "command,name",
    [
        ("tour-export", "tour.html"),
        ("handout", "handout.html"),
        ("worksheet", "worksheet.html"),
        ("guide", "guide.html"),
        ("export", "map.html"),
        ("layers", "layers.geojson"),
        ("layers", "layers.kml"),
        ("layers", "layers.csv"),
    ],
)
def test_no_output_shows_a_raw_marker(tmp_path: Path, command, name):
    """No file the CLI writes from the shipped content holds "[@" or "[ours]"."""
    out = tmp_path / name
    assert main([command, str(out)]) == 0
    for path in tmp_path.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not RAW.search(text), (
            path.name,
            text[max(RAW.search(text).start() - 80, 0) :][:160],
        )


def test_handout_markers_number_the_printed_passages(real_atlas):
    """The handout prints [n] after a sentence and the same [n] on its passage."""
    html = handout.handout(real_atlas)
    assert 'class="er-mark" href="#er-h1-q-crisis-reasons-necessities"' in html
    assert 'id="er-h1-q-crisis-reasons-necessities"' in html


def _page_text(at: AppTest) -> str:
    """Everything the page's elements hold, markup and all."""
    out, stack = [], [at._tree]
    while stack:
        node = stack.pop()
        if getattr(node, "proto", None) is not None:
            out.append(str(node.proto))
        stack.extend(getattr(node, "children", {}).values())
    return "\n".join(out)


@pytest.mark.parametrize("mode", ["page", "presenter", "speaker"])
@pytest.mark.parametrize("n", [1, 4, 6])
def test_tour_page_shows_no_raw_marker(mode, n):
    """On the tour page (each mode) a step shows no "[@" or "[ours]"; off the projector its text
    carries markers that link to its passages on the same page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["step"] = str(n)
    if mode == "speaker":
        at.query_params["speaker"] = "1"
    at.run()
    at.switch_page("pages/tour_page.py").run()
    if mode == "presenter":
        at.toggle(key=K.PRESENTER).set_value(True).run()
    text = _page_text(at).replace('\\"', '"')
    found = RAW.search(text)
    assert not found, (mode, n, text[found.start() - 120 :][:240] if found else "")
    links = re.findall(r'class="er-mark" href="#(er-tp-[^"]+)"', text)
    if mode == "presenter":
        assert not links, "the projector shows no step text, so no markers"
    else:
        assert links and all(f'id="{a}"' in text for a in links), (mode, n, links)


def test_numbers_page_shows_no_raw_marker():
    """What a figure measures is marked in figures.yaml; the Numbers page shows it plain."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("pages/numbers_page.py").run()
    text = _page_text(at)
    assert "Deaths in the famine: the range of the estimates" in text
    assert not RAW.search(text)
