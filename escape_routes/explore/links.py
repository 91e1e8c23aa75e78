"""Shareable views: the URL's query parameters <-> a Filter, a selected item, the routes x risks
table's chosen cell and a tour step.

Parsing never raises: anything unknown or malformed is dropped with a warning naming it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from escape_routes.content.model import Atlas
from escape_routes.explore import lesson as lessons
from escape_routes.explore.filters import DATES, Filter

KNOWN = (
    "risks", "mode", "routes", "status", "from", "to", "dates", "kinds", "sel", "table", "step",
    "present",
)  # fmt: skip
_YES, _NO = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
MAX_VALUE = 2_000


@dataclass
class LinkState:
    """What a link asks for, after dropping what could not be understood."""

    filter: Filter = field(default_factory=Filter)
    selected: str | None = None
    step: int | None = None
    present: bool = False
    warnings: list[str] = field(default_factory=list)
    lesson: lessons.Lesson | None = None  # the tour's steps (escape_routes.explore.lesson)
    speaker: bool = False
    # The routes x risks table's (route, risk or None); keyword-only, so that positional
    # construction keeps the fields above in their order.
    table: tuple[str, str | None] | None = field(default=None, kw_only=True)


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "..."


def _first(raw: object) -> str:
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else ""
    return raw if isinstance(raw, str) else str(raw)


def _ids(name: str, raw: str, allowed: Mapping[str, object], warn: list[str]) -> frozenset[str]:
    chosen = set()
    for item in (p.strip() for p in raw.split(",")):
        if not item:
            continue
        if item in allowed:
            chosen.add(item)
        else:
            warn.append(f"Link parameter {name}: unknown value {_short(item)!r} ignored.")
    return frozenset(chosen)


def _year(name: str, raw: str, warn: list[str]) -> int | None:
    if raw.isascii() and raw.isdigit() and 1900 <= int(raw) <= 2100:
        return int(raw)
    warn.append(f"Link parameter {name}: {_short(raw)!r} is not a year; ignored.")
    return None


def parse(params: Mapping[str, object], atlas: Atlas) -> LinkState:
    """Read query parameters into a LinkState.

    Parameters
    ----------
    params
        ``st.query_params`` or any mapping of names to a string or a list of strings.
    atlas
        The content, to check ids against.

    Returns
    -------
    LinkState
        The filter, selection and step asked for, and one warning per thing ignored.
    """
    warn: list[str] = []
    values: dict[str, str] = {}
    for key, raw in params.items():
        name = str(key)
        if name not in KNOWN and not lessons.owns(name):
            warn.append(f"Unknown link parameter {_short(name)!r} ignored.")
            continue
        value = _first(raw)
        if len(value) > MAX_VALUE:
            warn.append(f"Link parameter {name} is too long; ignored.")
            continue
        values[name] = value
    get = values.get
    mode = get("mode", "any")
    if mode not in ("any", "all"):
        warn.append(f"Link parameter mode: {_short(mode)!r} is not 'any' or 'all'; 'any' used.")
        mode = "any"
    start = _year("from", get("from", ""), warn) if "from" in values else None
    end = _year("to", get("to", ""), warn) if "to" in values else None
    dates = get("dates", "reported")
    if dates not in DATES:
        msg = f"Link parameter dates: {_short(dates)!r} is not 'reported' or 'happened'; "
        warn.append(msg + "'reported' used.")
        dates = "reported"
    period = None
    if start is not None or end is not None:
        period = (start or 1900, end or 2100)
        if period[0] > period[1]:
            warn.append("Link parameters from/to: the period ends before it starts; ignored.")
            period = None
    filt = Filter(
        risks=_ids("risks", get("risks", ""), atlas.risks, warn),
        mode=mode,  # type: ignore[arg-type]
        routes=_ids("routes", get("routes", ""), atlas.routes, warn),
        statuses=_ids("status", get("status", ""), atlas.vocab.statuses, warn),
        period=period,
        dates=dates,  # type: ignore[arg-type]
        kinds=_ids("kinds", get("kinds", ""), atlas.vocab.evidence_kinds(), warn),
    )
    selected = get("sel") or None
    if selected and selected not in atlas.places and selected not in atlas.segments:
        warn.append(f"Link parameter sel: no place or route segment {_short(selected)!r}.")
        selected = None
    table = _table(get("table", ""), atlas, warn) if "table" in values else None
    lesson = lessons.parse(values, atlas, warn)
    step = _step(get("step", ""), len(lesson), warn) if "step" in values else None
    present = False
    if "present" in values:
        flag = get("present", "").strip().lower()
        present = flag in _YES
        if flag not in _YES + _NO:
            warn.append(f"Link parameter present: {_short(flag)!r} is not 1 or 0; ignored.")
    speaker = lessons.parse_speaker(values, warn)
    return LinkState(filt, selected, step, present, warn, lesson, speaker, table=table)


def _table(raw: str, atlas: Atlas, warn: list[str]) -> tuple[str, str | None] | None:
    """The routes x risks table's choice: ``route`` (a row) or ``route,risk`` (a cell)."""
    route, _, risk = (p.strip() for p in raw.partition(","))
    if route not in atlas.routes:
        warn.append(f"Link parameter table: no route {_short(route)!r}.")
        return None
    if risk and risk not in atlas.risks:
        warn.append(f"Link parameter table: no risk {_short(risk)!r}; the route's row chosen.")
    return (route, risk if risk in atlas.risks else None)


def _step(raw: str, count: int, warn: list[str]) -> int | None:
    """A tour step number; one past either end gives the nearest step, with a warning."""
    if not (raw.isascii() and raw.isdigit()) or count == 0:
        warn.append(f"Link parameter step: {_short(raw)!r} is not a tour step number.")
        return None
    n = int(raw)
    if 1 <= n <= count:
        return n
    nearest = min(max(n, 1), count)
    warn.append(
        f"Link parameter step: there is no step {_short(raw)!r} (the tour has {count} steps); "
        f"showing step {nearest}."
    )
    return nearest


def to_params(
    f: Filter,
    selected: str | None = None,
    step: int | None = None,
    present: bool = False,
    lesson: lessons.Lesson | None = None,
    speaker: bool = False,
    table: tuple[str, str | None] | None = None,
) -> dict[str, str]:
    """The query parameters that reproduce a view (only what differs from the default)."""
    out: dict[str, str] = {}
    for name, ids in (("risks", f.risks), ("routes", f.routes), ("status", f.statuses)):
        if ids:
            out[name] = ",".join(sorted(ids))
    if f.risks and f.mode == "all":
        out["mode"] = "all"
    if f.period:
        out["from"], out["to"] = str(f.period[0]), str(f.period[1])
    if f.dates != "reported":
        out["dates"] = f.dates
    if f.kinds:
        out["kinds"] = ",".join(sorted(f.kinds))
    if selected:
        out["sel"] = selected
    if table:
        out["table"] = ",".join(p for p in table if p)
    if step:
        out["step"] = str(step)
    if present:
        out["present"] = "1"
    if lesson is not None:
        out.update(lessons.to_params(lesson))
    if speaker:
        out["speaker"] = "1"
    return out
