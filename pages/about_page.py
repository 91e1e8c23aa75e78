"""About: method, limits, safety, licences, how to add content (text lives in content/about.md)."""

from __future__ import annotations

import streamlit as st

from escape_routes.content.load import read_about
from escape_routes.content.paths import Paths

st.title("About Escape Routes")
about = read_about(Paths.default())
if about is None:
    st.error("The About text (content/about.md) is missing or cannot be read.")
else:
    st.markdown(about)  # the project's own Markdown, not content data
