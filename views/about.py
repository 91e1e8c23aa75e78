"""About: method, limits, safety, licences, how to add content (text lives in content/about.md)."""

from __future__ import annotations

import streamlit as st

from escape_routes.content import ROOT

st.title("About Escape Routes")
st.markdown((ROOT / "content" / "about.md").read_text(encoding="utf-8"))
