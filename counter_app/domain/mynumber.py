"""The My Number guard (domain.md §4): never let a 個人番号 into a free-text field.

A text is refused when it holds 12 digits with a valid My Number check digit, written in any
way a person or a paste can write them. The rule, precisely:

1. **Fold** each character. Invisible characters are dropped as if they were not there: format
   characters (category Cf: zero-width space, word joiner, soft hyphen, BOM, direction marks,
   tag characters...), every other default-ignorable code point (variation selectors,
   Hangul fillers...), combining marks (Mn, Me: ``1⃣``, ``1̲``) and control characters other
   than white space. What is left is folded with Unicode NFKC (full-width ``１``, circled
   ``①``, superscript ``¹``, mathematical ``𝟏``, ``⑩`` -> ``10``), then each character is:

   * an **arabic digit** if :func:`unicodedata.digit` gives it a value (every script's
     decimal digits, ``❶``...);
   * a **kanji digit**: ``〇零`` 0, ``一壱壹`` 1, ``二弐貳`` 2, ``三参參`` 3, ``四肆`` 4, ``五伍`` 5,
     ``六陸`` 6, ``七漆`` 7, ``八捌`` 8, ``九玖`` 9 (positional numerals such as 十百千万 are
     words, not digits: they break a number like a letter);
   * a **letter** (any other L* or N* character) -- a hard break;
   * else a **separator character** (punctuation, symbols, white space). The dash family
     :data:`DASHES`, with the prolonged sound mark ``ー`` that an IME types for a hyphen, are
     separators too.

2. **Groups and chains.** A *group* is a run of digits of one kind (arabic or kanji). Two
   groups belong to one *chain* when they are of the same kind and between them stands a
   *separator run* of at most :data:`MAX_SEPARATOR` typed characters (a run of white space
   counts as one, invisible characters and the brackets or stop of a digit's own form --
   ``⑸``, ``⒌`` -- not at all): ``(1234)5678-9018``,
   ``1234・5678・9018``, ``1 2 3 4 ...``, ``1234 - 5678 - 9018``. A letter, a longer run, or a
   change of kind ends the chain (``陸 090-1234-5678`` is a name and a phone, not 12 digits).

3. **Segments.** A separator run *breaks* when it holds white space (a line break included)
   or one of the list marks ``、，。・;`` (the full-width comma as a 読点; the ASCII comma of
   ``1,100`` binds); otherwise (``- / . , : ( ) 〜``...) it *binds*. The
   groups joined by binding runs form a *segment*: ``090-1234-5678``, ``2024/04/01``,
   ``1,100``, ``10:30`` are one segment each; ``1234 5678 9018`` is three.

4. **Candidates.** From each segment of a chain, the following whole segments are taken
   until they hold 12 digits or more; if exactly 12 and the last digit is the check digit of
   the other 11, the text is refused -- unless the candidate is plain things side by side:

   * it holds a telephone number (``0`` + 10 or 11 digits in three groups: ``090-1234-5678``,
     ``029(123)4567``, or three one-group segments ``090 1234 5678``) or a date of this era
     (``2024-04-01``, ``2024/4/1``, ``2024.04.01``, year 1900-2099) and more digits besides
     (``090-1234-5678・7時``, ``No.1914・2024.10.04``), or cuts through such a spaced phone;
   * or it joins two or more punctuated segments and every one of them has a plain shape: a
     postal code (``NNN-NNNN``), a date (also ``24/4/1``, ``4/1``), a time (``10:30``), an
     amount (``1,100``) or a phone (``2024/04/01 10:30``, ``〒310-0801 1,100``).

So ``TEL 029-123-4567 1234 5678 9018`` is refused (the My Number after the phone), and so is
``(1234)5678-9018`` or ``1234-5678 9018``, but a phone followed by a date
(``090-1234-5678 2024-04-01``) or a date and a time (``2024/04/01 10:30``) is not cut into
a false 12-digit number. A single segment of 11 or 13+ digits is not a My Number. What this
rule cannot see: a My Number glued by binding punctuation to more digits
(``090-1234-5678-1234-5678-9018``), or with words between its digits. A harmless 12-digit
reference passes the check digit about one time in ten: staff then write it differently; a
My Number that slips through is a breach of 番号法. ``bench/bench_mynumber_guard.py``
measures both sides.

5. **The program's own numbers** are not My Numbers: a request, receipt, day-close or
   settlement number typed as the program prints it (:data:`DOCUMENT_NUMBER`:
   ``R-BR01-2025-000123``, ``BR01-02-2026-000045``, ``C-BR01-02-2026-0007``,
   ``S-BR-02-2026-000007``: a branch code that begins with a letter, an optional 2-digit
   terminal, a year of this era, a 4- or 6-digit sequence) is taken out before the scan.
   Their digits often add up to 12 (``01-2025-000123``) and one in ten of them would pass
   the check digit. The price: 12 digits glued to letters in exactly that shape, with a year
   of this era in the middle (``AB1234-2026-9018``), pass.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from counter_app.errors import MyNumberRefused

__all__ = [
    "DASHES",
    "DOCUMENT_NUMBER",
    "KANJI_DIGITS",
    "MAX_SEPARATOR",
    "MyNumberRefused",
    "check_digit",
    "contains_my_number",
    "guard_free_text",
    "is_valid_my_number",
]

#: Hyphens, dashes and the long vowel mark typed for a hyphen (separators, see above).
DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe63\uff0d\u30fc\uff70")
#: Longest separator run (visible characters; a white space run counts as one) in a chain.
MAX_SEPARATOR = 3
#: Kanji numerals and their 大字 forms, with their digit values.
KANJI_DIGITS = {
    **dict.fromkeys("〇零", 0),
    **dict.fromkeys("一壱壹", 1),
    **dict.fromkeys("二弐貳", 2),
    **dict.fromkeys("三参參", 3),
    **dict.fromkeys("四肆", 4),
    **dict.fromkeys("五伍", 5),
    **dict.fromkeys("六陸", 6),
    **dict.fromkeys("七漆", 7),
    **dict.fromkeys("八捌", 8),
    **dict.fromkeys("九玖", 9),
}

#: A number the program prints (module docstring, step 5): an optional R-/C-/S-, the branch
#: code (a letter, then 1-7 letters or digits: services/branch.py), an optional 2-digit
#: terminal, a year 1900-2099 and a 4- or 6-digit sequence (store/numbering.py).
DOCUMENT_NUMBER = regex.compile(
    r"(?<![A-Za-z0-9-])(?:[RCS]-)?[A-Z][A-Z0-9]{1,7}"
    r"(?:-[0-9]{2})?-(?:19|20)[0-9]{2}-(?:[0-9]{6}|[0-9]{4})(?![A-Za-z0-9])"
)

_WEIGHTS = (2, 3, 4, 5, 6, 7, 2, 3, 4, 5, 6)  # Q1..Q11 for P1..P11 counted from the right
_INVISIBLE = regex.compile(r"[\p{Cf}\p{Mn}\p{Me}\p{Default_Ignorable_Code_Point}]")
_BREAKING_MARKS = frozenset("、。・;｡､･；")
_READING_COMMAS = frozenset("，﹐")  # full-width and small commas, written as 読点
_ARABIC, _KANJI = "arabic", "kanji"


@dataclass
class _Segment:
    """Digit groups joined by binding separators, with those separators (dashes as '-')."""

    groups: list[str] = field(default_factory=list)
    separators: list[str] = field(default_factory=list)

    @property
    def digits(self) -> str:
        return "".join(self.groups)


def _fold_char(ch: str) -> Iterator[tuple[str, str]]:
    """(kind, value) pairs for one typed character: (_ARABIC, '7'), ('s', '-'), ('L', ch);
    nothing for an invisible one. Punctuation that NFKC takes out of a digit's own form
    (``⑸`` -> ``(5)``, ``⒈`` -> ``1.``) is ('a', ...): it does not count towards a separator
    run's length."""
    category = unicodedata.category(ch)
    if category == "Cc" and not ch.isspace():
        return
    if _INVISIBLE.match(ch):
        return
    if ch in _READING_COMMAS:  # 読点: kept apart from the ASCII comma of an amount
        yield "s", "、"
        return
    folded = unicodedata.normalize("NFKC", ch)
    with_digit = len(folded) > 1 and unicodedata.digit(ch, None) is not None
    for part in folded:
        if part in KANJI_DIGITS:
            yield _KANJI, str(KANJI_DIGITS[part])
        elif unicodedata.digit(part, None) is not None:
            yield _ARABIC, str(unicodedata.digit(part))
        elif part in DASHES:
            yield "a" if with_digit else "s", "-"
        elif part.isspace():
            yield "s", " "
        elif _INVISIBLE.match(part):
            continue  # NFKC may leave a combining mark behind (゛ -> space + U+3099)
        elif unicodedata.category(part)[0] in "LN":
            yield "L", part
        else:
            yield "a" if with_digit else "s", part


def _chains(text: str) -> Iterator[list[_Segment]]:
    """The chains of ``text``, each a list of segments (see the module docstring)."""
    chain: list[_Segment] = []
    kind = ""  # the digit kind of the current chain
    group = ""
    separator: list[str] = []  # the separator run after the last group (white space as ' ')
    typed = 0  # how many typed characters that run counts (module docstring, step 2)
    for ch in text:
        counted = False
        for what, value in _fold_char(ch):
            if what in (_ARABIC, _KANJI):
                if group and what == kind:
                    group += value
                    continue
                if group:  # a change of kind right after a group ends the chain
                    chain[-1].groups.append(group)
                    yield chain
                    chain, group = [], ""
                elif chain and (what != kind or typed > MAX_SEPARATOR):
                    yield chain
                    chain = []
                if chain:
                    run = "".join(separator)
                    if " " in run or _BREAKING_MARKS & set(run):
                        chain.append(_Segment())
                    else:
                        chain[-1].separators.append(run)
                else:
                    chain = [_Segment()]
                kind, group, separator, typed = what, value, [], 0
                continue
            if group:
                chain[-1].groups.append(group)
                group = ""
            if what == "L":
                if chain:
                    yield chain
                chain, separator, typed = [], [], 0
                continue
            if value == " " and separator and separator[-1] == " ":
                continue  # a run of white space is one separator character
            separator.append(value)
            if what == "s" and not counted:  # 'a': punctuation out of a digit's own form
                typed, counted = typed + 1, True
    if group:
        chain[-1].groups.append(group)
    if chain:
        yield chain


def _lengths(segment: _Segment) -> tuple[int, ...]:
    return tuple(len(g) for g in segment.groups)


def _is_date(segment: _Segment) -> bool:
    seps, groups = set(segment.separators), segment.groups
    if len(seps) != 1 or not seps <= {"-", "/", "."}:
        return False
    if len(groups) == 3 and len(groups[0]) in (2, 4):
        month, day = groups[1], groups[2]
    elif len(groups) == 2 and seps == {"/"}:
        month, day = groups
    else:
        return False
    return len(month) <= 2 and len(day) <= 2 and 1 <= int(month) <= 12 and 1 <= int(day) <= 31


def _is_phone(lengths: tuple[int, ...], seps: set[str], digits: str) -> bool:
    """0 + area code, exchange and a 4-digit subscriber number, 10 or 11 digits in all
    (``029-123-4567``, ``0296-12-3456``, ``090-1234-5678``)."""
    phone_separators = {"-", "(", ")", "-(", ")-", "()"}
    return (
        len(lengths) == 3
        and 2 <= lengths[0] <= 5
        and 1 <= lengths[1] <= 4
        and lengths[2] == 4
        and seps <= phone_separators
        and digits.startswith("0")
        and len(digits) in (10, 11)
    )


def _has_a_plain_shape(segment: _Segment) -> bool:
    """True for a telephone number, postal code, date, time or amount (module docstring)."""
    lengths, seps, digits = _lengths(segment), set(segment.separators), segment.digits
    if len(lengths) < 2 or len(digits) >= 12:
        return False
    if _is_phone(lengths, seps, digits):
        return True
    if lengths == (3, 4) and seps == {"-"}:
        return True
    if seps == {":"} and len(lengths) in (2, 3) and lengths[0] <= 2 and set(lengths[1:]) == {2}:
        return True
    if seps == {","} and lengths[0] <= 3 and set(lengths[1:]) == {3}:
        return True
    return _is_date(segment)


def check_digit(base11: str) -> int:
    """The check digit of 11 ASCII digits (domain.md §4)."""
    if len(base11) != 11 or not base11.isascii() or not base11.isdigit():
        raise ValueError("11 digits expected")
    total = sum(int(p) * q for p, q in zip(reversed(base11), _WEIGHTS, strict=True))
    r = total % 11
    return 0 if r <= 1 else 11 - r


def _passes_check(digits: str) -> bool:
    return len(digits) == 12 and check_digit(digits[:11]) == int(digits[11])


def is_valid_my_number(text: str) -> bool:
    """True if ``text`` is one 12-digit number, however written (any digits, separators and
    invisible characters; no letters), with a valid check digit."""
    chains = list(_chains(text))
    if len(chains) != 1:
        return False
    digits = "".join(s.digits for s in chains[0])
    folded = [what for ch in text for what, _ in _fold_char(ch)]
    return "L" not in folded and _passes_check(digits)


def _spaced_phones(chain: list[_Segment]) -> list[tuple[int, int]]:
    """(start, end) of every three one-group segments that read as a telephone number written
    with spaces (``090 1234 5678``)."""
    found = []
    for i in range(len(chain) - 2):
        three = chain[i : i + 3]
        if all(len(s.groups) == 1 for s in three):
            lengths = tuple(len(s.digits) for s in three)
            if _is_phone(lengths, set(), "".join(s.digits for s in three)):
                found.append((i, i + 3))
    return found


def _is_unmistakable(segment: _Segment) -> bool:
    """A telephone number, or a date with a year of this era (``2024-04-01``): no one writes
    the first 10 or 8 digits of a My Number that way."""
    lengths, seps, digits = _lengths(segment), set(segment.separators), segment.digits
    if _is_phone(lengths, seps, digits):
        return True
    return _is_date(segment) and len(lengths) == 3 and 1900 <= int(segment.groups[0]) <= 2099


def _is_two_plain_things(chain: list[_Segment], start: int, end: int) -> bool:
    """True if the candidate ``chain[start:end]`` (module docstring, step 4) is plain things
    side by side: it holds a telephone number or a date of this era and more digits, or cuts
    through a telephone number written with spaces, or joins two or more things (punctuated
    segments, such phone numbers) and every punctuated one has a plain shape
    (``2024/04/01 10:30``, ``〒310-0801 1,100``)."""
    candidate = chain[start:end]
    if len(candidate) > 1 and any(_is_unmistakable(s) for s in candidate):
        return True
    phones = _spaced_phones(chain)
    if any(a < end and b > start and (a, b) != (start, end) for a, b in phones):
        return True
    punctuated = [s for s in candidate if len(s.groups) > 1]
    return len(punctuated) >= 2 and all(_has_a_plain_shape(s) for s in punctuated)


def contains_my_number(text: str) -> bool:
    """True if ``text`` holds a 12-digit number with a valid My Number check digit, by the
    rule of the module docstring."""
    if not text:
        return False
    text = DOCUMENT_NUMBER.sub("X", text)  # a letter: a word, which ends a chain
    for chain in _chains(text):
        for start in range(len(chain)):
            length, end = 0, start
            while end < len(chain) and length < 12:
                length += len(chain[end].digits)
                end += 1
            digits = "".join(s.digits for s in chain[start:end])
            if _passes_check(digits) and not _is_two_plain_things(chain, start, end):
                return True
    return False


def guard_free_text(value: str | None, field_label: str) -> str | None:
    """Return ``value`` unchanged, or raise MyNumberRefused(field_label) if it holds a
    個人番号. ``None`` passes through (an empty optional field)."""
    if value is not None and contains_my_number(value):
        raise MyNumberRefused(field_label)
    return value
