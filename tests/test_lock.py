"""The lock files agree with the requirements they are written from (README: "Dependencies")."""

from __future__ import annotations

import re

import pytest

from escape_routes.content.paths import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\#]+)\s*(;[^\\#]*)?")


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[tuple[str, str], str]:
    """(name, marker) -> version for every ``name==version`` line of a requirements text."""
    out = {}
    for line in text.splitlines():
        if m := PIN.match(line.strip()):
            out[(normalised(m[1]), (m[3] or "").strip("; "))] = m[2]
    return out


def locked_with_hashes(text: str) -> dict[tuple[str, str], str]:
    """The lock's pins, each checked to carry at least one hash."""
    entries = re.split(r"\n(?=[A-Za-z0-9])", text)
    out = {}
    for entry in entries:
        if m := PIN.match(entry):
            assert "--hash=sha256:" in entry, f"{m[1]} has no hash in the lock"
            out[(normalised(m[1]), (m[3] or "").strip("; "))] = m[2]
    return out


@pytest.mark.parametrize("name", ["requirements", "requirements-dev"])
def test_every_pin_is_the_locked_version(name):
    wanted = pins((ROOT / f"{name}.txt").read_text(encoding="utf-8"))
    locked = locked_with_hashes((ROOT / f"{name}.lock").read_text(encoding="utf-8"))
    assert wanted, f"{name}.txt pins nothing"
    wrong = {
        pkg: (version, locked.get(pkg, "missing"))
        for pkg, version in wanted.items()
        if locked.get(pkg) != version
    }
    assert not wrong, f"{name}.lock is stale (run make lock): {wrong}"


def test_the_whole_environment_keeps_the_apps_versions():
    """requirements-dev.lock is resolved within requirements.lock: the app is tested with the
    versions it runs with."""
    app = locked_with_hashes((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    dev = locked_with_hashes((ROOT / "requirements-dev.lock").read_text(encoding="utf-8"))
    assert {k: dev.get(k) for k in app} == app


def test_pin_parsing():
    text = 'a_B==1.0 \\\n    --hash=sha256:00\nc==2 ; sys_platform == "win32" \\\n    --hash=x\n'
    assert pins(text) == {("a-b", ""): "1.0", ("c", 'sys_platform == "win32"'): "2"}
    with pytest.raises(AssertionError, match="no hash"):
        locked_with_hashes("d==3\n")
