"""Nothing broken leaves the machine unannounced.

Every command that writes a file from the content (``export``, ``tour-export``, ``handout``, the
layers) calls :func:`check_before_writing` first: when the content has problems that leave
something out, it refuses with the one-line causes, unless the teacher asked for the file
anyway (``--allow-problems``); then the file carries a visible banner naming what is missing
(:func:`with_banner` for an HTML file; another format writes :func:`check_before_writing`'s
lines where its reader will see them).
"""

from __future__ import annotations

import re

from escape_routes.content.model import Atlas
from escape_routes.html.render import esc
from escape_routes.rules import report

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
            + f"\nnothing was written: {report.summary(atlas.problems)}, and the file would "
            f"lack what they leave out. Fix them (python -m escape_routes validate lists them), "
            f"or write the file anyway with {ALLOW_OPTION}: it then says what is missing."
        )
    return missing


def with_banner(html: str, missing: list[str]) -> str:
    """An HTML page with a banner at the top of its body naming what is missing (the page
    itself when nothing is)."""
    if not missing:
        return html
    items = "".join(f"<li>{esc(m)}</li>" for m in missing)
    banner = (
        '<div role="alert" data-testid="er-problems-banner" style="position:sticky;top:0;'
        "z-index:10000;background:#fff3cd;color:#3d2c00;border:3px solid #b00020;padding:.5em "
        '1em;font:16px/1.4 system-ui,sans-serif"><strong>This file is incomplete: the content '
        f"had {len(missing)} problem(s) when it was written, and what they concern is left "
        "out.</strong><details><summary>What is missing</summary><ul>"
        f"{items}</ul></details></div>"
    )
    match = _BODY.search(html)
    at = match.end() if match else 0
    return html[:at] + banner + html[at:]
