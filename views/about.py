"""About: method, limits, safety, licences, how to add content (text lives in content/about.md)."""

from __future__ import annotations

import streamlit as st

from escape_routes.content import Paths

st.title("About Escape Routes")
about = Paths.default().content / "about.md"
if about.is_file():
    st.markdown(about.read_text(encoding="utf-8"))  # the project's own text, not content data
else:
    st.error(f"{about} is missing.")
