"""The one Environment: every value escaped by the house escape, whatever way it is written."""

from __future__ import annotations

import html

import pytest
from jinja2 import UndefinedError, nodes
from markupsafe import Markup

from escape_routes.html.templates import ENV, TEMPLATE_DIR, escape, escape_text, render
from tests.hostile import PAYLOADS

# The escape the package had before templates (html/render.py's ``esc``), written out again.
EXTRA = {"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"}


def reference(text: str) -> str:
    return "".join(EXTRA.get(c, c) for c in html.escape(text, quote=True))


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_escape_is_the_house_escape(payload):
    """Text comes out as html.escape plus braces, backtick, dollar and backslash encoded."""
    assert escape_text(payload) == reference(payload)
    assert escape(payload) == reference(payload)
    assert isinstance(escape(payload), Markup)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_every_way_of_writing_a_value_uses_it(payload):
    """{{ x }}, {{ x|e }}, join and a macro's output all escape with it; nothing is evaluated."""
    source = (
        "{% macro q(t) %}<q>{{ t }}</q>{% endmacro %}"
        "{{ x }}|{{ x|e }}|{{ [x, x]|join(x) }}|{{ q(x) }}|{{ x|upper|lower }}"
    )
    out = ENV.from_string(source).render(x=payload)
    x = reference(payload)
    lower = reference(payload.upper().lower())
    assert out == f"{x}|{x}|{x}{x}{x}|<q>{x}</q>|{lower}"
    for c in "<>`${}":
        assert c not in out.replace("<q>", "").replace("</q>", "")


def test_markup_passes_and_text_never_does():
    """Markup (a rendered fragment) is put in as it is; a plain string with tags is text."""
    fragment = render("page/paragraph.html", css_class="er-text", text="<b>a</b>")
    assert fragment == '<p class="er-text">&lt;b&gt;a&lt;/b&gt;</p>'
    out = ENV.from_string("<div>{{ body_html }}{{ raw }}</div>").render(
        body_html=fragment, raw=str(fragment)
    )
    assert out == f"<div>{fragment}{escape_text(str(fragment))}</div>"


def test_missing_and_none_values_are_errors():
    """A value not passed, or None, stops the render instead of printing "" or "None"."""
    with pytest.raises(UndefinedError):
        render("page/paragraph.html", css_class="er-text")
    with pytest.raises(TypeError, match="None"):
        render("page/paragraph.html", css_class="er-text", text=None)


def test_filters_that_escape_otherwise_are_gone():
    """forceescape, xmlattr and urlize would escape with markupsafe's escape: not available."""
    for name in ("forceescape", "xmlattr", "urlize"):
        assert name not in ENV.filters


def templates() -> list[str]:
    return sorted(p.relative_to(TEMPLATE_DIR).as_posix() for p in TEMPLATE_DIR.rglob("*.html"))


def test_templates_exist_and_never_concatenate_with_tilde():
    """Every template parses, and none uses ``~`` (which escapes with markupsafe's escape)."""
    names = templates()
    assert names, "no templates found"
    for name in names:
        source = (TEMPLATE_DIR / name).read_text(encoding="utf-8")
        tree = ENV.parse(source)
        assert not list(tree.find_all(nodes.Concat)), f"{name} concatenates with ~"
        assert "|safe" not in source.replace(" ", ""), f"{name}: Markup is made in Python only"


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_a_citations_dates_stay_on_one_line_and_its_text_stays_text(payload):
    """A citation's dates are each kept whole (no break at a hyphen); the rest is escaped text."""
    from types import SimpleNamespace

    cite = f"— {payload}, “A text”, NPR, 2023-04-25, comment of 2016-03 {payload}"
    out = ENV.get_template("evidence/citation.html").render(quote=SimpleNamespace(citation=cite))
    assert out.count('<span class="er-date">') == 2
    assert '<span class="er-date">2023-04-25</span>' in out
    assert '<span class="er-date">2016-03</span>' in out
    assert out.replace('<span class="er-date">', "").replace("</span>", "") == reference(cite)
