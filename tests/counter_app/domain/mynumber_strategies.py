"""Hypothesis strategies for the My Number guard: valid 個人番号 written as people and pastes
write them, and the numbers that must NOT be refused (phones, postal codes, dates, times,
amounts, and two or three of them side by side). Shared by test_mynumber.py and
bench/bench_mynumber_guard.py (which counts, over many more examples, what gets through).

Nothing here is a hand list of formats: digits of every script come from the Unicode
database, separators, marks and invisible characters from Unicode categories.
"""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from functools import cache

from hypothesis import strategies as st

from counter_app.domain.mynumber import KANJI_DIGITS, check_digit


@cache
def _all_digit_forms() -> dict[int, tuple[str, ...]]:
    forms: dict[int, list[str]] = {v: [] for v in range(10)}
    for code in range(sys.maxunicode + 1):
        value = unicodedata.digit(chr(code), None)
        if value is not None:
            forms[value].append(chr(code))
    return {v: tuple(chars) for v, chars in forms.items()}


def digit_forms(value: int) -> tuple[str, ...]:
    """Every character whose Unicode digit value is ``value`` (ASCII, full-width, Arabic-Indic,
    Devanagari, mathematical, circled, superscript, parenthesised...)."""
    return _all_digit_forms()[value]


def kanji_forms(value: int) -> tuple[str, ...]:
    return tuple(k for k, v in KANJI_DIGITS.items() if v == value)


def _is_plain_separator(ch: str) -> bool:
    """Punctuation, symbol or space that stays neither a letter nor a digit under NFKC."""
    folded = unicodedata.normalize("NFKC", ch)
    return bool(folded) and not any(
        unicodedata.category(c)[0] in "LN" or c in KANJI_DIGITS for c in folded
    )


#: A visible character a person or a paste may put between digits.
separator_chars = st.characters(
    categories=["Pd", "Ps", "Pe", "Pc", "Po", "Pi", "Pf", "Sm", "Sc", "Sk", "So", "Zs"]
).filter(_is_plain_separator)
#: One separator: one to three visible characters.
separators = st.text(alphabet=separator_chars, min_size=1, max_size=3)
#: Characters that draw nothing: format characters (zero-width space, word joiner, BOM, soft
#: hyphen, direction marks, tags) and variation selectors.
invisible = st.one_of(
    st.characters(categories=["Cf"]),
    st.characters(min_codepoint=0xFE00, max_codepoint=0xFE0F),
    st.characters(min_codepoint=0xE0100, max_codepoint=0xE01EF),
)
#: What can sit on a digit: combining marks (Mn, Me) and variation selectors.
marks = st.one_of(
    st.characters(categories=["Mn", "Me"]),
    st.characters(min_codepoint=0xFE00, max_codepoint=0xFE0F),
    st.characters(min_codepoint=0xE0100, max_codepoint=0xE01EF),
)
#: Text around a number: words without digits, ending or starting with a letter or a mark.
surrounding = st.text(alphabet="あいうアイウ山田花子住所abcXYZ:。、（）「」", max_size=8)


@st.composite
def my_numbers(draw: st.DrawFn) -> str:
    """A valid 12-digit My Number (ASCII)."""
    base = draw(st.text(alphabet="0123456789", min_size=11, max_size=11))
    return base + str(check_digit(base))


@st.composite
def written_my_numbers(
    draw: st.DrawFn,
    *,
    one_separator: bool = True,
    any_digits: bool = True,
    with_marks: bool = True,
    with_invisible: bool = True,
    with_separators: bool = True,
) -> str:
    """A valid My Number as typed or pasted: each digit in any script (``any_digits``; all
    kanji or none; else ASCII or full-width), perhaps with marks on it, separators at any of
    the gaps, invisible characters anywhere. ``one_separator``: the same separator at every
    gap that has one (as people write ``1234・5678・9012``); else each gap draws its own
    (``(1234)5678-9012``)."""
    number = draw(my_numbers())
    kanji = any_digits and draw(st.integers(0, 4)) == 0  # one number in five in kanji
    chosen = draw(separators) if one_separator else None
    out = []
    for i, d in enumerate(number):
        if kanji:
            forms = kanji_forms(int(d))
        elif any_digits:
            forms = digit_forms(int(d))
        else:
            forms = (d, chr(0xFF10 + int(d)))
        out.append(draw(st.sampled_from(forms)))
        if with_marks:
            out.extend(draw(st.lists(marks, max_size=2)))
        if i < 11:
            if with_invisible:
                out.extend(draw(st.lists(invisible, max_size=1)))
            if with_separators and draw(st.integers(0, 2)) == 0:
                out.append(chosen if chosen is not None else draw(separators))
            if with_invisible:
                out.extend(draw(st.lists(invisible, max_size=1)))
    return "".join(out)


#: The classes of the issue, one at a time (digits ASCII or full-width unless the class is
#: about digits), then all at once.
WRITTEN_CLASSES = {
    "separators (one per number)": dict(any_digits=False, with_marks=False, with_invisible=False),
    "separators (mixed)": dict(
        one_separator=False, any_digits=False, with_marks=False, with_invisible=False
    ),
    "invisible characters": dict(any_digits=False, with_marks=False, with_separators=False),
    "digits of any script": dict(with_marks=False, with_invisible=False, with_separators=False),
    "marks on digits": dict(any_digits=False, with_invisible=False, with_separators=False),
    "all at once": dict(one_separator=False),
}


# -- what must not be refused ------------------------------------------------------------------
def _wide(text: str, wide: bool) -> str:
    return text.translate(str.maketrans("0123456789-", "０１２３４５６７８９－")) if wide else text


def _digits(draw: st.DrawFn, n: int) -> str:
    return draw(st.text(alphabet="0123456789", min_size=n, max_size=n))


@st.composite
def phones(draw: st.DrawFn) -> str:
    """A Japanese telephone number: mobile/IP (0X0 + 8 digits) or landline (0 + 9 digits in
    area/exchange/subscriber groups), written with hyphens, brackets or spaces."""
    if draw(st.booleans()):
        groups = ["0" + draw(st.sampled_from("5789")) + "0", _digits(draw, 4), _digits(draw, 4)]
    else:
        area = draw(st.integers(1, 4))
        groups = ["0" + _digits(draw, area), _digits(draw, 5 - area), _digits(draw, 4)]
    style = draw(st.sampled_from(["-", "()", " ", ""]))
    text = f"{groups[0]}({groups[1]}){groups[2]}" if style == "()" else style.join(groups)
    return _wide(text, draw(st.booleans()))


@st.composite
def postal_codes(draw: st.DrawFn) -> str:
    text = f"{_digits(draw, 3)}-{_digits(draw, 4)}"
    return draw(st.sampled_from(["", "〒"])) + _wide(text, draw(st.booleans()))


@st.composite
def dates(draw: st.DrawFn) -> str:
    day = draw(st.dates(dt.date(1926, 1, 1), dt.date(2099, 12, 31)))  # 昭和 onwards
    form = draw(st.sampled_from(["iso", "slash", "dot", "short", "wareki", "kanji", "md"]))
    if form == "iso":
        text = day.isoformat()
    elif form == "slash":
        text = f"{day.year}/{day.month}/{day.day}"
    elif form == "dot":
        text = f"{day.year}.{day.month:02d}.{day.day:02d}"
    elif form == "short":
        text = f"{day.year % 100:02d}/{day.month:02d}/{day.day:02d}"
    elif form == "wareki":
        text = f"令和{draw(st.integers(1, 30))}年{day.month}月{day.day}日"
    elif form == "kanji":
        text = f"{day.year}年{day.month}月{day.day}日"
    else:
        text = f"{day.month}/{day.day}"
    return _wide(text, draw(st.booleans()))


@st.composite
def times(draw: st.DrawFn) -> str:
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    return draw(st.sampled_from([f"{hour}:{minute:02d}", f"{hour}時{minute}分"]))


@st.composite
def amounts(draw: st.DrawFn) -> str:
    value = draw(st.integers(0, 99_999_999))
    text = f"{value:,}"
    return draw(st.sampled_from(["{}円", "¥{}", "{}", "金{}円"])).format(text)


@st.composite
def counts(draw: st.DrawFn) -> str:
    """A small number, alone or with a counter word (``2名``, ``10枚``, ``第3回``)."""
    value = draw(st.integers(0, 9999))
    return draw(st.sampled_from(["{}", "{}名", "{}枚", "{}回", "第{}回", "{}部", "No.{}"])).format(
        value
    )


plain_numbers = st.one_of(phones(), postal_codes(), dates(), times(), amounts(), counts())
#: What people put between two things in a note.
joiners = st.sampled_from([" ", "　", "、", "・", " / ", "\n", "　TEL ", " 受付 ", "，"])


@st.composite
def combos(draw: st.DrawFn) -> str:
    """Two or three plain numbers side by side (``090-1234-5678 2024-04-01``)."""
    things = draw(st.lists(plain_numbers, min_size=2, max_size=3))
    out = things[0]
    for thing in things[1:]:
        out += draw(joiners) + thing
    return out
