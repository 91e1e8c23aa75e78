"""The frame every page shares: the cached Atlas, the sidebar filters, the link state, banners."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from escape_routes import assets, links
from escape_routes.content import Atlas, Paths, load_atlas
from escape_routes.filters import Filter
from escape_routes.render import esc
from escape_routes.ui import keys as K

CHECK_EVERY_S = 2.0  # how often a session looks again for edited content files
log = logging.getLogger("escape_routes")


def _fingerprint(paths: Paths) -> tuple[tuple[str, float, int], ...]:
    """Names, times and sizes of the content files: at a session's start, then at most every
    CHECK_EVERY_S seconds.

    Listing and stat-ing every file on every rerun of every session cost more than the rest of
    a rerun when a class connects at once (bench/RESULTS.md); an edit still shows on a new
    page load at once, and in an open session within seconds.
    """
    now = time.monotonic()
    key = (str(paths.content), str(paths.geodata))
    seen = st.session_state.get(K.CONTENT_STAMP)
    if seen and seen[0] == key and now - seen[1] < CHECK_EVERY_S:
        return seen[2]
    files = [p for d in (paths.content, paths.geodata) if d.is_dir() for p in d.rglob("*")]
    stamp = tuple(
        sorted((str(p), p.stat().st_mtime, p.stat().st_size) for p in files if p.is_file())
    )
    st.session_state[K.CONTENT_STAMP] = (key, now, stamp)
    return stamp


@st.cache_resource(show_spinner=False, max_entries=4)
def load(paths: Paths, stamp: tuple) -> Atlas:
    """The atlas for these folders and this fingerprint of their files (cached per process)."""
    return load_atlas(paths)


def content_args() -> tuple[Paths, tuple]:
    """The content folders in use and their fingerprint: the key of everything cached on them."""
    paths = Paths.default()
    return paths, _fingerprint(paths)


def atlas() -> Atlas:
    """The content, loaded once per process and reloaded when a content file changes.

    The Atlas is immutable, so one copy serves every session.
    """
    return load(*content_args())


@st.cache_resource(show_spinner=False, max_entries=4)
def _published(geodata: Path, stamp: tuple) -> dict[str, str]:
    return assets.publish_basemap(geodata, assets.static_dir())


def basemap_urls() -> dict[str, str]:
    """The served basemap files (copied into static/ once per version of the content)."""
    paths, stamp = content_args()
    return _published(paths.geodata, stamp)


def years(a: Atlas) -> tuple[int, int]:
    """The span of years the texts cover."""
    ys = [s.year for s in a.sources.values()] or [2005, 2025]
    return min(ys), max(ys)


def _all_kinds(a: Atlas) -> list[str]:
    return list(a.vocab.evidence_kinds())


def init_from_link(a: Atlas) -> None:
    """Once per session: put what the URL asks for into the widgets' state, and keep warnings."""
    if st.session_state.get(K.LINK_READ):
        return
    st.session_state[K.LINK_READ] = True
    state = links.parse(st.query_params.to_dict(), a)
    f = state.filter
    lo, hi = years(a)
    st.session_state.update(
        {
            K.RISKS: sorted(f.risks),
            K.MODE: "all" if f.mode == "all" else "any",
            K.ROUTES: sorted(f.routes),
            K.STATUS: sorted(f.statuses),
            K.PERIOD: (max(lo, f.period[0]), min(hi, f.period[1])) if f.period else (lo, hi),
            K.KINDS: sorted(f.kinds) if f.kinds else _all_kinds(a),
            K.SELECTED: state.selected,
            K.LINK_SELECTED: state.selected,
            K.STEP: state.step,
            K.PRESENTER: state.present,
            K.LINK_WARNINGS: state.warnings,
        }
    )


def reset_filters(a: Atlas) -> None:
    """Button callback: every filter back to "show everything"."""
    st.session_state.update(
        {
            K.RISKS: [],
            K.MODE: "any",
            K.ROUTES: [],
            K.STATUS: [],
            K.PERIOD: years(a),
            K.KINDS: _all_kinds(a),
            K.SELECTED: None,
            K.LINK_SELECTED: None,
        }
    )


def show_only_route(route_id: str) -> None:
    """Button callback: the routes filter set to one route."""
    st.session_state[K.ROUTES] = [route_id]


def sidebar_filters(a: Atlas) -> Filter:
    """Draw the map's filters in the sidebar (on the map page, the only one they act on) and
    return the Filter."""
    kinds_all = a.vocab.evidence_kinds()
    statuses = {k: t.label for k, t in a.vocab.statuses.items()}
    with st.sidebar:
        st.header("Map filters")
        risk_label = {r.id: f"{r.cue} {r.label}" for r in a.risks.values()}
        st.multiselect(
            "Risks",
            list(a.risks),
            key=K.RISKS,
            format_func=lambda r: risk_label.get(r, r),
            help="Show routes and places where the texts tie them to these risks.",
        )
        st.radio(
            "Match",
            ["any", "all"],
            key=K.MODE,
            horizontal=True,
            format_func={"any": "any of these risks", "all": "all of them"}.get,
        )
        st.multiselect(
            "Routes",
            list(a.routes),
            key=K.ROUTES,
            format_func=lambda r: a.routes[r].name if r in a.routes else r,
        )
        st.multiselect(
            "Status", list(statuses), key=K.STATUS, format_func=lambda s: statuses.get(s, s)
        )
        lo, hi = years(a)
        st.slider(
            "Reported between",
            lo,
            hi,
            key=K.PERIOD,
            help="Years of the texts that describe a route or place.",
        )
        st.multiselect(
            "Kinds of source",
            list(kinds_all),
            key=K.KINDS,
            format_func=lambda k: kinds_all.get(k, k),
            help="Untick reader comments to see only published reporting.",
        )
        st.button("Show everything", on_click=reset_filters, args=(a,))
    return current_filter(a)


#: The widget keys whose values outlive the pages that do not draw them.
KEPT = (K.RISKS, K.MODE, K.ROUTES, K.STATUS, K.PERIOD, K.KINDS, K.ONLINE_TILES)


def keep_widget_state() -> None:
    """Keep the map's filters while another page is shown (Streamlit forgets a widget's value
    after a run that did not draw it, unless it is set again through Session State)."""
    for key in KEPT:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def current_filter(a: Atlas) -> Filter:
    """The Filter the map's filters describe (read from their state; nothing is drawn)."""
    kinds_all = a.vocab.evidence_kinds()
    statuses = a.vocab.statuses
    period = tuple(st.session_state[K.PERIOD])
    kinds = frozenset(st.session_state[K.KINDS])
    return Filter(
        risks=frozenset(r for r in st.session_state[K.RISKS] if r in a.risks),
        mode=st.session_state[K.MODE],
        routes=frozenset(r for r in st.session_state[K.ROUTES] if r in a.routes),
        statuses=frozenset(s for s in st.session_state[K.STATUS] if s in statuses),
        period=None if period == years(a) else period,  # type: ignore[arg-type]
        kinds=frozenset() if kinds >= set(kinds_all) else kinds,
    )


def problems_banner(a: Atlas, problems: bool = True) -> None:
    """A banner naming every content problem (unless ``problems`` is false: presenter mode),
    and one naming what a link asked for that was not understood."""
    if problems and a.problems:
        st.error(
            f"**{len(a.problems)} problem(s) in the content files.** The items named below are "
            "left out; everything else is shown. `python -m escape_routes validate` lists them too."
        )
        st.text("\n".join(str(p) for p in a.problems))
    warnings = st.session_state.get(K.LINK_WARNINGS, [])
    if warnings:
        st.warning("Parts of this link were not understood and were ignored:", icon="⚠️")
        st.text("\n".join(warnings))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=^])")


def md(text: str) -> str:
    """Content text made inert inside Streamlit Markdown (a label, a heading): every character
    Markdown, Streamlit's directives (``:red[…]``) or LaTeX (``$``) could read is escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def plain(text: str, css_class: str = "er-text") -> None:
    """Content text as a paragraph of plain text: never Markdown, never HTML."""
    st.html(f'<p class="{css_class}">{esc(text)}</p>')


ERROR_MESSAGE = (
    "Something went wrong on this page, and it was stopped. Nothing you chose was lost: try "
    "another filter, “Show everything”, or reload the page. (The details are in the server's log.)"
)


def run_page(run: Callable[[], None]) -> None:
    """Run a page; an unexpected error shows a short plain message and goes to the server log.

    Streamlit's own control flow (``st.rerun``, ``st.stop``) passes through: it does not derive
    from :class:`Exception`.
    """
    try:
        run()
    except Exception:
        log.exception("error while running a page")
        st.error(ERROR_MESSAGE, icon="⚠️")


PRESENTER_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"] {display: none !important;}
.stMarkdown p, .stMarkdown li, p.er-text {font-size: 1.25rem !important;
  line-height: 1.35 !important;}
.er-tour .er-quote q {font-size: 1.16rem !important; line-height: 1.35;}
.er-tour .er-quote {margin: .3em 0 !important; padding: .25em .5em !important;}
.er-tour .er-cite, .er-tour .er-contested {font-size: 18px !important;}
.er-tour .er-badge {font-size: 15px !important;}
</style>
"""


def presenter_style() -> None:
    """Presenter mode: no sidebar, no header, large type, citations of 18 px at least (our own
    CSS, no content in it; the page's own layout is escape_routes/ui/layout.py)."""
    st.html(PRESENTER_CSS)
