"""Our stylesheets: CSS files in ``escape_routes/html/css/``, read through the one Environment.

- :func:`stylesheet` gives files' text, one after another, for a ``<style>`` element: inlined
  once in each one-file output, and in the few small styles of the app's pages that carry values
  from Python (sizes, widget keys), which those files take as template values (``{{ top }}``);
- :func:`publish` writes a stylesheet into Streamlit's ``static/`` folder, to be linked once per
  page (:func:`escape_routes.ui.layout.base_style`).

``base.css`` names what every page shares (the font stack, ``var(--er-font)``): put it first.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from markupsafe import Markup

from escape_routes.html.templates import render

_COMMENT = re.compile(r"/\*.*?\*/\n?", re.DOTALL)


def stylesheet(*names: str, **values: object) -> Markup:
    """The files ``css/NAME`` for each name, rendered with ``values``, joined by newlines;
    comments (for the reader of the file) left out.

    Raises
    ------
    ValueError
        If a file holds ``</`` (it would end the ``<style>`` element it is put in).
    """
    parts = [Markup(_COMMENT.sub("", render(f"css/{name}", **values)).strip()) for name in names]
    for name, text in zip(names, parts, strict=True):
        if "</" in text:
            raise ValueError(f"css/{name} must not contain '</'")
    return Markup("\n").join(parts)


def publish(folder: Path, name: str, css: str) -> str:
    """Write ``css`` to ``folder/name`` unless it is there already (atomically: a reader never
    sees half a file), and return ``name?v=HASH``: a new version of the file gets a new
    address, so a browser never keeps an old copy."""
    data = css.encode("utf-8")
    target = folder / name
    if not (target.is_file() and target.read_bytes() == data):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return f"{name}?v={hashlib.sha256(data).hexdigest()[:12]}"
