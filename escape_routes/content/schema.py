"""A record that does not fit its schema, in a teacher's words.

pydantic says ``String should match pattern '^[a-z0-9]+([_-][a-z0-9]+)*$'``; a teacher needs
"'quoted statement' is not a kind of quote in content/vocabulary.yaml (did you mean
'quoted_statement'?); use one of: …", or what an id may contain.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from escape_routes.content.model import Vocabulary
from escape_routes.content.tables import TERM_TABLES, TERM_WORDS, VOCABULARY, did_you_mean

ID_RULE = (
    "an id may contain only lower-case letters a-z, digits 0-9 and single hyphens between them "
    "(like q-npr-yoon-live-together), at most 80 characters"
)
_PATTERNS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": ID_RULE,
    r"^[a-z0-9]+([_-][a-z0-9]+)*$": (
        "a term is written in lower case, with _ or - between words (like quoted_statement)"
    ),
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "write the date as YYYY, YYYY-MM or YYYY-MM-DD",
    r"^\d{4}-\d{2}-\d{2}$": "write the date as YYYY-MM-DD",
    r"^https://": "a web address starts with https://",
    r"^#[0-9a-fA-F]{6}$": "a colour is written #rrggbb (like #1b9e77)",
    r"^[A-Z]{3}$": "a country is its ISO 3166 code of three capital letters (like CHN)",
    r"^[0-9]{3}_[0-9a-f]{16}\.txt$": "the name of a supplied text (like 000_4062eb9ce107c7c7.txt)",
}
_TYPES = {
    "int_type": "a whole number (like 2016)",
    "int_parsing": "a whole number (like 2016)",
    "int_from_float": "a whole number (like 2016)",
    "float_type": "a number",
    "float_parsing": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "tuple_type": "a list, written [a, b] or as lines starting with '- '",
    "list_type": "a list, written [a, b] or as lines starting with '- '",
    "dict_type": "a group of fields (key: value lines, indented below it)",
    "model_type": "a group of fields (key: value lines, indented below it)",
}


def describe(
    err: dict[str, Any], model: type[BaseModel], table: str | None, vocab: Vocabulary
) -> tuple[str, str]:
    """(field, what is wrong) for one pydantic error on a record of ``table``."""
    loc = [str(p) for p in err["loc"]]
    where = ".".join(loc)
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        return where, "required field is missing"
    if kind == "extra_forbidden":
        known = _fields(model) if len(loc) == 1 else []
        return where, "unknown field" + did_you_mean(loc[-1], known)
    if kind == "string_pattern_mismatch":
        vocab_table = TERM_TABLES.get((table or "", where))
        if vocab_table is not None:
            terms = getattr(vocab, vocab_table)
            return where, (
                f"{value!r} is not {TERM_WORDS[vocab_table]} in {VOCABULARY}"
                + did_you_mean(str(value), terms, list_all=True)
            )
        rule = _PATTERNS.get(str((err.get("ctx") or {}).get("pattern")))
        if rule is not None:
            return where, f"{value!r} does not fit: {rule}"
    if kind == "string_too_short" and value == "":
        return where, "is empty: write something, or leave the field out"
    if kind in _TYPES:
        return where, f"should be {_TYPES[kind]}, not {value!r}"
    if kind == "too_short" and value in ((), []):
        return where, "needs at least one entry"
    return where, err["msg"]


def _fields(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]
