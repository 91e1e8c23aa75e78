"""The classroom tour as one offline HTML file: a presentation for a school computer.

Opened from a USB stick, with no Python and no network, it shows one step at a time: the map
moves to the step's view with its routes and places, beside the step's text, its quotes with
citations and its discussion question. Arrow keys, Previous/Next buttons and ``#step-N`` links
change steps; a presenter toggle sets large type and hides the presenter notes.

The map is the live tour's (:func:`.folium_map.base_map` and :func:`.folium_map.layers`, one
hidden set of layers per step); all text comes from ``content/tour.yaml`` and the atlas, escaped
by :mod:`escape_routes.html.render`. The script (``js/tour.js``) gets layers and views, never text.
"""

from __future__ import annotations

from escape_routes.content.model import Atlas, TourStep
from escape_routes.explore import tour_steps
from escape_routes.html.render import CSS, esc, quote_block
from escape_routes.map import assets, folium_map
from escape_routes.outputs import onefile

TITLE = "Escape Routes — classroom tour"

TOUR_CSS = """
html,body{height:100%;margin:0}
body{display:grid;grid-template-columns:minmax(0,1.35fr) minmax(0,1fr);
  grid-template-rows:auto minmax(0,1fr);grid-template-areas:"bar bar" "map text";
  font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111;background:#fff}
.folium-map{grid-area:map}
.t-bar{grid-area:bar;display:flex;flex-wrap:wrap;align-items:center;gap:.4rem .9rem;
  padding:.35rem .8rem;background:#263238;color:#fff}
.t-bar .t-title{font-size:1rem;margin:0 auto 0 0}
.t-nav{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem .9rem}
.t-bar button,.t-bar summary,.t-bar a{font:inherit;color:#fff;background:#37474f;
  border:1px solid #90a4ae;border-radius:4px;padding:.2rem .7rem;cursor:pointer;
  text-decoration:none}
.t-bar button[disabled]{opacity:.55;cursor:default}
.t-bar button[aria-pressed=true]{background:#ffca28;color:#111;border-color:#ffca28}
.t-bar :focus-visible{outline:3px solid #ffca28;outline-offset:2px}
#t-count{font-weight:700;min-width:7.5em;text-align:center}
.t-keys{font-size:.85rem;color:#eceff1}
.t-all{position:relative}.t-all summary{list-style:none}
.t-all ol{position:absolute;z-index:2000;right:0;margin:.3rem 0 0;padding:.5rem 1rem .5rem 2.2rem;
  background:#fff;color:#111;border:1px solid #888;border-radius:4px;width:24rem;
  max-height:70vh;overflow:auto;box-shadow:0 2px 8px rgba(0,0,0,.3)}
.t-all ol a{color:#0d47a1;background:none;border:0;padding:0}
.t-all ol a[aria-current]{font-weight:700}
.t-text{grid-area:text;overflow:auto;padding:.4rem 1.2rem 1rem;border-left:1px solid #bbb}
.t-js .t-step[hidden]{display:none}
.t-note{flex-basis:100%;font-size:.85rem;margin:0;color:#ffe0b2}
.t-step h2{font-size:1.55rem;margin:.4rem 0}
.t-body{font-size:1.15rem;line-height:1.45}
.t-step .er-quote q{font-size:1.25rem}
.t-question{font-size:1.2rem;font-weight:600;border-left:5px solid #263238;padding:.2rem .7rem;
  margin:1rem 0;background:#eceff1}
.t-care{border:2px solid #b26a00;background:#fff8e1;padding:.3rem .7rem;font-size:1.05rem}
.t-notes{background:#fafafa;border:1px dashed #888;padding:.2rem .8rem;font-size:.95rem}
.t-notes h3{font-size:1rem;margin:.3rem 0}
body.t-present .t-notes,body.t-present .t-keys{display:none}
body.t-present{grid-template-columns:minmax(0,1.2fr) minmax(0,1fr)}
body.t-present .t-step h2{font-size:clamp(1.6rem,2.8vw,2.5rem)}
body.t-present .t-body{font-size:clamp(1.25rem,2vw,1.9rem)}
body.t-present .t-step .er-quote q{font-size:clamp(1.35rem,2.3vw,2.2rem)}
body.t-present .t-step .er-cite{font-size:clamp(.95rem,1.2vw,1.2rem)}
body.t-present .t-question{font-size:clamp(1.3rem,2vw,1.9rem)}
@media (max-width:900px){:root,:root body{height:auto}
  body{grid-template-columns:1fr;grid-template-rows:auto 60vh auto;
    grid-template-areas:"bar" "map" "text"}
  .t-text{border-left:0}}
"""


def _step_html(atlas: Atlas, n: int, step: TourStep) -> str:
    quotes = "".join(quote_block(atlas, atlas.quotes[q]) for q in step.quotes if q in atlas.quotes)
    care = f'<p class="t-care" role="note">⚠ {esc(step.care)}</p>' if step.care else ""
    return (
        f'<section class="t-step" id="step-{n}" aria-labelledby="step-{n}-h">'
        f'<h2 id="step-{n}-h">{n}. {esc(step.title)}</h2>'
        f'{care}<p class="t-body">{esc(step.body)}</p>{quotes}'
        f'<p class="t-question"><strong>Discuss:</strong> {esc(step.question)}</p>'
        f'<aside class="t-notes" aria-label="Presenter notes"><h3>Presenter notes '
        f"(hidden in presenter mode)</h3><p>{esc(step.notes)}</p></aside></section>"
    )


def page_html(atlas: Atlas) -> str:
    """The bar of controls and every step's text (the map is beside it)."""
    steps = atlas.tour
    texts = [_step_html(atlas, n, step) for n, step in enumerate(steps, 1)]
    index = "".join(
        f'<li><a href="#step-{n}">{esc(step.title)}</a></li>' for n, step in enumerate(steps, 1)
    )
    return (
        f'<header class="t-bar"><h1 class="t-title">{esc(TITLE)}</h1>'
        '<nav aria-label="Tour steps" class="t-nav">'
        '<button type="button" id="t-prev">◀ Previous</button>'
        f'<span id="t-count" role="status">Step 1 of {len(steps)}</span>'
        '<button type="button" id="t-next">Next ▶</button>'
        f'<details class="t-all"><summary>All steps</summary><ol>{index}</ol></details>'
        '<a id="t-link" href="#step-1">Link to this step</a>'
        '<button type="button" id="t-present" aria-pressed="false">Presenter mode</button>'
        '<span class="t-keys">← → keys: steps · P: presenter mode</span></nav>'
        f'<p class="t-note">{esc(folium_map.NOTE)}</p></header>'
        f'<main class="t-text" tabindex="0">{"".join(texts)}</main>'
    )


def tour_html(atlas: Atlas) -> str:
    """The whole tour as one self-contained HTML presentation.

    Parameters
    ----------
    atlas
        The content; its tour must have at least one step.

    Returns
    -------
    str
        The HTML document: Leaflet, the basemap, every step's layers, text and script
        inlined; it loads nothing from anywhere.

    Raises
    ------
    ValueError
        If the tour has no steps.
    """
    if not atlas.tour:
        raise ValueError("the tour has no steps (content/tour.yaml)")
    first = atlas.tour[0].view
    m = folium_map.base_map(
        atlas,
        center=first.center,
        zoom=first.zoom,
        keyboard=False,
        note=False,
        legend_open=False,
    )
    step_groups, views = [], []
    for step in atlas.tour:
        groups = folium_map.layers(
            atlas, tour_steps.visible(atlas, step), named_first=frozenset(step.places)
        )
        for group in groups:
            group.show, group.control = False, False
            m.add_child(group)
        step_groups.append([onefile.Ref(g.get_name()) for g in groups])
        views.append({"center": list(step.view.center), "zoom": step.view.zoom})
    onefile.add_head(m, f"<title>{esc(TITLE)}</title><style>{CSS}{TOUR_CSS}</style>")
    onefile.add_body(m, page_html(atlas))
    onefile.add_call(m, "tour", "escapeRoutesTour", onefile.Ref(m.get_name()), step_groups, views)
    return onefile.finish(assets.inline_html(m))
