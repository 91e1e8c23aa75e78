"""Rule 8f: each sentence of our wording keeps the qualifiers of what it takes from its
passages (:mod:`.sentences` reads every marked sentence; rules 8d and 8e are there).

Quoting the words does as well. The rule is a heuristic on words, clause by clause: a passage is
cut into clauses (at . ; : ! ? and a comma followed by a space, a dash, a bracket, " but "); a
clause is what the sentence takes from it when they share at least two content words (all of the
clause's, if it has fewer): words of four letters or more, their endings taken off
("traffickers", "trafficking"), and numbers; not function words, hedge words, nor the words
nearly every passage has ("North", "Korean", "China", "refugees", "defectors" …). Each hedge of
such a clause (:data:`HEDGE`: many, most, some, usually, often, attempt, tried, seems, may,
could, probably, estimated, hoped, relatively, typically, more or less …) that the sentence does
not keep in some form is dropped; a bound on an amount ("up to 200,000", "around 100,000", "at
least 1,000") only where the sentence states that amount. A clause whose words the sentence
quotes is not read. A dropped hedge is reported unless another passage of the sentence says the
same plainly (a clause of it sharing two of the same words and dropping nothing). What it cannot
see: a paraphrase sharing fewer than two words with the clause, a hedge word it does not list,
and a claim made stronger without dropping a word ("many" made "most" is seen, "can" made "does"
is not).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from escape_routes.content import sentences
from escape_routes.content.model import Atlas, Figure, Problem, Quote
from escape_routes.content.tables import problem
from escape_routes.content.textnorm import fold, numbers_in
from escape_routes.rules.ourtext import attached
from escape_routes.rules.sentences import marked, short

_AMOUNT = (
    r"\$?\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"a (couple|few|hundred|thousand|million)"
)
_BOUNDS = "over|about|around|nearly|almost|up to|at least|as many as|more than"
#: A qualifier: a word that hedges a claim, or a bound on an amount ("up to 200,000"), which
#: qualifies only that amount.
HEDGE = re.compile(
    r"\b(many|mostly|usually|often|some|sometimes|several|attempts?|attempted|tried|tries|"
    r"seems?|seemed|apparently|may|might|could|probably|perhaps|maybe|possibly|likely|"
    r"reportedly|allegedly|estimated?|estimates|hoped|hopes?|hoping|relatively|typical|"
    r"typically|generally|largely|mainly|roughly|more or less|if not|"
    r"(?<!the )most(?!\s+\w+(ed|ing|est|ful|ous|ive|ly)\b)|"
    rf"({_BOUNDS}) ({_AMOUNT}))\b",
    re.I,
)
#: A hedge that is a bound on an amount: the bound, then the amount.
BOUNDED = re.compile(rf"({_BOUNDS}) (.+)", re.I)
#: Words a sentence quotes: a clause of a passage whose words it quotes is not read for hedges
#: (the reader sees the passage's own words, and the sentence says whose they are).
QUOTED = re.compile(r"“[^“”]{3,}”|\"[^\"]{3,}\"|(?<!\w)['‘][^'‘’]{3,}['’](?!\w)")
_WORD = re.compile(r"[a-z0-9]+")
#: Where a clause of a passage ends (a comma or full stop inside a number ends none).
_CLAUSE = re.compile(r"[.;:!?,](?=\s|$)|[—–()]| but ")
_STOP = frozenset(
    "the a an and or of to in on at by for with from that this these those is are was were be "
    "been it its as their they them his her she he who which what where when not no into after "
    "before there than then also says said reports report text texts feature blog post".split()
    # Words nearly every passage has: sharing them says nothing about what a sentence takes.
    + "north south korea korean koreans china chinese refugee refugees defector defectors "
    "people across between through during against among within without along around toward "
    "because while would should another other others".split()
)
_ENDINGS = ("ings", "ing", "ers", "ors", "ed", "es", "er", "or", "s")


@lru_cache(maxsize=16384)
def _words(text: str) -> frozenset[str]:
    """The words that carry a text's content (longer than three letters, no function words),
    each without its ending ("traffickers", "trafficking": "traffick"), and its numbers."""
    words = {
        _stem(w)
        for w in _WORD.findall(fold(text).lower())
        if len(w) > 3 and w not in _STOP and not HEDGE.fullmatch(w)  # a hedge is no content
    }
    return frozenset(words | numbers_in(text))


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def dropped_hedges(sentence: str, quote: Quote) -> list[str]:
    """The qualifiers a passage puts on what the sentence takes from it that the sentence does
    not keep (:func:`hedged_clauses`, every clause together)."""
    return [h for _, hedges in hedged_clauses(sentence, quote) for h in hedges]


def hedged_clauses(sentence: str, quote: Quote) -> list[tuple[frozenset[str], list[str]]]:
    """For each clause of the passage that shares at least two words with the sentence (all of
    them, if it has fewer; :func:`_words`: content words, endings taken off) and whose words the
    sentence does not quote, those shared words and the hedges of the clause the sentence does
    not keep in any form; a bound on an amount ("up to 200,000") counts only where the sentence
    states that amount."""
    said, text = _words(sentence), fold(sentence)
    kept = {_hedge_key(m) for m in HEDGE.finditer(text)}
    amounts = numbers_in(text)
    quoted = [m.group(0)[1:-1].lower() for m in QUOTED.finditer(text)]
    out = []
    for clause in _clauses(quote.text):
        shared = said & clause.words
        if len(shared) < min(2, len(clause.words)) or not shared:
            continue  # shares too little (a short clause: all its words)
        if any(q in clause.lower for q in quoted):
            continue  # the sentence quotes the clause's own words
        dropped = []
        for hedge in clause.hedges:
            stated = hedge.amount is None or (
                bool(hedge.amount_numbers & amounts)
                if hedge.amount_numbers
                else bool(re.search(rf"\b{re.escape(hedge.amount)}\b", text, re.I))
            )
            if stated and hedge.key not in kept:
                dropped.append(hedge.text)
        out.append((frozenset(shared), dropped))
    return out


class _Hedge(NamedTuple):
    text: str  # as the passage writes it
    key: str  # :func:`_hedge_key`
    amount: str | None  # the amount a bound is on ("200,000" of "up to 200,000"), or None
    amount_numbers: frozenset[str]


class _Clause(NamedTuple):
    lower: str  # folded, lower case
    words: frozenset[str]  # :func:`_words`
    hedges: tuple[_Hedge, ...]


@lru_cache(maxsize=4096)
def _clauses(passage: str) -> tuple[_Clause, ...]:
    """A passage cut into clauses (a dash ends one: split before folding), each with its words
    and hedges: the same for every sentence resting on it, so read once per passage text."""
    out = []
    for clause in map(fold, _CLAUSE.split(passage)):
        hedges = []
        for m in HEDGE.finditer(clause):
            amount = bounded.group(2) if (bounded := BOUNDED.fullmatch(m.group(0))) else None
            found = frozenset(numbers_in(amount)) if amount else frozenset()
            hedges.append(_Hedge(m.group(0), _hedge_key(m), amount, found))
        out.append(_Clause(clause.lower(), _words(clause), tuple(hedges)))
    return tuple(out)


def _hedge_key(m: re.Match[str]) -> str:
    """One key for the forms of a hedge (estimate, estimates, estimated; hope, hoped, hoping);
    a bound on an amount by its bound ("up to")."""
    if bounded := BOUNDED.fullmatch(m.group(0)):
        return bounded.group(1).lower()
    return re.sub(r"(ing|ed|es|s)$", "", m.group(0).lower()).rstrip("e")


def unqualified(sentence: str, quotes: list[Quote]) -> list[str]:
    """The hedges a sentence drops: those of a clause of one of its passages (above) where no
    other of its passages says the same plainly (a clause sharing at least two of the same
    words and dropping no hedge). A sentence resting on one passage keeps its hedges; one
    resting on several may state plainly what one of them says plainly."""
    clauses = {q.id: hedged_clauses(sentence, q) for q in quotes}
    out: list[str] = []
    for q in quotes:
        for shared, dropped in clauses[q.id]:
            plain_elsewhere = any(
                len(shared & other) >= 2 and not hedges
                for o in quotes
                if o.id != q.id
                for other, hedges in clauses[o.id]
            )
            if dropped and not plain_elsewhere:
                out += dropped
    return list(dict.fromkeys(out))


def check_hedges(atlas: Atlas) -> list[Problem]:
    """Rule 8f: where every passage a sentence rests on qualifies what the sentence takes from
    it, the sentence keeps the qualifier (or quotes the words)."""
    out: list[Problem] = []
    for rec, fld, s, _ in marked(atlas):
        # What a figure measures is shown beside its value, which keeps the text's hedge.
        kept = rec.value if isinstance(rec, Figure) and fld == "measures" else ""
        out += [problem(rec, fld, msg) for msg in hedge_messages(atlas, s, kept)]
    return out


def hedge_messages(atlas: Atlas, s: sentences.Sentence, shown_beside: str = "") -> list[str]:
    """Rule 8f for one sentence (:func:`check_hedges`); ``shown_beside`` is text the reader sees
    with it (a figure's value), whose hedge counts as kept."""
    said = f"{s.text} {shown_beside}".strip()
    dropped = unqualified(said, attached(atlas, s.quotes))
    if not dropped:
        return []
    words = ", ".join(f"“{h}”" for h in dropped)
    return [
        f"“{short(s.text)}” drops the qualifier its passages put on it ({words}): keep it, "
        "or quote the words"
    ]
