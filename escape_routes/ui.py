"""Streamlit glue shared by the pages: the cached Atlas, the sidebar filters and the link state."""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st

from escape_routes import assets, export, links
from escape_routes.content import Atlas, Paths, load_atlas
from escape_routes.filters import EVIDENCE_KINDS, Filter
from escape_routes.model import STATUS_LABELS

CHECK_EVERY_S = 2.0  # how often a session looks again for edited content files


def _fingerprint(paths: Paths) -> tuple[tuple[str, float, int], ...]:
    """Names, times and sizes of the content files: at a session's start, then at most every
    CHECK_EVERY_S seconds.

    Listing and stat-ing every file on every rerun of every session cost more than the rest of
    a rerun when a class connects at once (bench/RESULTS.md); an edit still shows on a new
    page load at once, and in an open session within seconds.
    """
    now = time.monotonic()
    key = (str(paths.content), str(paths.geodata))
    seen = st.session_state.get("_content_stamp")
    if seen and seen[0] == key and now - seen[1] < CHECK_EVERY_S:
        return seen[2]
    files = [p for d in (paths.content, paths.geodata) if d.is_dir() for p in d.rglob("*")]
    stamp = tuple(
        sorted((str(p), p.stat().st_mtime, p.stat().st_size) for p in files if p.is_file())
    )
    st.session_state["_content_stamp"] = (key, now, stamp)
    return stamp


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(content: str, geodata: str, sources: str, stamp: tuple) -> Atlas:
    return load_atlas(Paths(Path(content), Path(geodata), Path(sources)))


def _args() -> tuple[str, str, str, tuple]:
    paths = Paths.default()
    return str(paths.content), str(paths.geodata), str(paths.sources), _fingerprint(paths)


def atlas() -> Atlas:
    """The content, loaded once and reloaded when a content file changes. Treat it as read-only."""
    return _load(*_args())


@st.cache_resource(show_spinner="Building the offline file…", max_entries=2)
def _standalone(content: str, geodata: str, sources: str, stamp: tuple) -> str:
    return export.standalone_html(_load(content, geodata, sources, stamp))


@st.cache_resource(show_spinner="Building the handout…", max_entries=2)
def _handout(content: str, geodata: str, sources: str, stamp: tuple) -> str:
    return export.handout(_load(content, geodata, sources, stamp))


def download_buttons(handout_only: bool = False) -> None:
    """Buttons for the offline map file and the printable handout.

    The files are built when a button is pressed (and then cached per content), not on every
    rerun of every session.
    """
    args = _args()
    cols = st.columns(1 if handout_only else 2)
    if not handout_only:
        cols[0].download_button(
            "Download the map as one offline HTML file",
            lambda: _standalone(*args),
            file_name="escape-routes.html",
            mime="text/html",
            on_click="ignore",
            help="Opens from disk with no server and no internet: for a USB stick or a "
            "school's learning platform.",
        )
    cols[-1].download_button(
        "Download the printable tour handout",
        lambda: _handout(*args),
        file_name="escape-routes-handout.html",
        mime="text/html",
        on_click="ignore",
        help="Every tour step with its map view, quotes and citations; print it from the browser.",
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def _published(geodata: str, stamp: tuple) -> dict[str, str]:
    return assets.publish_basemap(Path(geodata), assets.static_dir())


def basemap_urls() -> dict[str, str]:
    """The served basemap files (copied into static/ once per version of the content)."""
    _content, geodata, _sources, stamp = _args()
    return _published(geodata, stamp)


def years(a: Atlas) -> tuple[int, int]:
    """The span of years the texts cover."""
    ys = [s.year for s in a.sources.values()] or [2005, 2025]
    return min(ys), max(ys)


def init_from_link(a: Atlas) -> None:
    """Once per session: put what the URL asks for into the widgets' state, and keep warnings."""
    if st.session_state.get("_link_read"):
        return
    st.session_state["_link_read"] = True
    state = links.parse(st.query_params.to_dict(), a)
    f = state.filter
    lo, hi = years(a)
    st.session_state.update(
        f_risks=sorted(f.risks),
        f_mode="all" if f.mode == "all" else "any",
        f_routes=sorted(f.routes),
        f_status=sorted(f.statuses),
        f_period=(max(lo, f.period[0]), min(hi, f.period[1])) if f.period else (lo, hi),
        f_kinds=sorted(f.kinds) if f.kinds else list(EVIDENCE_KINDS),
        selected=state.selected,
        link_selected=state.selected,
        step=state.step,
        link_warnings=state.warnings,
    )


def reset_filters(a: Atlas) -> None:
    """Button callback: every filter back to "show everything"."""
    st.session_state.update(
        f_risks=[],
        f_mode="any",
        f_routes=[],
        f_status=[],
        f_period=years(a),
        f_kinds=list(EVIDENCE_KINDS),
        selected=None,
        link_selected=None,
    )


def sidebar_filters(a: Atlas) -> Filter:
    """Draw the filters in the sidebar (defined once, in app.py) and return the Filter."""
    with st.sidebar:
        st.header("Filters")
        risk_label = {r.id: f"{r.cue} {r.label}" for r in a.risks.values()}
        st.multiselect(
            "Risks",
            list(a.risks),
            key="f_risks",
            format_func=risk_label.get,
            help="Show routes and places where the texts tie them to these risks.",
        )
        st.radio(
            "Match",
            ["any", "all"],
            key="f_mode",
            horizontal=True,
            format_func={"any": "any of these risks", "all": "all of them"}.get,
        )
        st.multiselect(
            "Routes", list(a.routes), key="f_routes", format_func=lambda r: a.routes[r].name
        )
        st.multiselect("Status", list(STATUS_LABELS), key="f_status", format_func=STATUS_LABELS.get)
        lo, hi = years(a)
        st.slider(
            "Reported between",
            lo,
            hi,
            key="f_period",
            help="Years of the texts that describe a route or place.",
        )
        st.multiselect(
            "Kinds of source",
            list(EVIDENCE_KINDS),
            key="f_kinds",
            format_func=EVIDENCE_KINDS.get,
            help="Untick reader comments to see only published reporting.",
        )
        st.button("Show everything", on_click=reset_filters, args=(a,))
    period = tuple(st.session_state["f_period"])
    kinds = frozenset(st.session_state["f_kinds"])
    return Filter(
        risks=frozenset(st.session_state["f_risks"]),
        mode=st.session_state["f_mode"],
        routes=frozenset(st.session_state["f_routes"]),
        statuses=frozenset(st.session_state["f_status"]),
        period=None if period == years(a) else period,  # type: ignore[arg-type]
        kinds=frozenset() if kinds >= set(EVIDENCE_KINDS) else kinds,
    )


def problems_banner(a: Atlas) -> None:
    """A banner naming every content problem; the rest of the app keeps working."""
    if a.problems:
        st.error(
            f"**{len(a.problems)} problem(s) in the content files.** The items named below are "
            "left out; everything else is shown. `python -m escape_routes validate` lists them too."
        )
        st.text("\n".join(str(p) for p in a.problems))
    warnings = st.session_state.get("link_warnings", [])
    if warnings:
        st.warning("Parts of this link were not understood and were ignored:", icon="⚠️")
        st.text("\n".join(warnings))


PRESENTER_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"] {display: none !important;}
.block-container {padding-top: 1rem !important; max-width: 100% !important;}
.stMarkdown p, .stMarkdown li {font-size: 1.5rem !important; line-height: 1.45 !important;}
.er-big q, .er-big {font-size: 1.9rem; line-height: 1.4;}
</style>
"""


def presenter_style() -> None:
    """Presenter mode: no sidebar, no header, large type (our own CSS, no content in it)."""
    st.html(PRESENTER_CSS)
