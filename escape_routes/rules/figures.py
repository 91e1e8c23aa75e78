"""Rule 4a: a figure keeps what its quote says of it: the hedge the text uses, bounds only where
the text gives them, its year, and a topic of the measure it is (that its value is written in
its quote is rule 4: :mod:`.numbers`).

- A hedge word next to the value in the quote ("about", "over", "up to", "maybe as many as",
  "say", "a couple of", …) must be recorded in ``hedge``, and a recorded hedge must be in the
  quote.
- ``low``, ``high`` and ``number`` must each be a number written in the value; a number after
  "over" / "at least" can only be a lower bound, after "up to" / "as many as" only an upper
  bound, after "about" / "nearly" / "maybe" only a hedged reading, and after "say" or
  "a couple of" none of them ("say, 500 or 1,000" is not a count; "a couple" is not 2).
- The quote's wording decides the kind of measure: a share ("%", "per cent", "half"), a
  cumulative total ("a total of", "… since 1953"), a count per year ("annually", "last year",
  "2,706 in 2011"); the figure's topic (``content/vocabulary.yaml``) must measure that. A chart
  draws one topic, and a bar chart by year only a yearly count.
- A year not written in the quote needs ``year_note`` saying how it was derived.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from escape_routes.content.model import Atlas, Effect, Figure, Problem, Term
from escape_routes.content.tables import VOCABULARY, problem
from escape_routes.content.textnorm import fold, numbers_in

LOWER = ("more than", "at least", "over")
UPPER = ("maybe as many as", "as many as", "up to")
APPROX = ("approximately", "about", "around", "nearly", "almost", "roughly", "maybe", "some",
          "perhaps", "i think", "estimated")  # fmt: skip
ILLUSTRATIVE = ("a couple of", "say,")  # "say, 500 or 1,000"; not "charities say"
HEDGES = tuple(sorted(LOWER + UPPER + APPROX + ILLUSTRATIVE, key=len, reverse=True))
_HEDGE = re.compile(r"(?<!\w)(" + "|".join(re.escape(h) for h in HEDGES) + r")(?!\w)")

_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "a couple": 2,
}  # fmt: skip
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUM = re.compile(
    r"(?P<digits>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<scale1>hundred|thousand|million|billion))?"
    r"|(?P<word>\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a)\b)\s+"
    r"(?P<scale2>hundred|thousand|million|billion)\b"
    r"|(?P<half>\bhalf\b)"
)

SHARE = re.compile(r"%|\bper ?cent\b|\bhalf\b")
YEARLY_AFTER = re.compile(r"\b(annually|a year|per year|each year|every year|yearly)\b")
YEARLY_BEFORE = re.compile(r"\blast year\b")
IN_YEAR = re.compile(r"^\s*in (19|20)\d\d\b")
KIND_WORDS = {
    "share": "a share",
    "cumulative_total": "a cumulative total",
    "yearly_count": "a count per year",
}


def readings(value: str, unit: str = "") -> list[tuple[int, float]]:
    """The numbers written in a value, with where each starts: ``"$1300 to over $3000"`` ->
    ``[(1, 1300.0), (14, 3000.0)]``; words count too ("three million", "a thousand", "half")."""
    out = []
    for m in _NUM.finditer(fold(value).lower()):
        if m.group("digits"):
            n = float(m.group("digits").replace(",", ""))
            scale = _SCALE.get(m.group("scale1") or "", 1)
        elif m.group("word"):
            n, scale = float(_WORDS[m.group("word")]), _SCALE[m.group("scale2")]
        else:
            if unit != "percent":
                continue
            n, scale = 50.0, 1
        out.append((m.start(), n * scale))
    return out


def _window_before(quote: str, at: int) -> str:
    """Up to five words before ``at``, stopping at an earlier number (its hedge is its own)."""
    words = quote[:at].split()[-5:]
    for i in range(len(words) - 1, -1, -1):
        if re.search(r"\d", words[i]):
            return " ".join(words[i + 1 :])
    return " ".join(words)


def hedges_near(quote: str, value: str) -> list[tuple[str, int | None]]:
    """Hedges in the value and just before it: (hedge, position in the value or None)."""
    q, v = fold(quote).lower(), fold(value).lower()
    at = q.find(v)
    if at < 0:
        return []
    found = [(m.group(1), None) for m in _HEDGE.finditer(_window_before(q, at))]
    found += [(m.group(1), m.end()) for m in _HEDGE.finditer(v)]
    return found


def clue_kind(quote: str, value: str) -> tuple[str, str] | None:
    """The kind of measure the quote's wording gives the value, and the words that say so."""
    q, v = fold(quote).lower(), fold(value).lower()
    at = q.find(v)
    if at < 0:
        return None
    if m := SHARE.search(v):
        return "share", m.group(0)
    before = q[:at]
    sentence_start = max(before.rfind(". "), 0)
    after = q[at + len(v) :]
    clause = re.split(r"[,.;:](?=\s|$)", after, maxsplit=1)[0]
    if re.search(r"\btotal of\s*$", before):
        return "cumulative_total", "a total of"
    if re.search(r"\bsince\b", clause):
        return "cumulative_total", "since"
    if m := YEARLY_AFTER.search(re.split(r"[.;](?=\s|$)", after, maxsplit=1)[0]):
        return "yearly_count", m.group(0)
    if m := YEARLY_BEFORE.search(before[sentence_start:]):
        return "yearly_count", m.group(0)
    if m := IN_YEAR.search(after):
        return "yearly_count", m.group(0).strip()
    return None


def check_figure(fig: Figure, quote: str, topics: Mapping[str, Term]) -> list[Problem]:
    """Hedge, bounds, year and topic of one figure against its quote."""
    out: list[Problem] = []

    def add(fld: str, msg: str) -> None:
        out.append(problem(fig, fld, msg))

    folded = fold(quote).lower()
    near = hedges_near(quote, fig.value)
    recorded = fold(fig.hedge or "").lower()
    for hedge, _ in near:
        if hedge.rstrip(",") not in recorded:
            add("hedge", f"the quote hedges the value with {hedge!r}; record it in hedge")
    if fig.hedge and fold(fig.hedge).lower() not in folded:
        add("hedge", f"{fig.hedge!r} is not in the quote")
    nums = readings(fig.value, fig.unit)
    values = {n for _, n in nums}
    for fld in ("low", "high", "number"):
        x = getattr(fig, fld)
        if x is not None and x not in values:
            add(fld, f"{x:g} is not a number written in the value {fig.value!r}")
    out += _check_bounds(fig, near, nums)
    if fig.year is not None and str(fig.year) not in numbers_in(quote) and not fig.year_note:
        add("year", f"{fig.year} is not written in the quote; say how it was derived in year_note")
    if fig.since is not None and str(fig.since) not in numbers_in(quote):
        add("since", f"{fig.since} is not written in the quote")
    topic = topics.get(fig.topic)
    if topic is None:
        if topics:
            add("topic", f"unknown topic {fig.topic!r}")
        return out
    clue = clue_kind(quote, fig.value)
    measure = topic.measure
    if clue and clue[0] != measure:
        kind, words = clue
        add(
            "topic",
            f"the quote gives {KIND_WORDS[kind]} ({words!r}), but topic {fig.topic} measures "
            f"{KIND_WORDS.get(measure or '', measure or 'nothing declared')}",
        )
    elif measure in ("share", "yearly_count") and not clue:
        kind = KIND_WORDS[measure]
        add("topic", f"topic {fig.topic} measures {kind}, but nothing in the quote says so")
    return out


def _check_bounds(
    fig: Figure, near: list[tuple[str, int | None]], nums: list[tuple[int, float]]
) -> list[Problem]:
    """What each hedge allows the number after it to be."""
    out: list[Problem] = []

    def add(fld: str, msg: str) -> None:
        out.append(problem(fig, fld, msg))

    for hedge, pos in near:
        after = [n for at, n in nums if pos is None or at >= pos]
        if not after:
            continue
        n = after[0]
        said = f"'{hedge} {n:g}'"
        if hedge in LOWER:
            if fig.high == n:
                add("high", f"{said} gives no upper bound")
            if fig.number == n:
                add("number", f"{said} is a lower bound, not a reading")
        elif hedge in UPPER:
            if fig.low == n:
                add("low", f"{said} gives no lower bound")
            if fig.number == n:
                add("number", f"{said} is an upper bound, not a reading")
        elif hedge in APPROX:
            for fld in ("low", "high"):
                if getattr(fig, fld) == n:
                    add(fld, f"{said} is a hedged reading, not a bound the text gives")
        elif hedge in ILLUSTRATIVE:
            for fld in ("low", "high", "number"):
                if getattr(fig, fld) is not None:
                    add(fld, f"'{hedge.rstrip(',')}' makes the value illustrative: no {fld}")
    return out


def check_topics(topics: Mapping[str, Term]) -> list[Problem]:
    """Every topic says what it measures, and a bar chart by year draws only a yearly count
    (reported only: the figures of such a topic are still checked against their quotes)."""
    out: list[Problem] = []

    def add(tid: str, fld: str, msg: str) -> None:
        rid = f"figure_topics.{tid}"
        out.append(Problem(VOCABULARY, rid, fld, msg, table="vocab", effect=Effect.REPORT))

    for tid, t in topics.items():
        if t.measure is None:
            msg = "say what the topic measures (yearly_count, cumulative_total, share, …)"
            add(tid, "measure", msg)
        elif t.chart == "yearly" and t.measure != "yearly_count":
            add(tid, "chart", f"a bar chart by year draws only a yearly count, not {t.measure}")
    return out


def check_figures(atlas: Atlas) -> list[Problem]:
    """Rule 4a: every figure against its quote and its topic, and every topic's chart."""
    topics = atlas.vocab.figure_topics
    out = check_topics(topics)
    for fig in atlas.figures.values():
        q = atlas.quotes.get(fig.quote)
        if q is not None:
            out += check_figure(fig, q.text, topics)
    return out
