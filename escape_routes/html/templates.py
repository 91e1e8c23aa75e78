"""The package's one Jinja2 Environment: HTML in template files, every value escaped by default.

Use it like this::

    from escape_routes.html.templates import render

    html = render("evidence/card.html", name=place.name, quotes=[...])   # -> Markup

- Templates are files below ``escape_routes/html/templates/`` (``render("a/b.html")`` reads
  ``templates/a/b.html``); stylesheets are files below ``escape_routes/html/css/``, reached as
  ``css/NAME`` (:mod:`escape_routes.html.styles` reads them).
- Python passes data (names, ids, numbers, lists, records), never HTML strings. Every
  ``{{ value }}`` is escaped by :func:`escape` unless it is already :class:`~markupsafe.Markup`:
  the result of :func:`render` (a fragment put into a page), or a value whose name ends in
  ``_html`` that the caller has explicitly made Markup (the Datasette convention).
- Line breaks are for the reader of a template, not for the page: in an ``.html`` template a
  line break with the spaces around it is dropped between two tags (HTML's or Jinja's, as
  Django's ``spaceless``), and is one space anywhere else (inside a tag, between words). So a
  fragment renders as the single line it used to be, and what must be apart by a space on the
  page is written with a space on one line (``{{ badge }} {{ citation }}``).
- A missing value is an error (``StrictUndefined``), and so is ``None``: a page never says
  "None". Write ``{% if x %}`` for what may be absent.

Why our own escape, not Jinja's (:func:`markupsafe.escape`): besides ``& < > " '`` it encodes
``{`` ``}`` (folium's own elements, such as the layer control listing route names, are rendered
twice by branca, the second time as a Jinja template: ``{{ 7*7 }}`` in a route name would show
``49``), and a backtick, ``$`` and ``\\`` (inert in any JavaScript string a fragment may end up
in, whatever quoting that string uses). It is the Environment's ``finalize``, so it runs on every
``{{ … }}`` before Jinja's autoescape, which then leaves the Markup it returns alone; the ``e``
and ``join`` filters use it too. Filters that would escape with markupsafe's escape instead
(``forceescape``, ``xmlattr``, ``urlize``) are removed, and tests/test_templates.py checks that no
template concatenates with ``~`` (which escapes a Markup operand's partner with markupsafe's).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
)
from jinja2.ext import Extension
from markupsafe import Markup

HERE = Path(__file__).resolve().parent
TEMPLATE_DIR = HERE / "templates"
CSS_DIR = HERE / "css"

_EXTRA = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"})


def escape_text(text: str) -> str:
    """Plain text as inert HTML text: :func:`html.escape` (quotes included), then braces, a
    backtick, ``$`` and ``\\`` as character references (the module's docstring says why)."""
    return html.escape(text, quote=True).translate(_EXTRA)


def escape(value: object) -> Markup:
    """``value`` as HTML: Markup passes as it is, anything else is text escaped by
    :func:`escape_text`. ``None`` is refused (a template tests for what may be absent)."""
    if isinstance(value, Markup):
        return value
    if value is None:
        raise TypeError("None reached a template's output: test for it with {% if %}")
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(escape_text(str(value)))


def _join(items: Iterable[object], separator: str = "") -> Markup:
    """The ``join`` filter: each item escaped by :func:`escape`, and the separator too."""
    return escape(separator).join(escape(item) for item in items)


_DATE = re.compile(r"\b(\d{4}-\d{2}(?:-\d{2})?)\b")


def _dated(text: str) -> list[tuple[str, bool]]:
    """The ``dated`` filter: a plain text cut into (piece, is a date) so that a template can keep
    each date ("2023-04-25") on one line, never broken at its hyphens."""
    pieces = _DATE.split(text)
    return [(piece, i % 2 == 1) for i, piece in enumerate(pieces) if piece]


_BETWEEN_TAGS = re.compile(r"(>|%}|}}|#})[ \t]*\n\s*(<|{%|{{|{#)")
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")


class _LineBreaks(Extension):
    """Line breaks of ``.html`` templates: dropped between tags, one space elsewhere."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if not (name or "").endswith(".html"):
            return source
        return _LINE_BREAK.sub(" ", _BETWEEN_TAGS.sub(r"\1\2", source)).strip()


def _environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader(TEMPLATE_DIR),
                PrefixLoader({"css": FileSystemLoader(CSS_DIR)}),
            ]
        ),
        autoescape=True,
        finalize=escape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # templates are code: read once per process, like a module
        extensions=[_LineBreaks],
    )
    env.filters.update({"e": escape, "escape": escape, "join": _join, "dated": _dated})
    for name in ("forceescape", "xmlattr", "urlize"):
        del env.filters[name]
    return env


#: The one Environment (tests and the map may need its filters or globals; add them here).
ENV = _environment()


def render(name: str, /, **data: object) -> Markup:
    """The template ``name`` (a path below ``templates/``, or ``css/NAME``) rendered with
    ``data``, as Markup ready to be put into another template or handed to a page.

    Raises
    ------
    jinja2.TemplateNotFound
        If there is no such template.
    jinja2.UndefinedError
        If the template uses a value that was not passed.
    """
    return Markup(ENV.get_template(name).render(**data))
