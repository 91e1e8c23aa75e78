"""Sources: each text with what is known about it, and every quote taken from it, by risk."""

from __future__ import annotations

import streamlit as st

from escape_routes.explore.sourcelist import quote_with_links, quotes_by_risk, search, source_facts
from escape_routes.ui import frame

atlas = frame.atlas()
st.title("Sources")
st.write(
    "Everything on the map comes from these five texts. Quotes are verbatim; reader comments "
    "are anonymous opinions and are marked as such."
)

query = st.text_input("Search all quotes", placeholder="e.g. Mekong, broker, Yanji")
if query.strip():
    hits = search(atlas, query)
    st.write(f"{len(hits)} quote(s) match.")
    for q in hits:
        st.html(quote_with_links(atlas, q))
    st.divider()

for src in atlas.sources.values():
    count = sum(1 for q in atlas.quotes.values() if q.source == src.id)
    kind = atlas.vocab.label("source_kinds", src.kind)
    with st.expander(f"{frame.md(src.title)} — {frame.md(kind)} ({count} quotes)"):
        st.html(source_facts(atlas, src))
        for heading, quotes in quotes_by_risk(atlas, src.id):
            st.markdown(f"#### {frame.md(heading)}")
            for q in quotes:
                st.html(quote_with_links(atlas, q))
