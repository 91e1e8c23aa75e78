"""The app's pages: which script, what title, at which address; and their stand-ins.

Page scripts live in the top-level ``pages/`` folder, and no page script's file stem equals any
page's ``url_path`` (``pages/tour_page.py`` is served at ``/tour``). Beside them, each address
has a *stand-in* named after it (``pages/tour.py``) that only calls :func:`hand_over_to_app`.

Why both (Streamlit 1.67, ``runtime/pages_manager.py`` and ``runtime/scriptrunner/
script_runner.py``): a top-level ``pages/`` folder puts each new server process in Streamlit's
old multipage mode (``PagesManager.uses_pages_directory``) until ``st.navigation`` first runs in
it. In that mode a request runs ``pages/<its path>.py`` *alone*, without app.py's frame, and a
path with no such file gets Streamlit's "Page not found" dialog before app.py runs. So on a
freshly started server, however it was started, the very first request to ``/tour?step=3``
either ran the tour page without its frame (a page script named ``tour.py``) or showed that
dialog (named ``tour_page.py``). The stand-in is what that mode finds for ``/tour``: it calls
``st.navigation`` (which ends the old mode for the whole process, as app.py's own call would)
and reruns, and the rerun goes through app.py, which routes the same address and query.
From then on the stand-ins are never run: app.py's navigation does not list them.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class PageSpec:
    """One page: its script, its title and icon, and its address ("" for the default page)."""

    script: str
    title: str
    icon: str
    url_path: str

    @property
    def stand_in(self) -> str | None:
        """The stand-in script for this page's address (none for the default page)."""
        return f"pages/{self.url_path}.py" if self.url_path else None


MAP = PageSpec("pages/map_page.py", "Map", ":material/map:", "")
TOUR = PageSpec("pages/tour_page.py", "Classroom tour", ":material/school:", "tour")
GUIDE = PageSpec("pages/guide_page.py", "Teacher's guide", ":material/assignment:", "guide")
SOURCES = PageSpec("pages/sources_page.py", "Sources", ":material/menu_book:", "sources")
NUMBERS = PageSpec("pages/numbers_page.py", "Numbers", ":material/bar_chart:", "numbers")
ABOUT = PageSpec("pages/about_page.py", "About", ":material/info:", "about")
ALL = (MAP, TOUR, GUIDE, SOURCES, NUMBERS, ABOUT)


def st_pages(icons: bool = True) -> dict[PageSpec, st.Page]:
    """Streamlit's page objects, by spec (the default page has no url_path of its own)."""
    return {
        spec: st.Page(
            spec.script,
            title=spec.title,
            **({"icon": spec.icon} if icons else {}),
            **({"url_path": spec.url_path} if spec.url_path else {"default": True}),
        )
        for spec in ALL
    }


def hand_over_to_app() -> None:
    """A stand-in's whole work: end Streamlit's old multipage mode and rerun through app.py.

    The navigation is app.py's own (without icons: a page's Material icon would become the
    tab's icon, fetched from the internet, until app.py sets the app's own).
    """
    st.navigation(list(st_pages(icons=False).values()), position="top")
    st.rerun()
