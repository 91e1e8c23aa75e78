"""The printable tour handout a teacher copies for students.

A short "how to read these maps" box, then one page per tour step: its map (countries and
rivers named, the step's routes and places, labels that never overlap: :mod:`.svgmap`)
with a key, the step's text, its quotes with citations and the number of their source, and the
discussion question; at the end a numbered list of the sources. Printed, every page has its
number. Presenter notes are left out: they are for the teacher.
"""

from __future__ import annotations

from escape_routes.content.model import Atlas, TourStep
from escape_routes.html.render import CSS, esc, quote_block
from escape_routes.map import folium_map
from escape_routes.outputs import svgmap

TITLE = "Escape Routes — classroom handout"

HANDOUT_CSS = """
body{font-family:Georgia,'Times New Roman',serif;max-width:48rem;margin:2rem auto;padding:0 1rem;
  color:#111;line-height:1.4}
h1,h2,.howto,.key,.sources{font-family:system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif}
.lead{font-size:1.05rem}
.howto{border:2px solid #263238;border-radius:6px;padding:.4rem 1rem .6rem;margin:1rem 0;
  font-size:.92rem;background:#f7f7f4}
.howto h2{font-size:1.1rem;margin:.3rem 0}.howto ul{margin:.2rem 0;padding-left:1.2rem}
.howto li{margin:.15rem 0}.howto svg{vertical-align:middle}
.screen-only{color:#444;font-size:.9rem}
.contents{font-family:system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif;font-size:.95rem}
.contents h2{font-size:1.1rem}.contents .src-item{list-style:none}
.step h2{border-bottom:2px solid #333;margin-top:2rem}
figure{margin:.6rem 0;break-inside:avoid}
.key{font-size:.82rem;margin:.3rem 0 0;color:#222}
.key span{display:inline-block;margin-right:1rem;white-space:nowrap}.key svg{vertical-align:middle}
.hq{position:relative;break-inside:avoid}.hq .er-quote{padding-right:2.6em}
.srcno{position:absolute;right:.45em;top:.4em;font:700 .8rem system-ui,Arial,sans-serif}
.care{border:2px solid #b26a00;background:#fff8e1;padding:.3rem .6rem;
  font-family:system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif}
.question{font-weight:bold;margin-top:.8rem;border-left:4px solid #263238;padding-left:.6rem}
.sources ol{padding-left:1.6rem}.sources li{margin:.35rem 0}.sources a{word-break:break-all}
@page{size:A4;margin:15mm 14mm 17mm;
  @bottom-center{content:"Page " counter(page) " of " counter(pages);
    font:9pt system-ui,Arial,sans-serif;color:#333}
  @bottom-left{content:"Escape Routes — classroom handout";font:8pt system-ui,Arial,sans-serif;
    color:#555}}
@media print{body{margin:0;max-width:none;padding:0}.screen-only{display:none}
  .step,.sources{break-before:page}.step h2{margin-top:0}a{color:inherit}}
"""


def _line(colour: str, dash: str | None, width: int = 34) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg width="{width}" height="10" aria-hidden="true"><line x1="1" y1="5" '
        f'x2="{width - 1}" y2="5" stroke="{colour}" stroke-width="3"{dash_attr}/></svg>'
    )


_MARKER = (
    '<svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="5" fill="#fff" '
    'stroke="#263238" stroke-width="2"{dash}/></svg>'
)
PLACE_MARK = _MARKER.format(dash="")
SCHEMATIC_MARK = _MARKER.format(dash=' stroke-dasharray="3 2"')


def how_to_read(atlas: Atlas) -> str:
    """The box that explains the maps (line styles from the vocabulary)."""
    styles = ", ".join(
        f"{_line('#333', term.dash)} {esc(term.label.lower())}"
        for term in atlas.vocab.statuses.values()
    )
    return (
        '<aside class="howto" aria-labelledby="howto-h"><h2 id="howto-h">How to read these maps'
        "</h2><ul>"
        "<li>Each step has a map of the area it is about. North is up; the bar in the corner "
        "gives the scale.</li>"
        "<li>Pale shapes with grey borders are countries, with their names. Blue lines are "
        "rivers (the Tumen, the Yalu, the Mekong), named in blue italics.</li>"
        f"<li>Coloured lines are routes as the texts describe them; the key under each map "
        f"names them. The line's pattern says what kind of route it is: {styles}. "
        "The arrowhead shows the direction of travel. A curved line joins two places where no "
        "text says how that leg was travelled: it is not a path.</li>"
        f"<li>{PLACE_MARK} A circle is a place named in the texts; {SCHEMATIC_MARK} a dashed "
        "circle is only a symbol: the texts do not say exactly where. A number beside a circle "
        "stands for a name that had no room; the key under the map gives it.</li>"
        "<li>The lines are <strong>schematic</strong>: they join the places the texts name and "
        "do not show the paths people really took.</li>"
        "<li>A number in square brackets after a quote, such as [2], is the number of the text "
        "it comes from in the list of sources at the end.</li></ul></aside>"
    )


def _key(atlas: Atlas, drawn: svgmap.StepMap) -> str:
    items = [
        f"<span>{_line(atlas.routes[rid].colour, None, 26)} {esc(atlas.routes[rid].name)}</span>"
        for rid in drawn.routes
    ]
    items += [f"<span><strong>{n}</strong> = {esc(name)}</span>" for n, name in drawn.numbered]
    return f'<figcaption class="key">{"".join(items)}</figcaption>' if items else ""


def _step(atlas: Atlas, n: int, step: TourStep, basemap: svgmap.Basemap, numbers: dict) -> str:
    drawn = svgmap.step_map(atlas, step, basemap)
    quotes = "".join(
        f'<div class="hq">{quote_block(atlas, atlas.quotes[q])}'
        f'<span class="srcno" title="source {numbers[atlas.quotes[q].source]}">'
        f"[{numbers[atlas.quotes[q].source]}]</span></div>"
        for q in step.quotes
        if q in atlas.quotes
    )
    care = f'<p class="care">⚠ {esc(step.care)}</p>' if step.care else ""
    return (
        f'<section class="step" id="step-{n}"><h2>{n}. {esc(step.title)}</h2>'
        f"<figure>{drawn.svg}{_key(atlas, drawn)}</figure>{care}"
        f"<p>{esc(step.body)}</p>{quotes}"
        f'<p class="question">Discuss: {esc(step.question)}</p></section>'
    )


def contents(atlas: Atlas) -> str:
    """The list of steps (each starts a new page when printed)."""
    items = "".join(
        f'<li><a href="#step-{n}">{esc(step.title)}</a></li>'
        for n, step in enumerate(atlas.tour, 1)
    )
    return (
        f'<nav class="contents" aria-labelledby="contents-h"><h2 id="contents-h">The steps</h2>'
        f'<ol>{items}<li class="src-item"><a href="#sources">Sources</a></li></ol></nav>'
    )


def sources_list(atlas: Atlas) -> str:
    """The numbered list of sources: title, outlet, date, kind, address."""
    items = []
    for src in atlas.sources.values():
        address = f'<a href="{esc(src.url)}">{esc(src.url)}</a>' if src.url else "no address known"
        items.append(
            f"<li>“{esc(src.title)}”. {esc(src.outlet or 'Outlet not stated')}, "
            f"{esc(src.date or 'date not stated')}. "
            f"{esc(atlas.vocab.label('source_kinds', src.kind))}. Address: {address}</li>"
        )
    return (
        '<section class="sources" id="sources"><h2>Sources</h2>'
        f"<p>The {len(items)} texts every quote comes from, numbered as in the brackets after "
        f"each quote.</p><ol>{''.join(items)}</ol></section>"
    )


def handout(atlas: Atlas) -> str:
    """The printable handout: how to read the maps, every tour step, the list of sources."""
    basemap = svgmap.Basemap.of(atlas)
    numbers = {sid: n for n, sid in enumerate(atlas.sources, start=1)}
    steps = "".join(_step(atlas, n, s, basemap, numbers) for n, s in enumerate(atlas.tour, 1))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(TITLE)}</title>"
        f"<style>{CSS}{svgmap.SVG_CSS}{HANDOUT_CSS}</style></head><body>"
        f"<header><h1>{esc(TITLE)}</h1>"
        f'<p class="lead"><strong>{esc(folium_map.NOTE)}</strong> Every quote is verbatim from the '
        "text cited under it; reader comments are anonymous and unverified.</p>"
        '<p class="screen-only">Print this page from the browser (Ctrl+P): each step starts on a '
        "new page, and the pages are numbered.</p></header>"
        f"{how_to_read(atlas)}{contents(atlas)}<main>{steps}{sources_list(atlas)}</main>"
        "</body></html>"
    )
