"""Text repair and folding used to prove that a quote is verbatim in its source."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


# The supplied text 003 was UTF-8 read as Windows-874 (Thai) as browsers decode it: bytes
# 0x80-0x9F as in Windows-1252, 0xA0-0xFF as Thai letters. A mangled character is a lead byte
# (0xE0-0xF4) followed by continuation bytes (0x80-0xBF); mapping each back to its byte and
# decoding as UTF-8 restores it.
def _byte_char(b: int) -> str:
    codec = "cp1252" if b < 0xA0 else "cp874"
    return bytes([b]).decode(codec, errors="ignore")


_TO_BYTE = {c: b for b in range(0x80, 0x100) if (c := _byte_char(b))}
_LEAD = "".join(_byte_char(b) for b in range(0xE0, 0xF5))
_CONT = "".join(_byte_char(b) for b in range(0x80, 0xC0))
_MOJIBAKE = re.compile(f"[{re.escape(_LEAD)}][{re.escape(_CONT)}]{{1,3}}")
# A byte that neither code page can show (0x81) was dropped; these runs lost one.
_TRUNCATED = {"\u0e50\u0178\u2122": "\U0001f641"}

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2026": "...",
    }
)
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as Windows-874, leaving everything else alone.

    Parameters
    ----------
    text
        Text that may hold runs such as ``โ€™`` (for ``’``).

    Returns
    -------
    str
        The text with every run that decodes cleanly as UTF-8 replaced by what it stands for.
    """

    def fix(match: re.Match[str]) -> str:
        run = match.group(0)
        if run in _TRUNCATED:
            return _TRUNCATED[run]
        try:
            return bytes(_TO_BYTE[c] for c in run).decode("utf-8")
        except (KeyError, UnicodeError):
            return run

    return _MOJIBAKE.sub(fix, text)


@lru_cache(maxsize=16384)  # the rules fold the same passages and sentences again and again
def fold(text: str) -> str:
    """Fold typographic quotes, dashes and white space so that equal wording compares equal."""
    text = unicodedata.normalize("NFC", repair_mojibake(text)).translate(_FOLD)
    return _SPACE.sub(" ", text).strip()


def numbers_in(text: str) -> set[str]:
    """The numbers written in a text, thousands separators removed (``"2,706"`` -> ``"2706"``)."""
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}
