"""The gazetteer's town lookup finds exactly what one alternation of every town would find."""

from __future__ import annotations

import re

from escape_routes.content.textnorm import fold
from escape_routes.rules import gazetteer


def _by_alternation(towns: frozenset[str], text: str) -> list[tuple[int, int]]:
    """The plain way (slow: thousands of alternatives tried at each place of the text)."""
    alternatives = "|".join(re.escape(t) for t in sorted(towns, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def test_town_lookup_is_the_alternation(real_atlas):
    """Over every quote and summary, and made-up cases (longest town first, word boundaries,
    a town inside a longer word, a hyphen, a possessive), both ways give the same spans."""
    gz = gazetteer.of(real_atlas)
    texts = [q.text for q in real_atlas.quotes.values()]
    texts += [i.summary for i in (*real_atlas.places.values(), *real_atlas.routes.values())]
    texts += [
        "Ho Chi Minh City, then Hanoi; Hanoian food. Nha Trang-bound, Yanji's market, Harbin_x",
        "Seoul Seoul. Busan, Shenyang and Dandong",
    ]
    some = sorted(gz.towns)[::50]  # a hundred towns or so, from every letter
    texts += [", ".join(some), " ".join(t + "s" for t in some), "-".join(some)]
    found = 0
    for text in texts:
        folded = fold(text)
        expected = _by_alternation(gz.towns, folded)
        assert gz._town_spans(folded) == expected, text
        found += len(expected)
    assert found > len(some)  # the comparison saw towns, not only empty lists
