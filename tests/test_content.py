"""The validator on the fixture content: it passes; each kind of broken file gives its exact
message. (The real content is checked by `make test`'s validate and test_real_content.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from escape_routes.__main__ import main
from escape_routes.content.paths import ROOT, Paths
from escape_routes.content.textnorm import fold, repair_mojibake
from escape_routes.rules.validator import load_atlas
from tests.broken import CASES
from tests.conftest import content_env, fixture_paths


def run_validate(paths: Paths, *args: str, **env: str | None) -> subprocess.CompletedProcess:
    """`python -m escape_routes validate ARGS` on a content folder (and its texts)."""
    full_env = {**os.environ, **content_env(paths), **env}
    return subprocess.run(
        [sys.executable, "-m", "escape_routes", "validate", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={k: v for k, v in full_env.items() if v is not None},
        check=False,
    )


@pytest.fixture
def validate(monkeypatch, capsys):
    """`validate ARGS` in this process on a content folder: (exit code, what it printed).
    Environment variables given as None are unset."""

    def run(paths: Paths, *args: str, **env: str | None) -> tuple[int, str]:
        for name, value in {**content_env(paths), **env}.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        code = main(["validate", *args])
        return code, capsys.readouterr().out

    return run


def messages(paths: Paths) -> list[str]:
    return [str(p) for p in load_atlas(paths).problems]


def first(path: Path) -> dict:
    """The first record of a YAML list file."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))[0]


def test_fixture_content_is_valid(atlas):
    """Every rule holds on the fixture, its quotes checked against its own texts, and it has
    every kind of record the tests use."""
    assert [str(p) for p in atlas.problems] == []
    assert atlas.notes == ()
    assert len(atlas.routes) == 2 and len(atlas.quotes) == 5 and len(atlas.tour) == 2
    assert atlas.places and atlas.segments and atlas.risks and atlas.figures


def test_validate_cli_prints_counts():
    """`python -m escape_routes validate` exits 0 and prints its counts."""
    run = run_validate(fixture_paths())
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[-1].startswith("ok: 2 sources, 5 quotes, ")


@pytest.mark.parametrize("case", list(CASES))
def test_broken_file_gives_its_message(content_copy, case):
    """Each broken-file case gives its one precise message (file, id, field, what)."""
    expected = CASES[case](content_copy)
    msgs = messages(content_copy)
    assert any(m.startswith(expected) for m in msgs), (expected, msgs)


def test_dangling_quote_costs_only_the_reference(atlas, content_copy):
    """A place citing a missing quote stays on the map with its valid quotes."""
    before = atlas.places  # the fixture, as the copy was
    CASES["dangling_quote_id"](content_copy)
    after = load_atlas(content_copy).places
    assert after.keys() == before.keys()
    assert all(q in before[k].quotes for k in after for q in after[k].quotes)


def test_broken_risks_file_keeps_places_and_routes(atlas, content_copy):
    """With risks.yaml unreadable, every place and route is still there, without risk badges."""
    good = atlas  # the fixture, as the copy was
    CASES["malformed_yaml"](content_copy)
    broken = load_atlas(content_copy)
    assert broken.places.keys() == good.places.keys()
    assert broken.segments.keys() == good.segments.keys()
    assert not any(p.risks for p in broken.places.values())


def test_wrong_country_message_gives_distance(content_copy):
    """The country check says how far outside the place lies."""
    expected = CASES["place_in_wrong_country"](content_copy)
    msgs = [m for m in messages(content_copy) if m.startswith(expected)]
    assert len(msgs) == 1 and msgs[0].endswith("km outside MNG"), msgs


def test_duplicate_yaml_key(content_copy):
    """A key written twice in one record is an error, not silently the last one."""
    path = content_copy.content / "risks.yaml"
    text = path.read_text()
    rid = first(path)["id"]
    path.write_text(text.replace(f"id: {rid}\n", f"id: {rid}\n  id: {rid}\n", 1))
    assert any("duplicate key 'id'" in m for m in messages(content_copy))


def test_broken_content_keeps_the_rest(atlas, content_copy):
    """One place with an unsourced number is left out; every other place and route stays."""
    good = atlas  # the fixture, as the copy was
    path = content_copy.geodata / "places.geojson"
    data = json.loads(path.read_text())
    data["features"][0]["properties"]["summary"] += " 987654"
    path.write_text(json.dumps(data))
    broken = load_atlas(content_copy)
    assert len(broken.places) == len(good.places) - 1
    assert broken.segments.keys() == good.segments.keys()


def test_risk_without_backing_quote(atlas, content_copy):
    """Rule 2: a risk on a place must be carried by one of the place's own quotes."""
    place = next(iter(atlas.places.values()))
    unbacked = next(
        r for r in atlas.risks if not any(r in atlas.quotes[q].risks for q in place.quotes)
    )
    path = content_copy.geodata / "places.geojson"
    data = json.loads(path.read_text())
    feat = next(f for f in data["features"] if f["properties"]["id"] == place.id)
    feat["properties"]["risks"].append(unbacked)
    path.write_text(json.dumps(data))
    assert (
        f"geodata/places.geojson: {place.id}: risks: no attached quote is tagged {unbacked!r}: "
        "tag one of its quotes, or remove it here"
    ) in messages(content_copy)


def test_number_without_quote(content_copy):
    """Rule 4: a number in a summary that no attached quote states is reported."""
    path = content_copy.geodata / "places.geojson"
    data = json.loads(path.read_text())
    feat = data["features"][0]
    feat["properties"]["summary"] += " About 987654 people passed."
    path.write_text(json.dumps(data))
    pid = feat["properties"]["id"]
    assert (
        f"geodata/places.geojson: {pid}: summary: number 987654 is not in any attached quote"
        in messages(content_copy)
    )


def _without_texts(copy: Paths, tmp_path: Path) -> Paths:
    nowhere = (tmp_path / "empty", tmp_path / "also-empty")
    return Paths(copy.content, copy.geodata, None, nowhere)


def test_sources_missing_outside_ci(content_copy, tmp_path, monkeypatch):
    """Without the supplied texts the verbatim check says it was skipped, and where it looked."""
    monkeypatch.delenv("CI", raising=False)
    atlas = load_atlas(_without_texts(content_copy, tmp_path))
    assert atlas.problems == ()
    [note] = atlas.notes
    assert note.startswith("verbatim check skipped") and str(tmp_path / "also-empty") in note


def test_sources_missing_in_ci_is_an_error(content_copy, tmp_path, monkeypatch):
    """In CI the supplied texts must be there: their absence fails validation."""
    monkeypatch.setenv("CI", "true")
    assert any("required in CI" in m for m in messages(_without_texts(content_copy, tmp_path)))


def test_sources_folder_is_found_in_order(tmp_path, monkeypatch):
    """The environment variable wins; otherwise the first default folder holding texts."""
    from escape_routes.content import paths as P

    first, second = tmp_path / "first", tmp_path / "second"
    second.mkdir()
    (second / "000_x.txt").write_text("text")
    monkeypatch.setattr(P, "DEFAULT_SOURCE_DIRS", (first, second))
    monkeypatch.delenv(P.SOURCES_ENV, raising=False)
    assert P.find_sources() == (second, (first, second))
    first.mkdir()  # an empty folder does not count
    assert P.find_sources()[0] == second
    monkeypatch.setenv(P.SOURCES_ENV, str(first))
    assert P.find_sources() == (None, (first,))


def test_validate_without_texts_says_skipped(validate, content_copy, tmp_path):
    """On a user's machine without the texts, `validate` passes and says what it skipped."""
    code, out = validate(
        content_copy, CI=None, ESCAPE_ROUTES_SOURCES=str(tmp_path / "no-texts-here")
    )
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].startswith("note: verbatim check skipped") and "no-texts-here" in lines[0]
    assert lines[-1].startswith("ok: ")


def test_validate_sources_option(validate, content_copy, tmp_path):
    """`validate --sources DIR` checks against that folder (here: one without the texts)."""
    (tmp_path / "wrong").mkdir()
    (tmp_path / "wrong" / "unrelated.txt").write_text("nothing quoted here")
    code, out = validate(content_copy, "--sources", str(tmp_path / "wrong"))
    assert code == 1
    source = first(content_copy.content / "sources.yaml")
    assert f"content/sources.yaml: {source['id']}: file: {source['file']} not found" in out


def test_validate_exits_nonzero_on_problems(validate, content_copy):
    """The CLI exits 1 and prints one line per problem."""
    (content_copy.content / "quotes.yaml").write_text("")
    code, out = validate(content_copy)
    assert code == 1
    assert "content/quotes.yaml: file is empty" in out


def test_mojibake_repaired_and_folded():
    """The known mojibake of text 003 is repaired; typography folds."""
    assert repair_mojibake("arenโ€™t") == "aren’t"
    assert repair_mojibake("US$2โ€“US3") == "US$2–US3"
    assert fold("“Hello”  –\n world’s") == '"Hello" - world\'s'


def test_every_quote_is_verbatim_in_its_source(atlas):
    """Rule 1, stated directly: each quote, folded, occurs in its folded source text."""
    texts = fixture_paths().sources
    for q in atlas.quotes.values():
        src = atlas.sources[q.source]
        assert fold(q.text) in fold((texts / src.file).read_text(encoding="utf-8")), q.id


def test_coordinates_must_match_their_geonames_town(content_copy):
    """Rule 5: a place's point sits on the GeoNames town it cites (1 km slack)."""
    path = content_copy.geodata / "places.geojson"
    data = json.loads(path.read_text())
    feat = next(f for f in data["features"] if f["properties"]["precision"] == "city")
    pid = feat["properties"]["id"]
    feat["properties"]["geonames_id"] = 2033370  # Yingkou, not the town it names
    path.write_text(json.dumps(data))
    assert any(
        m.startswith(f"geodata/places.geojson: {pid}: geometry: ") and "(Yingkou)" in m
        for m in messages(content_copy)
    )


def test_file_that_is_not_utf8(content_copy):
    """A file saved in another encoding is named, not a crash."""
    (content_copy.content / "risks.yaml").write_bytes(b"- id: caf\xe9\n")
    assert any(m.startswith("content/risks.yaml: cannot be read: ") for m in messages(content_copy))


def test_duplicate_geojson_key(content_copy):
    """GeoJSON rejects a key given twice, as YAML does."""
    path = content_copy.geodata / "places.geojson"
    text = path.read_text()
    path.write_text(text.replace('"id": ', '"id": "dup", "id": ', 1))
    assert (
        "geodata/places.geojson: duplicate key 'id' (a name given twice in one object): keep one"
    ) in messages(content_copy)


def test_unknown_term_is_rejected(content_copy):
    """A record using a term the vocabulary lacks is named, with the vocabulary table."""
    path = content_copy.content / "sources.yaml"
    data = yaml.safe_load(path.read_text())
    data[0]["kind"] = "tabloid"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert (
        f"content/sources.yaml: {data[0]['id']}: kind: 'tabloid' is not a kind of source in "
        "content/vocabulary.yaml; use one of: blog_post, news_report"  # the fixture's kinds
    ) in messages(content_copy)


def test_atlas_is_immutable(atlas):
    """Nothing can change the shared atlas after loading: tables and records are read-only."""
    with pytest.raises(TypeError):
        atlas.places["x"] = None  # type: ignore[index]
    with pytest.raises(AttributeError):
        atlas.places = {}  # type: ignore[misc]
    place = next(iter(atlas.places.values()))
    with pytest.raises(ValueError):
        place.name = "changed"  # type: ignore[misc]
    assert isinstance(place.quotes, tuple)


def test_a_changed_source_text_is_read_again(content_copy):
    """A supplied text changed after a check (a server that keeps running) is checked anew."""
    assert messages(content_copy) == []
    source = first(content_copy.content / "sources.yaml")
    (content_copy.sources / source["file"]).write_text("Nothing quoted here.\n", encoding="utf-8")
    assert any(f"not found verbatim in {source['file']}" in m for m in messages(content_copy))
