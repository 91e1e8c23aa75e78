"""The app's pages: which script, what title, at which address.

Page scripts live in the top-level ``pages/`` folder and no script's file stem equals any page's
``url_path`` (``pages/tour_page.py`` is served at ``/tour``): with a ``pages/`` folder, Streamlit
runs a deep link whose path equals a script's stem as that script alone, without app.py's
sidebar and navigation (tests/test_pages.py checks the rule).
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


MAP = PageSpec("pages/map_page.py", "Map", ":material/map:", "")
TOUR = PageSpec("pages/tour_page.py", "Classroom tour", ":material/school:", "tour")
GUIDE = PageSpec("pages/guide_page.py", "Teacher's guide", ":material/assignment:", "guide")
SOURCES = PageSpec("pages/sources_page.py", "Sources", ":material/menu_book:", "sources")
NUMBERS = PageSpec("pages/numbers_page.py", "Numbers", ":material/bar_chart:", "numbers")
ABOUT = PageSpec("pages/about_page.py", "About", ":material/info:", "about")
ALL = (MAP, TOUR, GUIDE, SOURCES, NUMBERS, ABOUT)


def st_pages() -> dict[PageSpec, st.Page]:
    """Streamlit's page objects, by spec (the default page has no url_path of its own)."""
    return {
        spec: st.Page(
            spec.script,
            title=spec.title,
            icon=spec.icon,
            **({"url_path": spec.url_path} if spec.url_path else {"default": True}),
        )
        for spec in ALL
    }
