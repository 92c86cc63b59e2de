"""Text from files, made safe to print: no control character reaches a terminal.

Card text, file names and answers are untrusted. Before they leave for people
(Rich) or Markdown, every control character (C0 but tab and newline, DEL, C1),
every bidirectional override or isolate, every invisible character (a zero-width
space) and every byte that was not UTF-8 (kept by Python as a lone surrogate) is
shown as a visible escape. JSON escapes the same characters as ``\\uXXXX``. No
Pydantic, Rich or Typer here: the fast path uses it too.
"""

from __future__ import annotations

import functools
import os
import re
from datetime import date, datetime

# C0 but tab and newline, DEL and C1, the bidirectional marks, embeddings, overrides
# and isolates (U+200E-200F, U+202A-202E, U+2066-2069), the line and paragraph
# separators, the invisible ones that make two different names look alike (the
# zero-width space U+200B, the word joiner and invisible operators U+2060-2064,
# U+FEFF), and the lone surrogates Python uses for bytes that are not UTF-8
# (os.fsdecode). The zero-width joiners (U+200C-200D) stay: emoji and some scripts are
# written with them.
_INVISIBLE = "\u200b\u2060-\u2064\ufeff"
_UNSAFE_CLASS = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e"
    f"\u2066-\u2069\ud800-\udfff{_INVISIBLE}]"
)


def invisible(char: str) -> bool:
    """Whether ``char`` is one of the unsafe characters that show nothing at all (read
    from ``_INVISIBLE``, the class ``unsafe`` has them from; only an error asks)."""
    return re.fullmatch(f"[{_INVISIBLE}]", char) is not None


@functools.cache
def unsafe() -> re.Pattern[str]:
    """The pattern of one unsafe character, compiled once, when first needed: compiling
    a class of characters beyond Latin-1 costs ``re`` more than a warm run's own work."""
    return re.compile(_UNSAFE_CLASS)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every unsafe character shown as an escape (``\\x1b``, ``\\u202e``);
    tabs and newlines are kept."""
    pattern = unsafe()
    return pattern.sub(_escape, text) if pattern.search(text) else text


def one_line(text: str) -> str:
    """``text`` as ``printable`` shows it, and its tabs and newlines as ``\\t``, ``\\n``:
    it cannot pass for two lines."""
    return printable(text.replace("\t", "\\t").replace("\n", "\\n"))


def path_text(path: str | os.PathLike[str]) -> str:
    """A path as it can be printed on one line: bytes that are not UTF-8 become ``\\xff``."""
    return one_line(os.fspath(path))


def json_safe(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with C1 controls,
    bidirectional overrides and lone surrogates escaped as ``\\uXXXX``.

    These characters can only stand inside JSON strings, where the escape means the
    same character to a JSON reader, and nothing raw reaches a terminal.
    """
    # json.dumps escapes C0 itself (but the newlines it indents with): the same pattern.
    return unsafe().sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def shown(value: object) -> str:
    """A value read from YAML as YAML spells it, short, for a message: ``'abc'``,
    ``null``, ``true``, ``2024-01-01``, ``[...]`` (never Python's ``None`` or
    ``datetime.date(...)``)."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:60] + "…"
        return "'" + printable(text).replace("\n", "\\n") + "'"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        text = str(value) if abs(value) < 10**40 else "…"
        return text
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return "[...]"
    if isinstance(value, dict):
        return "{...}"
    return "?"


def single_line(text: str) -> str | None:
    """``text`` as one line: without the newline a folded YAML block (``fr: >``) ends
    with, which is the block's, not the text's; ``None`` if it still breaks a line.
    The one rule for every field printed on one line (titles, labels, names, a card's
    ``source.section``, a manifest's ``name``); the other line breaks (U+2028...)
    are refused everywhere already (``unsafe``)."""
    line = text.rstrip("\r\n")
    return None if "\n" in line or "\r" in line else line
