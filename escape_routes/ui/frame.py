"""The frame every page shares: the cached Atlas, the sidebar filters, the link state, banners."""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from escape_routes.content import compiled, report
from escape_routes.content.derived import derived
from escape_routes.content.model import Atlas
from escape_routes.content.paths import CONTENT_ENV, GEODATA_ENV, SOURCES_ENV, Paths
from escape_routes.explore import lesson as lessons
from escape_routes.explore import links
from escape_routes.explore.filters import DATES, Filter
from escape_routes.html.templates import render
from escape_routes.map import assets
from escape_routes.ui import keys as K
from escape_routes.ui import layout

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

CHECK_EVERY_S = 2.0  # how often a session looks again for edited content files
log = logging.getLogger("escape_routes")


def _files(folder: str) -> list[tuple[str, float, int]]:
    """(path, mtime, size) of every file below ``folder``: one system call per file (a first
    run of every session makes this list, and under load each call waits for the GIL)."""
    out: list[tuple[str, float, int]] = []
    try:
        with os.scandir(folder) as entries:
            for e in entries:
                if e.is_dir(follow_symlinks=False):
                    out += _files(e.path)
                elif e.is_file():
                    info = e.stat()
                    out.append((e.path, info.st_mtime, info.st_size))
    except (FileNotFoundError, NotADirectoryError):
        pass
    return out


def content_args() -> tuple[Paths, tuple]:
    """The content folders in use and their fingerprint (names, times and sizes of the files):
    the key of everything cached on them. Worked out at a session's start, then at most every
    CHECK_EVERY_S seconds.

    Finding the folders and stat-ing every file on every call (four per run) cost more than the
    rest of a run when a class connects at once (bench/RESULTS.md, 5b); an edit still shows on
    a new page load at once, and in an open session within seconds.
    """
    now = time.monotonic()
    env = tuple(os.environ.get(k) for k in (CONTENT_ENV, GEODATA_ENV, SOURCES_ENV))
    seen = st.session_state.get(K.CONTENT_STAMP)
    if seen and seen[0] == env and now - seen[1] < CHECK_EVERY_S:
        return seen[2], seen[3]
    paths = Paths.default()
    stamp = tuple(sorted(f for d in (paths.content, paths.geodata) for f in _files(str(d))))
    st.session_state[K.CONTENT_STAMP] = (env, now, paths, stamp)
    return paths, stamp


_LATEST: list[tuple[tuple, Atlas]] = []  # [(folders and stamp, atlas)]: one per process
_LATEST_LOCK = threading.Lock()


def load(paths: Paths, stamp: tuple) -> Atlas:
    """The checked atlas for these folders and this stamp of their files: the compiled file of
    their content's version (:mod:`escape_routes.content.compiled`), one per process, shared by
    every session; loaded again only when the stamp changes.

    Everything computed from the atlas is kept with it (:func:`~escape_routes.content.derived.
    derived`), so it too is made once per content version. A list lookup rather than
    ``st.cache_resource``, which hashes its arguments on every call: a tenth of a map page's run
    when a class connects at once (bench/RESULTS.md, 5b). The lock makes sessions arriving
    together wait for one load instead of each loading.
    """
    key = (paths, stamp)
    if _LATEST and _LATEST[0][0] == key:
        return _LATEST[0][1]
    with _LATEST_LOCK:
        if not _LATEST or _LATEST[0][0] != key:
            _LATEST[:] = [(key, _checked(paths))]
    return _LATEST[0][1]


def _checked(paths: Paths) -> Atlas:
    atlas = compiled.load(paths)
    if atlas is None:  # the child process failed (logged): check the content here instead
        from escape_routes.rules.validator import load_atlas

        atlas = load_atlas(paths).stamped(compiled.fingerprint(paths))
    return atlas


def atlas() -> Atlas:
    """The content, loaded once per process and reloaded when a content file changes.

    The Atlas is immutable, so one copy serves every session.
    """
    return load(*content_args())


def basemap_urls() -> dict[str, str]:
    """The served basemap files (copied into static/ once per version of the content)."""
    paths, stamp = content_args()
    return derived(load(paths, stamp)).memo(
        "basemap urls", lambda: assets.publish_basemap(paths.geodata, assets.static_dir())
    )


def years(a: Atlas) -> tuple[int, int]:
    """The span of years the texts cover: when they were written, and the events they date."""
    ys = [s.year for s in a.sources.values()]
    for item in (*a.segments.values(), *a.places.values()):
        if item.happened:
            ys += [item.happened.start, item.happened.end]
    return (min(ys), max(ys)) if ys else (2005, 2025)


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
    if state.table:
        st.session_state[K.MATRIX_OPEN] = True
    st.session_state.update(
        {
            K.RISKS: sorted(f.risks),
            K.MODE: "all" if f.mode == "all" else "any",
            K.ROUTES: sorted(f.routes),
            K.STATUS: sorted(f.statuses),
            K.PERIOD: (max(lo, f.period[0]), min(hi, f.period[1])) if f.period else (lo, hi),
            K.DATES: f.dates,
            K.KINDS: sorted(f.kinds) if f.kinds else _all_kinds(a),
            K.SELECTED: state.selected,
            K.LINK_SELECTED: state.selected,
            K.MATRIX_CHOICE: state.table,
            K.STEP: state.step,
            K.PRESENTER: state.present,
            K.LESSON: lessons.to_params(state.lesson) if state.lesson else {},
            K.SPEAKER: state.speaker,
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
            K.DATES: "reported",
            K.KINDS: _all_kinds(a),
            K.SELECTED: None,
            K.LINK_SELECTED: None,
        }
    )


def show_only_route(route_id: str) -> None:
    """Button callback: the routes filter set to one route."""
    st.session_state[K.ROUTES] = [route_id]


def sidebar_filters(a: Atlas, where: DeltaGenerator | None = None) -> Filter:
    """Draw the map's filters (in the sidebar, or ``where``) and return the Filter.

    Drawn on the map page only, the one they act on. Their values are in the session state
    before they are drawn (set by the browser, by a link, or by a callback), so a page can read
    the Filter first (:func:`current_filter`) and draw them after the map, in a place kept for
    them at the top: the browser then fetches the map's code before the code of a dozen widgets.
    """
    kinds_all = a.vocab.evidence_kinds()
    statuses = {k: t.label for k, t in a.vocab.statuses.items()}
    with where or st.sidebar:
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
        dates = st.radio(
            "Years filter by",
            list(DATES),
            key=K.DATES,
            format_func=DATES.get,
            help="Reported: the years of the texts that describe a route or place. Happened: "
            "the years a text gives for the event itself; what no text dates is then hidden. "
            "Every popup shows both.",
        )
        st.slider(
            "Happened between" if dates == "happened" else "Reported between",
            lo,
            hi,
            key=K.PERIOD,
            help="Years of the texts that describe a route or place."
            if dates != "happened"
            else "Years in which the texts say an event took place.",
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


#: The widget keys whose values outlive the pages that do not draw them (the filters, and
#: whether the map page's table is open).
KEPT = (
    K.RISKS, K.MODE, K.ROUTES, K.STATUS, K.DATES, K.PERIOD, K.KINDS, K.ONLINE_TILES, K.MATRIX_OPEN
)  # fmt: skip


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
        dates=st.session_state.get(K.DATES, "reported"),
        kinds=frozenset() if kinds >= set(kinds_all) else kinds,
    )


def problems_banner(a: Atlas, problems: bool = True) -> None:
    """A banner naming every content problem (unless ``problems`` is false: presenter mode),
    and one naming what a link asked for that was not understood."""
    if problems and a.problems:
        st.error(
            f"**{report.summary(a.problems, ' in the content files')}.** The items named below "
            "are left out; everything else is shown. "
            "`.venv/bin/python -m escape_routes validate` lists them too."
        )
        st.text("\n".join(report.lines(a.problems)))
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
    st.html(render("page/paragraph.html", css_class=css_class, text=text))


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


def presenter_style() -> None:
    """Presenter mode: no sidebar, no header, large type, citations of 18 px at least (our own
    CSS, css/presenter.css; the page's own layout is escape_routes/ui/layout.py)."""
    layout.style("presenter.css")
