"""How a message shows back what a person typed: cut to a readable length, made printable.

A message that names a file, a value or an option the user gave must stay readable whatever
was given: a 10 MB argument is shown as its beginning and its end with the number of
characters left out between them, and a control character (an escape sequence that would
drive the terminal, a line break that would forge a second line, a direction override that
would reorder what is shown) or a byte that is not
UTF-8 (a path from a foreign disk) is shown as a visible escape such as ``\\x1b``.

:func:`shown` is the one function for this: the file layer uses it for the paths it names,
and the CLI passes every line it prints as an error through it (so a message that echoes
input anywhere is cut too).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

#: Characters of a value named inside a message (a path, an option's value).
VALUE_LIMIT = 80
#: Characters of one printed line of an error message (Japanese text and what it quotes).
LINE_LIMIT = 400
#: Lines of one error message (a reason per line is the most any message has).
MAX_LINES = 30


def _visible(char: str) -> str:
    """``char`` itself, or a visible escape if it would not print as itself."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


def shown(value: object, limit: int = VALUE_LIMIT) -> str:
    """``value`` as text fit to be printed inside a message, at most ``limit`` characters.

    Control characters and undecodable bytes become visible escapes; text longer than
    ``limit`` once escaped keeps its first and last characters around a note such as
    ``…(9,999,920文字省略)…`` (the count is of the characters given that are not shown).
    """
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit and text.isprintable():
        return text
    whole = _printable(text[: limit + 1])
    if len(text) <= limit and len(whole) <= limit:
        return whole
    room = max(2, limit - len(f"…({len(text):,}文字省略)…"))  # the note's longest form
    head, used_head = _take(text, max(1, room * 2 // 3))
    tail, used_tail = _take(reversed(text[used_head:]), max(1, room - sum(map(len, head))))
    left_out = len(text) - used_head - used_tail
    return f"{''.join(head)}…({left_out:,}文字省略)…{''.join(reversed(tail))}"


def _take(chars: Iterable[str], budget: int) -> tuple[list[str], int]:
    """The visible forms of as many of ``chars`` as fit in ``budget`` characters, and how
    many of ``chars`` they show (the tail is taken from the reversed text)."""
    pieces: list[str] = []
    size = 0
    for char in chars:
        piece = _visible(char)
        if size + len(piece) > budget:
            break
        pieces.append(piece)
        size += len(piece)
    return pieces, len(pieces)


def _printable(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(_visible(c) for c in text)


def shown_message(message: str) -> str:
    """A whole error message as shown to a person (the CLI's stderr, the window's dialogs):
    each line through :func:`shown` with :data:`LINE_LIMIT`, whatever input it quotes, and
    at most :data:`MAX_LINES` lines (the first and the last ones, with the number left out:
    a value made of line breaks cannot flood the screen either)."""
    lines = message.split("\n")
    if len(lines) > MAX_LINES:
        keep_tail = MAX_LINES // 3
        keep_head = MAX_LINES - keep_tail - 1
        left_out = len(lines) - keep_head - keep_tail
        lines = [*lines[:keep_head], f"…({left_out:,}行省略)…", *lines[-keep_tail:]]
    return "\n".join(shown(line, LINE_LIMIT) for line in lines)
