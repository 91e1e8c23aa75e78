"""GDAL's own command-line tools (Debian's gdal-bin), as a reader of our layer files that is not
our code: ``ogrinfo`` for layers, counts, types and CRS, ``ogr2ogr`` to GeoJSON for the values.

``make test`` installs gdal-bin when it is missing and may (like chromium); without it the
tests that need it skip, except in CI, where they fail.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from escape_routes.content.paths import in_ci


def need_gdal() -> None:
    """Skip (fail in CI) without ogrinfo and ogr2ogr."""
    if shutil.which("ogrinfo") and shutil.which("ogr2ogr"):
        return
    message = "GDAL's ogrinfo/ogr2ogr not found (Debian's gdal-bin; make test installs it)"
    if in_ci():
        pytest.fail(f"{message}; required in CI")
    pytest.skip(message)


def _run(*cmd: str) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"{' '.join(cmd)}:\n{done.stderr}"
    return done.stdout


@dataclass(frozen=True)
class LayerInfo:
    """What ``ogrinfo -so`` says of one layer."""

    name: str
    geometry: str
    count: int
    srs: str  # the WKT ogrinfo prints


def layers(path: Path, *open_options: str) -> dict[str, LayerInfo]:
    """Every layer GDAL finds in a file, by name, in order (``ogrinfo -so -al``)."""
    out = _run("ogrinfo", "-ro", "-so", "-al", *open_options, str(path))
    found = {}
    for block in out.split("\nLayer name: ")[1:]:
        name = block.split("\n", 1)[0]
        geometry = re.search(r"^Geometry: (.*)$", block, re.M)
        count = re.search(r"^Feature Count: (\d+)$", block, re.M)
        srs = block.split("Layer SRS WKT:", 1)[-1]
        found[name] = LayerInfo(
            name, geometry.group(1) if geometry else "", int(count.group(1)), srs
        )
    return found


def metadata(path: Path) -> str:
    """ogrinfo's report of a dataset, its metadata included."""
    return _run("ogrinfo", "-ro", "-so", "-al", str(path))


def features(path: Path, layer: str, *open_options: str) -> list[dict]:
    """A layer's features as ogr2ogr converts them to GeoJSON."""
    out = _run(
        "ogr2ogr", "-f", "GeoJSON", *open_options, "/vsistdout/",
        str(path), layer,
    )  # fmt: skip
    return json.loads(out)["features"]


def is_wgs84(srs: str) -> bool:
    """Whether ogrinfo's WKT is EPSG:4326."""
    return 'ID["EPSG",4326]' in srs
