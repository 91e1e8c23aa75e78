"""Reading a YAML or GeoJSON file, and why it cannot be read, in plain words.

A file that cannot be parsed is one problem at its cause: the line where the mistake is, what it
is, and how to fix it ("line 54 starts with a tab; YAML indents with spaces: replace the tab
with spaces"; "a comma is missing at the end of line 634"). Nothing here raises on bad content.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from escape_routes.content.model import Effect, Problem
from escape_routes.content.tables import table_of

MISSING = object()  #: what a reader returns for a file it could not use


def file_problem(label: str, message: str, field: str | None = None) -> Problem:
    """A problem with a whole file: nothing in it is used."""
    return Problem(
        label, None, field, message, table=table_of(label), rule="R0", effect=Effect.FILE
    )


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A YAML loader that rejects a key given twice in one mapping (libyaml's, when PyYAML has
    it: reading the content is then some ten times faster)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_text(path: Path, label: str, problems: list[Problem]) -> str | None:
    """A file's text, or None (with a Problem) when it is missing, unreadable or empty."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(file_problem(label, "file is missing"))
        return None
    except UnicodeDecodeError as exc:
        msg = (
            f"cannot be read: {exc.reason} at byte {exc.start}; save the file as UTF-8 "
            "(in most editors: Save as, encoding UTF-8)"
        )
        problems.append(file_problem(label, msg))
        return None
    except OSError as exc:
        problems.append(file_problem(label, f"cannot be read: {exc}"))
        return None
    if not text.strip():
        problems.append(file_problem(label, "file is empty"))
        return None
    return text


def read_yaml(path: Path, label: str, problems: list[Problem]) -> Any:
    """A YAML file's data, or :data:`MISSING` (with a Problem) when it cannot be read or parsed."""
    text = read_text(path, label, problems)
    if text is None:
        return MISSING
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        problems.append(file_problem(label, yaml_mistake(text, exc)))
        return MISSING


def read_json(path: Path, label: str, problems: list[Problem]) -> Any:
    """A JSON file's data, or :data:`MISSING` (with a Problem) when it cannot be read or parsed."""
    text = read_text(path, label, problems)
    return MISSING if text is None else parse_json(text, label, problems)


def parse_json(text: str, label: str, problems: list[Problem]) -> Any:
    """The data of a JSON file's text, or :data:`MISSING` (with a Problem) when it cannot be
    parsed."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        problems.append(file_problem(label, json_mistake(text, exc)))
    except _DuplicateKey as exc:
        msg = f"duplicate key {exc} (a name given twice in one object): keep one"
        problems.append(file_problem(label, msg))
    return MISSING


class _DuplicateKey(ValueError):
    """A JSON object gave the same key twice."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON objects like YAML mappings: a key given twice is an error, not the last one."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(repr(key))
        out[key] = value
    return out


def yaml_mistake(text: str, exc: yaml.YAMLError) -> str:
    """What is wrong with a YAML text, where, and how to fix it."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", None) or exc)
    context = str(getattr(exc, "context", None) or "")
    if mark is None:
        return f"is not valid YAML: {problem}"
    line, col = mark.line + 1, mark.column + 1
    lines = text.splitlines()
    here = lines[mark.line] if mark.line < len(lines) else ""
    start = getattr(exc, "context_mark", None)
    if "\t" in here[: len(here) - len(here.lstrip())]:
        return (
            f"line {line} starts with a tab; YAML indents with spaces: replace the tab with spaces"
        )
    if here[mark.column : mark.column + 1] == "\t" or "tab" in problem:
        return f"line {line} has a tab at column {col}; YAML allows no tab there: use a space"
    if "duplicate key" in problem:
        return f"line {line}: {problem} (a key given twice in one record): keep one"
    if "quoted scalar" in context and start is not None:
        return (
            f"line {start.line + 1}: the quote opened at column {start.column + 1} is never "
            "closed: add the closing quote mark"
        )
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        close = "]" if bracket == "[" else "}"
        at = start if start is not None else mark
        return (
            f"line {at.line + 1}: the {bracket} opened at column {at.column + 1} is never closed: "
            f"close it with {close}"
        )
    if "mapping values are not allowed" in problem:
        key_end = here.find(":")
        if 0 <= key_end < mark.column:
            key = here[:key_end].strip(" -")
            return (
                f"line {line} has a colon and a space inside the value of {key}: put the whole "
                f'value in double quotes ({key}: "…")'
            )
        return (
            f"line {line} is indented differently from the line above: line its key up with the "
            "keys of the same record"
        )
    if here[: mark.column].rstrip().endswith(('"', "'")):
        return (
            f"line {line}: text follows the closing quote mark of a value: put the whole value "
            "in quotes, or write it as a block (text: |-) on the lines below"
        )
    stripped = here.lstrip()
    if stripped.startswith("-") and not stripped.startswith(("- ", "---")) and stripped != "-":
        return f'line {line} starts with "-" and no space after it: write "- " (a dash, a space)'
    if any(words in problem for words in ("expected <block end>", "did not find expected")):
        return (
            f"line {line} does not line up with the lines above it: the keys of one record start "
            'in the same column, and each record starts with "- " (a dash and a space)'
        )
    return f"line {line}, column {col}: {problem} (YAML)"


def json_mistake(text: str, exc: json.JSONDecodeError) -> str:
    """What is wrong with a JSON text, where, and how to fix it."""
    before = text[: exc.pos].rstrip()
    prev_line = before.count("\n") + 1
    prev = before[-1:] if before else ""
    at_end = not text[exc.pos :].strip()
    line, col = exc.lineno, exc.colno
    if at_end:
        return (
            f"the file ends at line {prev_line} before its data is complete: a closing }} or ] "
            "(or more) is missing"
        )
    if exc.msg.startswith("Expecting ',' delimiter"):
        if prev_line < line:
            return f"a comma is missing at the end of line {prev_line}: add , after its last value"
        return f"a comma is missing on line {line} before column {col}: add , between the values"
    if exc.msg.startswith(("Expecting property name", "Expecting value")) and prev == ",":
        return (
            f"line {prev_line} ends with a comma that nothing follows: remove that comma "
            "(the last item of a list or object has none)"
        )
    if exc.msg.startswith("Expecting property name") and text[exc.pos : exc.pos + 1] == "'":
        return f'line {line} puts a name in single quotes: JSON needs double quotes ("…")'
    if exc.msg.startswith("Expecting ':' delimiter"):
        return f"line {line}: a colon is missing after the name before column {col}"
    if exc.msg.startswith(("Invalid control character", "Unterminated string")):
        return (
            f"line {line}: a text in double quotes is not closed before the line ends: add the "
            'closing " (a quote mark inside a text is written \\")'
        )
    if exc.msg.startswith("Extra data"):
        return f"line {line}: something follows the end of the data (an extra }} or ]?): remove it"
    return f"line {line}, column {col}: {exc.msg} (JSON)"
