"""A teacher's own lesson, kept in the link: which tour steps, in what order, with the teacher's own
questions, notes and minutes, and whether the steps that carry a care note are left out.

Nothing is stored on the server: the lesson is these query parameters (all optional; none at all
is the whole tour):

==============  ==================================================================================
``steps=4,2,9``  the tour's steps by number (or id), in the order shown: "Step 1 of 3" is step 4
``care=skip``    leave out every step with a handle-with-care note (for younger classes)
``q4=…``         the teacher's own question for tour step 4 (shown instead of the tour's)
``note4=…``      the teacher's own note for tour step 4 (for the teacher's eyes: never projected)
``min4=6``       minutes planned for tour step 4 (else the step's own estimate)
``title=…``      the lesson's title
``speaker=1``    this window is the speaker view (notes and a clock); not part of a shared lesson
==============  ==================================================================================

Like :func:`escape_routes.explore.links.parse`, reading never raises: an unknown step, a bad
number or an overlong text is dropped (or cut) with a warning naming it. The teacher's own text
is plain text: every output escapes it (it never becomes HTML or Markdown).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from escape_routes.content import sentences
from escape_routes.content.model import Atlas, TourStep

PARAMS = ("steps", "care", "title", "speaker")
_PER_STEP = re.compile(r"^(q|note|min)([0-9]{1,3})$")
MAX_QUESTION = 300
MAX_NOTE = 600
MAX_TITLE = 120
MAX_MINUTES = 60
CARE_VALUES = ("skip", "warn")
_YES, _NO = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


@dataclass(frozen=True)
class LessonStep:
    """One step of a lesson: the tour step, and what the teacher added to it."""

    number: int  # the step's number in the whole tour (1-based)
    step: TourStep
    question: str = ""  # the teacher's own question ("" : the tour's)
    note: str = ""  # the teacher's own note
    minutes: int = 0  # planned minutes

    @property
    def shown_question(self) -> str:
        """The question the class sees: the teacher's own, else the tour's (its markers taken
        out: a question is read aloud and written on)."""
        return self.question or sentences.plain(self.step.question)


@dataclass(frozen=True)
class Lesson:
    """The steps a lesson shows, in order, and how it was chosen."""

    order: tuple[LessonStep, ...]  # every step the teacher chose, in order (care steps too)
    skip_care: bool = False  # leave out the steps that carry a care note
    title: str = ""
    chosen: bool = False  # the teacher chose the steps (not the whole tour in its order)

    @property
    def steps(self) -> tuple[LessonStep, ...]:
        """The steps shown: ``order`` without the care steps when they are skipped (all of them
        when every one has a care note)."""
        kept = tuple(s for s in self.order if not (self.skip_care and s.step.care))
        return kept or self.order

    @property
    def left_out(self) -> tuple[LessonStep, ...]:
        """The care steps ``care=skip`` leaves out."""
        shown = self.steps
        return tuple(s for s in self.order if s not in shown)

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def minutes(self) -> int:
        """The lesson's planned length."""
        return sum(s.minutes for s in self.steps)

    def minutes_before(self, position: int) -> int:
        """Planned minutes of the steps before ``position`` (1-based)."""
        return sum(s.minutes for s in self.steps[: position - 1])

    def at(self, position: int) -> LessonStep:
        """The step at a 1-based position (clamped into the lesson)."""
        return self.steps[min(max(position, 1), len(self.steps)) - 1]

    def next_after(self, position: int) -> LessonStep | None:
        """The step after ``position``, or None at the end."""
        return self.steps[position] if 0 < position < len(self.steps) else None

    def is_whole_tour(self) -> bool:
        """Every tour step in the tour's order, nothing added: the plain tour."""
        return not (self.chosen or self.skip_care or self.title or any(_own(s) for s in self.order))


def _own(s: LessonStep) -> bool:
    return bool(s.question or s.note or s.minutes != s.step.minutes)


def owns(name: str) -> bool:
    """Whether a link parameter is one of the lesson's."""
    return name in PARAMS or bool(_PER_STEP.match(name))


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "..."


def clean_text(raw: str, limit: int, what: str, warn: list[str]) -> str:
    """The teacher's text as one plain line: control characters out, white space joined, cut at
    ``limit`` characters with a warning naming ``what``."""
    text = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in raw
        if unicodedata.category(c) not in ("Cf", "Cs", "Co", "Cn")
    )
    text = " ".join(text.split())
    if len(text) > limit:
        warn.append(f"Link parameter {what}: longer than {limit} characters; cut.")
        text = text[:limit].rstrip()
    return text


def whole_tour(atlas: Atlas) -> Lesson:
    """The tour as it is: every step, in order, with its own questions and minutes."""
    return Lesson(tuple(LessonStep(n, s, minutes=s.minutes) for n, s in enumerate(atlas.tour, 1)))


def _numbers(raw: str, atlas: Atlas, warn: list[str]) -> list[int]:
    """Tour step numbers from ``steps``: numbers or ids; unknown ones and repeats dropped."""
    ids = {s.id: n for n, s in enumerate(atlas.tour, 1)}
    out: list[int] = []
    for item in (p.strip() for p in raw.split(",")):
        if not item:
            continue
        n = int(item) if item.isascii() and item.isdigit() and len(item) < 6 else ids.get(item)
        if n is None or not 1 <= n <= len(atlas.tour):
            warn.append(
                f"Link parameter steps: there is no tour step {_short(item)!r} (the tour has "
                f"{len(atlas.tour)} steps); left out."
            )
        elif n in out:
            warn.append(f"Link parameter steps: step {n} is named twice; shown once.")
        else:
            out.append(n)
    return out


def _minutes(raw: str, name: str, warn: list[str]) -> int | None:
    if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= MAX_MINUTES:
        return int(raw)
    warn.append(
        f"Link parameter {name}: {_short(raw)!r} is not a number of minutes (1 to "
        f"{MAX_MINUTES}); the step's own estimate used."
    )
    return None


def parse(values: Mapping[str, str], atlas: Atlas, warn: list[str]) -> Lesson:
    """The lesson a link's parameters describe (``values``: one string per name, as
    :func:`escape_routes.explore.links.parse` passes them); a warning for each thing dropped."""
    chosen = "steps" in values
    numbers = _numbers(values["steps"], atlas, warn) if chosen else []
    if chosen and not numbers:
        warn.append("Link parameter steps: no step left; the whole tour is shown.")
        chosen = False
    if not chosen:
        numbers = list(range(1, len(atlas.tour) + 1))
    care = values.get("care", "warn").strip().lower()
    if care not in CARE_VALUES:
        warn.append(f"Link parameter care: {_short(care)!r} is not 'skip'; ignored.")
    texts: dict[tuple[str, int], str] = {}
    minutes: dict[int, int] = {}
    for name, raw in values.items():
        m = _PER_STEP.match(name)
        if not m:
            continue
        kind, n = m.group(1), int(m.group(2))
        if n not in numbers:
            warn.append(f"Link parameter {name}: step {n} is not in this lesson; ignored.")
        elif kind == "min":
            if (mins := _minutes(raw.strip(), name, warn)) is not None:
                minutes[n] = mins
        else:
            texts[kind, n] = clean_text(raw, MAX_QUESTION if kind == "q" else MAX_NOTE, name, warn)
    steps = tuple(
        LessonStep(
            n,
            atlas.tour[n - 1],
            question=texts.get(("q", n), ""),
            note=texts.get(("note", n), ""),
            minutes=minutes.get(n, atlas.tour[n - 1].minutes),
        )
        for n in numbers
    )
    skip = care == "skip"
    if skip and steps and all(s.step.care for s in steps):
        warn.append("Link parameter care: every step of this lesson has a care note; all shown.")
    title = clean_text(values.get("title", ""), MAX_TITLE, "title", warn)
    return Lesson(steps, skip, title, chosen)


def parse_speaker(values: Mapping[str, str], warn: list[str]) -> bool:
    """``speaker=1``: this window is the speaker view."""
    if "speaker" not in values:
        return False
    flag = values["speaker"].strip().lower()
    if flag not in _YES + _NO:
        warn.append(f"Link parameter speaker: {_short(flag)!r} is not 1 or 0; ignored.")
    return flag in _YES


def to_params(lesson: Lesson) -> dict[str, str]:
    """The query parameters that give this lesson again (nothing for the plain tour)."""
    if lesson.is_whole_tour():
        return {}
    out: dict[str, str] = {}
    if lesson.chosen:
        out["steps"] = ",".join(str(s.number) for s in lesson.order)
    if lesson.skip_care:
        out["care"] = "skip"
    if lesson.title:
        out["title"] = lesson.title
    for s in lesson.order:
        if s.question:
            out[f"q{s.number}"] = s.question
        if s.note:
            out[f"note{s.number}"] = s.note
        if s.minutes != s.step.minutes:
            out[f"min{s.number}"] = str(s.minutes)
    return out


def from_link(link: str, atlas: Atlas, steps: str | None = None) -> tuple[Lesson, list[str]]:
    """The lesson of a whole link (``https://…/tour?steps=4,2,9&q4=…``) or of its query alone;
    ``steps`` (``"4,2,9"``), if given, chooses the steps instead of the link's."""
    query = urlsplit(link).query if "?" in link else link.lstrip("?")
    values: dict[str, str] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        if owns(name) and name != "speaker":
            values[name] = value
    if steps is not None:
        values["steps"] = steps
    warn: list[str] = []
    return parse(values, atlas, warn), warn
