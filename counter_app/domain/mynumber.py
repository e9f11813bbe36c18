"""The My Number guard (domain.md §4): never let a 個人番号 into a free-text field.

A text is refused when, after folding every decimal digit to ASCII (full-width ``１２３``, and
any other Unicode decimal digit) and removing spaces and hyphens, it holds a 12-digit number
whose last digit is a valid My Number check digit.

What counts as a separator (removed):

* every Unicode white space (space, U+3000 ideographic space, tab, line breaks);
* the hyphen and dash family: ``-`` U+002D, ``‐`` U+2010, ``‑`` U+2011, ``‒`` U+2012, ``–``
  U+2013, ``—`` U+2014, ``―`` U+2015, ``⁃`` U+2043, ``−`` U+2212, ``﹣`` U+FE63, ``－`` U+FF0D;
* the katakana prolonged sound mark ``ー`` U+30FC and its half-width form ``ｰ`` U+FF70: a
  Japanese IME in full-width mode often types ``ー`` where a hyphen was meant
  (``1234ー5678ー9012``). Between digits it carries no meaning, and removing it elsewhere only
  joins letters, so it cannot create a digit run that was not written as one.

Not separators: ``〜``/``～`` (a range: ``1〜3``), ``.``, ``/``, ``,``, ``_``, brackets.

Which 12 digits are checked: the text is cut into groups of digits that are joined only by
separators (``029-123-4567 1234 5678 9012`` is one chain of 6 groups). Every run of
consecutive whole groups that adds up to exactly 12 digits is checked, so a number written
next to a telephone number is still found. A single unbroken run of 11 or 13+ digits is not
a My Number and is left alone. This errs on the side of refusing: a harmless 12-digit
reference has about a 1 in 10 chance of passing the check digit, and the staff then only has
to write it differently; a My Number that slips through is a breach of 番号法.
"""

from __future__ import annotations

import re
import unicodedata

from counter_app.errors import MyNumberRefused

__all__ = [
    "MyNumberRefused",
    "check_digit",
    "contains_my_number",
    "guard_free_text",
    "is_valid_my_number",
]

#: Hyphens, dashes and the long vowel mark treated as separators (see module docstring).
DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe63\uff0d\u30fc\uff70")

_WEIGHTS = (2, 3, 4, 5, 6, 7, 2, 3, 4, 5, 6)  # Q1..Q11 for P1..P11 counted from the right
_GROUP_CHAIN = re.compile(r"[0-9]+(?: +[0-9]+)*")  # after separators became single spaces


def _fold(text: str) -> str:
    """Digits to ASCII; every separator to one space; anything else kept as is."""
    out = []
    for ch in text:
        if ch.isascii():
            out.append(" " if ch in DASHES or ch.isspace() else ch)
        elif ch in DASHES or ch.isspace():
            out.append(" ")
        else:
            value = unicodedata.decimal(ch, None)
            out.append(str(value) if value is not None else ch)
    return "".join(out)


def check_digit(base11: str) -> int:
    """The check digit of 11 ASCII digits (domain.md §4)."""
    if len(base11) != 11 or not base11.isascii() or not base11.isdigit():
        raise ValueError("11 digits expected")
    total = sum(int(p) * q for p, q in zip(reversed(base11), _WEIGHTS, strict=True))
    r = total % 11
    return 0 if r <= 1 else 11 - r


def is_valid_my_number(digits: str) -> bool:
    """True if ``digits`` is exactly 12 digits (full-width, spaces and hyphens allowed) with a
    valid check digit."""
    plain = _fold(digits).replace(" ", "")
    if len(plain) != 12 or not plain.isascii() or not plain.isdigit():
        return False
    return check_digit(plain[:11]) == int(plain[11])


def contains_my_number(text: str) -> bool:
    """True if ``text`` holds a 12-digit number with a valid My Number check digit."""
    if not text:
        return False
    folded = _fold(text)
    for chain in _GROUP_CHAIN.finditer(folded):
        groups = chain.group().split()
        for start in range(len(groups)):
            length = 0
            for end in range(start, len(groups)):
                length += len(groups[end])
                if length > 12:
                    break
                if length == 12 and is_valid_my_number("".join(groups[start : end + 1])):
                    return True
    return False


def guard_free_text(value: str | None, field_label: str) -> str | None:
    """Return ``value`` unchanged, or raise MyNumberRefused(field_label) if it holds a
    個人番号. ``None`` passes through (an empty optional field)."""
    if value is not None and contains_my_number(value):
        raise MyNumberRefused(field_label)
    return value
