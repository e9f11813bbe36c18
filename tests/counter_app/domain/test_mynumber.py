"""The My Number guard (domain.md §4): every valid 個人番号 is refused in any formatting."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.domain.mynumber import (
    check_digit,
    contains_my_number,
    guard_free_text,
    is_valid_my_number,
)
from counter_app.errors import MyNumberRefused
from counter_app.store.numbering import Series, format_number

from . import mynumber_strategies as gen

VALID = "123456789018"  # check digit of 12345678901 is 8 (worked by hand below)
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def test_check_digit_worked_by_hand():
    # P1..P11 from the right: 1,0,9,8,7,6,5,4,3,2,1; Q: 2,3,4,5,6,7,2,3,4,5,6
    total = 1 * 2 + 0 * 3 + 9 * 4 + 8 * 5 + 7 * 6 + 6 * 7 + 5 * 2 + 4 * 3 + 3 * 4 + 2 * 5 + 1 * 6
    assert total % 11 == 3
    assert check_digit("12345678901") == 11 - 3 == 8


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("00000000000", 0),  # r = 0 -> 0
        ("00000000006", 0),  # 6*2 = 12, r = 1 -> 0
        ("00000000001", 9),  # 1*2 = 2, r = 2 -> 9
        ("00000000005", 1),  # 5*2 = 10, r = 10 -> 1
        ("00000000050", 7),  # 5*3 = 15, r = 4 -> 7
        ("10000000000", 5),  # P11 = 1, Q11 = 6, r = 6 -> 5
        ("99999999999", 6),  # 9 * 47 = 423, r = 5 -> 6
    ],
)
def test_check_digit_table(base, expected):
    assert check_digit(base) == expected
    assert is_valid_my_number(base + str(expected))


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        (VALID, True),
        ("1234 5678 9018", True),
        ("1234-5678-9018", True),
        ("1234‐5678‐9018", True),  # U+2010
        ("1234－5678－9018", True),  # full-width hyphen-minus
        ("1234−5678−9018", True),  # minus sign
        ("1234ー5678ー9018", True),  # katakana long vowel typed by the IME as a dash
        ("1234\u30005678\u30009018", True),  # ideographic space
        (VALID.translate(FULLWIDTH), True),
        ("個人番号は" + VALID.translate(FULLWIDTH) + "です", True),
        ("TEL 029-123-4567 " + VALID, True),  # next to a phone number
        ("123456789017", False),  # wrong check digit
        ("12345678901", False),  # 11 digits
        ("1234567890180", False),  # 13 digits in one run
        ("1234〜5678〜9018", True),  # any punctuation between digits (issue 9 item 7)
        ("1234.5678.9018", True),
        ("(1234)5678-9018", True),
        ("1234・5678・9018", True),
        ("１２３４\u200b５６７８\u2060９０１８", True),  # zero-width space, word joiner
        ("一二三四五六七八九〇一八", True),  # kanji numerals
        ("1\u20e32\u20e33\u20e34\u20e35\u20e36\u20e37\u20e38\u20e39\u20e30\u20e31\u20e38", True),
        ("090-1234-5678 2024-04-01", False),  # a phone and a date side by side
        ("2024/04/01 10:30", False),  # a date and a time
        ("陸 090-1234-5678", False),  # a name (陸 is also the 大字 for 6) and a phone
        ("電話 029-123-4567", False),
        ("", False),
    ],
)
def test_contains_my_number_table(text, refused):
    assert contains_my_number(text) is refused


def test_is_valid_my_number():
    assert is_valid_my_number(VALID)
    assert is_valid_my_number("①②③④⑤⑥⑦⑧⑨⓪①⑧")
    assert is_valid_my_number("1234-5678-9018")
    assert is_valid_my_number(VALID.translate(FULLWIDTH))
    assert not is_valid_my_number("123456789017")
    assert not is_valid_my_number("12345678901")
    assert not is_valid_my_number("abcd56789018")


def test_guard_free_text_raises_with_the_field_label():
    with pytest.raises(MyNumberRefused) as info:
        guard_free_text("お客様メモ 1234 5678 9018", "備考")
    assert info.value.field == "備考"
    assert "個人番号は記録できません" in info.value.message
    assert guard_free_text("配達は午前中希望", "備考") == "配達は午前中希望"
    assert guard_free_text(None, "備考") is None


# -- hypothesis ------------------------------------------------------------------------------
bases = st.text(alphabet="0123456789", min_size=11, max_size=11)


def valid_number(base: str) -> str:
    return base + str(check_digit(base))


@pytest.mark.parametrize("written", sorted(gen.WRITTEN_CLASSES))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_valid_number_is_refused_however_it_is_written(written, data):
    """Generated separators (any punctuation, symbol or space), invisible characters, digits
    of every script and kanji numerals, marks and variation selectors on the digits: the
    classes of issue 9 item 7, one at a time and all at once."""
    text = data.draw(gen.written_my_numbers(**gen.WRITTEN_CLASSES[written]))
    before, after = data.draw(gen.surrounding), data.draw(gen.surrounding)
    assert contains_my_number(text)
    with pytest.raises(MyNumberRefused) as refused:
        guard_free_text(before + text + after, "メモ")
    assert refused.value.field == "メモ" and "個人番号は記録できません" in refused.value.message


@given(number=gen.written_my_numbers(), thing=gen.plain_numbers, joiner=gen.joiners)
def test_a_number_next_to_a_phone_date_or_amount_is_still_found(number, thing, joiner):
    assert contains_my_number(thing + joiner + number)
    assert contains_my_number(number + joiner + thing)


@given(base=bases, wrong=st.integers(1, 9))
def test_a_wrong_check_digit_is_not_refused(base, wrong):
    digit = (check_digit(base) + wrong) % 10
    assert not contains_my_number(base + str(digit))
    assert not is_valid_my_number(base + str(digit))


@given(
    digits=st.one_of(
        st.text(alphabet="0123456789", min_size=11, max_size=11),
        st.text(alphabet="0123456789", min_size=13, max_size=13),
    )
)
def test_11_or_13_digits_alone_are_not_refused(digits):
    assert not contains_my_number(digits)
    assert not contains_my_number(f"注文番号 {digits} です")


# -- false refusals ----------------------------------------------------------------------------
@settings(max_examples=300)
@given(thing=gen.plain_numbers)
def test_a_phone_postal_code_date_time_amount_or_count_alone_is_never_refused(thing):
    assert not contains_my_number(thing)
    assert not contains_my_number(f"連絡先 {thing} まで")


def test_two_or_three_of_them_side_by_side_are_rarely_refused():
    """Measured over generated combinations (``090-1234-5678 2024-04-01``, ``〒310-0801、
    029(123)4567``, ``050 9761 6716 16:23 1283回``...): at most 1 in 100 refused (the bench
    found none in 10,000; the old guard refused 0.45 %)."""
    refused, seen = [], [0]

    @settings(max_examples=400, derandomize=True, database=None, deadline=None)
    @given(gen.combos())
    def run(text):
        seen[0] += 1
        if contains_my_number(text):
            refused.append(text)

    run()
    assert seen[0] >= 350
    assert len(refused) <= seen[0] // 100, refused


# --- the program's own numbers (module docstring, step 5) -------------------------------------

_branch_codes = st.from_regex(r"[A-Z][A-Z0-9]{1,7}", fullmatch=True)  # services/branch.py


@settings(max_examples=300, deadline=None)
@given(
    series=st.sampled_from(list(Series)),
    branch=_branch_codes,
    terminal=st.none() | st.integers(1, 99),
    year=st.integers(2000, 2099),
    seq=st.integers(1, 9999),
    before=st.sampled_from(["", "再請求: ", "受付番号 ", "（", "控え "]),
    after=st.sampled_from(["", " の件", "）", "。", " 参照"]),
)
def test_a_number_the_program_prints_is_never_refused(
    series, branch, terminal, year, seq, before, after
):
    number = format_number(series, branch, year, seq, terminal)
    assert not contains_my_number(f"{before}{number}{after}"), number


@settings(max_examples=200, deadline=None)
@given(base=st.from_regex(r"[0-9]{11}", fullmatch=True), seq=st.integers(1, 9999))
def test_a_my_number_beside_a_program_number_is_still_refused(base, seq):
    number = valid_number(base)
    spaced = f"{number[:4]} {number[4:8]} {number[8:]}"
    for text in (
        f"C-BR01-02-2026-{seq:04d} {spaced}",
        f"{spaced} R-BR01-2025-{seq:06d}",
        f"R-BR01-02-2026-{seq:06d}、{number}",
    ):
        assert contains_my_number(text), text
