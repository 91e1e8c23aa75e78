"""Nothing broken leaves the machine unannounced.

Every command that writes a file from the content (``export``, ``tour-export``, ``handout``, the
layers) calls :func:`check_before_writing` first: when the content has problems that leave
something out, it refuses with the one-line causes, unless the teacher asked for the file
anyway (``--allow-problems``); then the file carries a visible banner naming what is missing
(:func:`with_banner` for an HTML file; another format writes :func:`check_before_writing`'s
lines where its reader will see them). A file downloaded from the app, whose banner the teacher
has seen, carries the same banner (:func:`announced`).
"""

from __future__ import annotations

import re

from escape_routes.content import report
from escape_routes.content.model import Atlas
from escape_routes.html.templates import render

ALLOW_OPTION = "--allow-problems"
_BODY = re.compile(r"<body\b[^>]*>", re.I)


class Refused(Exception):
    """The content has problems that leave something out, and the file was not asked for
    anyway; ``str()`` says what and how to go on."""


def check_before_writing(atlas: Atlas, allow_problems: bool) -> list[str]:
    """What a file written from this atlas would lack, one line per cause ([] when nothing).

    Raises
    ------
    Refused
        When something would be missing and ``allow_problems`` is false.
    """
    missing = report.missing(atlas.problems)
    if missing and not allow_problems:
        raise Refused(
            "\n".join(report.lines(atlas.problems))
            + f"\nnothing was written: the content has {report.summary(atlas.problems)}, and "
            "the file would lack what they leave out. Fix them (.venv/bin/python -m "
            f"escape_routes validate lists them), or write the file anyway with {ALLOW_OPTION}: "
            "it then says what is missing."
        )
    return missing


def with_banner(html: str, missing: list[str]) -> str:
    """An HTML page with a banner at the top of its body naming what is missing (the page
    itself when nothing is); the banner stays in view over the page, and prints in flow."""
    if not missing:
        return html
    banner = render("outputs/problems_banner.html", missing=missing)
    match = _BODY.search(html)
    at = match.end() if match else 0
    return html[:at] + str(banner) + html[at:]


def announced(html: str, atlas: Atlas) -> str:
    """An HTML page built from ``atlas``, with the banner when its content had problems that
    leave something out (the app's downloads: the app shows its own banner above them)."""
    return with_banner(html, report.missing(atlas.problems))
