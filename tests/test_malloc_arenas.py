"""The server asks glibc for two malloc arenas, unless the environment already says how many."""

from __future__ import annotations

import platform

from escape_routes.ui import malloc


def test_glibc_takes_the_limit(monkeypatch):
    """On glibc the setting is taken; elsewhere nothing is done and nothing fails."""
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert malloc.limit_arenas() is (platform.libc_ver()[0] == "glibc")


def test_a_value_in_the_environment_is_left_as_it_is(monkeypatch):
    """``MALLOC_ARENA_MAX`` set (make serve sets 2; a host may set another): not overridden."""
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert malloc.limit_arenas() is False
