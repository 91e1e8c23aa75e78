"""make serve's HAProxy configuration: compression, the cut-down icon font (deploy/)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys

import pytest
from fontTools.ttLib import TTFont

from deploy import iconfont, serve
from testkit.servers import REPO


def test_config_compresses_text_and_answers_the_icon_font(tmp_path):
    """The printed configuration compresses every text type the app serves, offloads it from
    the workers, and answers Streamlit's icon font address with the cut-down file; HAProxy
    accepts it."""
    out = subprocess.run(
        [sys.executable, str(REPO / "deploy" / "serve.py"), "--workers", "0",
         "--server", "127.0.0.1:9", "--print-config", "--font-dir", str(tmp_path)],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    types = next(line for line in out.splitlines() if "compression type" in line).split()[2:]
    assert set(types) >= {"text/javascript", "text/css", "text/html", "application/json",
                          "application/geo+json", "image/svg+xml"}  # fmt: skip
    assert "compression algo gzip" in out and "compression offload" in out
    font = iconfont.source()
    assert font is not None, "Streamlit's icon font not found: update deploy/iconfont.py"
    assert f"file {tmp_path / font.name}" in out and f"path {iconfont.url_path(font)}" in out
    assert (tmp_path / font.name).stat().st_size < 20_000
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if os.access(haproxy, os.X_OK):  # without it (a clone with no HAProxy) the rest still ran
        cfg = tmp_path / "haproxy.cfg"
        cfg.write_text(out)
        check = subprocess.run([haproxy, "-c", "-f", str(cfg)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr


def test_icon_font_keeps_exactly_the_named_icons():
    """Every icon Streamlit's frontend and the app name is a ligature of the cut-down font;
    an icon no one names is not."""
    font = iconfont.source()
    assert font is not None
    names = iconfont.icon_names()
    assert {"keyboard_double_arrow_left", "keyboard_arrow_right", "map", "school"} <= set(names)
    data, missing = iconfont.build(font, names)
    assert len(missing) <= 2, missing  # Streamlit names a few it does not draw as ligatures
    cut = TTFont(io.BytesIO(data))
    cmap = cut.getBestCmap()
    ligatures = {
        (first, *lig.Component)
        for table in iconfont._ligature_subtables(cut)
        for first, ligs in table.ligatures.items()
        for lig in ligs
    }

    def drawn(name: str) -> bool:
        return tuple(cmap.get(ord(c)) for c in name) in ligatures

    assert all(drawn(n) for n in names if n not in missing)
    assert "pets" not in names and not drawn("pets")


def test_print_config_needs_something_to_serve():
    """No workers and no servers: a clear error, not an empty backend."""
    with pytest.raises(SystemExit):
        serve.main(["--workers", "0", "--print-config"])
