"""Sources: each text with what is known about it, and every quote taken from it, by risk."""

from __future__ import annotations

import streamlit as st

from escape_routes import ui
from escape_routes.model import SOURCE_KIND_LABELS
from escape_routes.sourcelist import quote_with_links, search, source_facts

atlas = ui.atlas()
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
    quotes = [q for q in atlas.quotes.values() if q.source == src.id]
    with st.expander(f"{src.title} — {SOURCE_KIND_LABELS[src.kind]} ({len(quotes)} quotes)"):
        st.html(source_facts(src))
        by_risk: dict[str, list] = {r: [] for r in atlas.risks}
        untagged = []
        for q in quotes:
            for r in q.risks:
                by_risk[r].append(q)
            if not q.risks:
                untagged.append(q)
        for rid, qs in by_risk.items():
            if qs:
                risk = atlas.risks[rid]
                st.markdown(f"#### {risk.cue} {risk.label}")
                for q in qs:
                    st.html(quote_with_links(atlas, q))
        if untagged:
            st.markdown("#### Context (no risk)")
            for q in untagged:
                st.html(quote_with_links(atlas, q))
