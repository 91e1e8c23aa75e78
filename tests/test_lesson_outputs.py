"""A lesson drives the tour file, the handout and the worksheet; the guide's plans are lessons;
each step's printed map shows the step's own places; tour popups never point to a panel."""

from __future__ import annotations

import pytest

from escape_routes.__main__ import main
from escape_routes.content.guide import read_guide
from escape_routes.content.paths import ROOT
from escape_routes.content.sentences import parse
from escape_routes.explore import tour_steps
from escape_routes.explore.lesson import from_link
from escape_routes.html.templates import escape_text
from escape_routes.map import folium_map
from escape_routes.outputs import guide as guide_out
from escape_routes.outputs import handout, tourfile, worksheet
from escape_routes.outputs.mapframe import H, W, fit_step
from escape_routes.rules.guide import check_guide
from escape_routes.rules.validator import load_atlas


@pytest.fixture(scope="session")
def atlas(real_atlas):
    """A lesson is made of the shipped tour's steps (its fifteen steps, its care steps, the
    guide's plans): these tests read the shipped content, not the two-step fixture."""
    return real_atlas


HOSTILE = "<script>alert(1)</script> **b** {{7*7}} $x$ `c`"


def test_a_lesson_drives_every_file(atlas):
    """Steps 4, 2, 9 in that order with an own question: the tour file, the handout and the
    worksheet show those steps, in that order, with the question escaped."""
    lesson, warnings = from_link(f"steps=4,2,9&q2={HOSTILE}", atlas)
    assert warnings == []
    titles = [atlas.tour[n - 1].title for n in (4, 2, 9)]
    files = {
        "tour": tourfile.tour_html(atlas, lesson),
        "handout": handout.handout(atlas, lesson),
        "worksheet": worksheet.worksheet(atlas, lesson),
    }
    for name, html in files.items():
        at = [html.index(f"{n}. {escape_text(t)}") for n, t in enumerate(titles, 1)]
        assert at == sorted(at), name
        assert escape_text(HOSTILE) in html and "<script>alert" not in html, name
        assert escape_text(atlas.tour[5].title) not in html.split("<main")[-1], name
    assert files["tour"].count('class="t-step"') == 3


def test_care_skip_leaves_the_care_steps_out_of_the_files_and_says_so(atlas):
    """A lesson without its care steps: they are not in the handout, which says how many are
    left out."""
    lesson, _ = from_link("care=skip", atlas)
    html = handout.handout(atlas, lesson)
    care = [s for s in atlas.tour if s.care]
    for step in care:
        assert escape_text(step.title) not in html
    assert f"{len(care)} steps of the tour with distressing passages are left out" in html


def test_every_printed_map_shows_its_steps_places(atlas):
    """Each step's handout map is fitted to its places: all of them inside, clear of the edge
    (step 7's map holds Beijing, Shanghai and Hong Kong)."""
    for step in atlas.tour:
        frame = fit_step(atlas, step)
        for pid in step.places:
            x, y = frame.project(atlas.places[pid].lon, atlas.places[pid].lat)
            assert 0.05 * W <= x <= 0.95 * W and 0.05 * H <= y <= 0.95 * H, (step.id, pid)
    embassies = next(s for s in atlas.tour if s.id == "the-embassies")
    assert {"beijing-consulate", "shanghai-consulate", "hong-kong-consulate"} <= set(
        embassies.places
    )


def test_tour_popups_show_every_passage_and_no_panel(atlas):
    """The tour's popups hold every passage of each place and segment, and never point to a
    panel beside the map (the map page's popups do; the tour has none)."""
    for step in atlas.tour:
        visible = tour_steps.visible(atlas, step)
        for group in folium_map.layers(atlas, visible, popup_quotes=None):
            for layer in group._children.values():
                for feature in (getattr(layer, "data", None) or {}).get("features", []):
                    popup = feature["properties"]["popup"]
                    item = atlas.places.get(feature["id"]) or atlas.segments[feature["id"]]
                    assert popup.count('class="er-quote"') == len(item.quotes), item.id
                    assert "panel" not in popup, item.id
    assert "panel beside the map" not in tourfile.tour_html(atlas)


def test_the_guides_plans_are_lessons_of_fifty_and_twenty_five_minutes(atlas):
    """The guide's plans open as lesson links without a warning, and their parts add up to a
    50-minute and a 25-minute lesson; the steps with care notes are listed with their notes."""
    guide, problems = read_guide(ROOT / "content")
    assert guide is not None and problems == []
    minutes = sorted(
        p.before.minutes + guide_out.plan_lesson(atlas, p).minutes + p.after.minutes
        for p in guide.plans
    )
    assert minutes == [25, 50]
    for plan in guide.plans:
        lesson = guide_out.plan_lesson(atlas, plan)
        assert [s.step.id for s in lesson.order] == list(plan.steps)
        assert {s.step.id for s in lesson.order if s.question} == set(plan.questions)
    html = guide_out.guide_html(atlas, guide)
    for step in atlas.tour:
        for sentence in parse(step.care or ""):
            assert escape_text(sentence.text) in html
    assert 'href="tour?steps=' in html


def test_the_guide_is_held_to_the_wording_rules(atlas, real_content_copy):
    """A town no passage of the plan's steps names, a number, and an unknown step are problems
    of rule 8c; the real guide has none."""
    assert check_guide(atlas, real_content_copy) == []
    path = real_content_copy.content / "guide.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Open the map.", "Open the map of Cambodia from 1999.")
    text = text.replace("[a-readers-proposal, kim-jeong-ah]", "[a-readers-proposal, nowhere]")
    path.write_text(text, encoding="utf-8")
    found = [str(p) for p in check_guide(atlas, real_content_copy)]
    assert (
        "content/guide.yaml: full-lesson: before.text: “Open the map of Cambodia from 1999.” is "
        "marked [ours] but names Cambodia, 1999: end it with the quotes that say so, [@quote-id]"
    ) in found
    assert any("no tour step 'nowhere'" in p for p in found)
    assert all(p.rule == "R8c" for p in load_atlas(real_content_copy).problems)


def test_a_broken_guide_is_a_problem_not_a_crash(atlas, real_content_copy):
    """A guide with a tab for indentation is one reported problem; the map is untouched."""
    path = real_content_copy.content / "guide.yaml"
    path.write_text("title: x\n\tintro: y\n", encoding="utf-8")
    found = check_guide(atlas, real_content_copy)
    assert len(found) == 1 and found[0].file == "content/guide.yaml"
    atlas2 = load_atlas(real_content_copy)
    assert len(atlas2.tour) == len(atlas.tour) and atlas2.places.keys() == atlas.places.keys()


@pytest.mark.parametrize("command", ["tour-export", "handout", "worksheet"])
def test_command_line_takes_steps_and_a_lesson_link(tmp_path, command, capsys, atlas):
    """`tour-export OUT --steps 4,2,9`, and `--lesson 'URL'` with the link's own question."""
    out = tmp_path / "out.html"
    assert main([command, str(out), "--steps", "4,2,9"]) == 0
    html = out.read_text(encoding="utf-8")
    at = [html.index(escape_text(atlas.tour[n - 1].title)) for n in (4, 2, 9)]
    assert at == sorted(at)
    link = "http://localhost:8501/tour?steps=2,7&q2=Own%20question%3F&step=2&present=1"
    assert main([command, str(out), "--lesson", link]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Own question?" in html and escape_text(atlas.tour[3].title) not in html
    assert main([command, str(out), "--steps", "4,99"]) == 0
    assert "no tour step '99'" in capsys.readouterr().err


def test_command_line_writes_the_guide(tmp_path, capsys):
    """`guide OUT --app-url URL`: its lesson links open that app."""
    out = tmp_path / "guide.html"
    assert main(["guide", str(out), "--app-url", "http://school:8501/"]) == 0
    assert 'href="http://school:8501/tour?steps=' in out.read_text(encoding="utf-8")


def test_a_content_folder_without_a_guide_has_no_guide_and_no_problem(tmp_path):
    """The guide is optional: no content/guide.yaml gives no guide and no problem; a broken one
    gives no guide and a problem naming the file."""
    assert read_guide(tmp_path) == (None, [])
    (tmp_path / "guide.yaml").write_text("intro: [unclosed\n", encoding="utf-8")
    guide, problems = read_guide(tmp_path)
    assert guide is None and problems and problems[0].file == "content/guide.yaml"
