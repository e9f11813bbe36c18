"""The My Number guard (domain.md §4): every valid 個人番号 is refused in any formatting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.mynumber import (
    check_digit,
    contains_my_number,
    guard_free_text,
    is_valid_my_number,
)
from counter_app.errors import MyNumberRefused

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
        ("1234〜5678〜9018", False),  # a wave dash is a range, not a separator
        ("1234.5678.9018", False),
        ("電話 029-123-4567", False),
        ("", False),
    ],
)
def test_contains_my_number_table(text, refused):
    assert contains_my_number(text) is refused


def test_is_valid_my_number():
    assert is_valid_my_number(VALID)
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
separators = st.lists(
    st.sampled_from([" ", "-", "‐", "－", "−", "ー", "\u3000", "  ", " - "]),
    min_size=11,
    max_size=11,
)
surrounding = st.text(alphabet="あいうアイウ漢字abcXYZ:。、（）", max_size=8)


def valid_number(base: str) -> str:
    return base + str(check_digit(base))


@given(
    base=bases,
    seps=separators,
    mask=st.lists(st.booleans(), min_size=11, max_size=11),
    full=st.booleans(),
    before=surrounding,
    after=surrounding,
)
def test_every_valid_number_is_refused_in_any_formatting(base, seps, mask, full, before, after):
    number = valid_number(base)
    if full:
        number = number.translate(FULLWIDTH)
    formatted = number[0] + "".join(
        (sep if use else "") + ch for sep, use, ch in zip(seps, mask, number[1:], strict=True)
    )
    assert contains_my_number(before + formatted + after)
    with pytest.raises(MyNumberRefused) as refused:
        guard_free_text(before + formatted + after, "メモ")
    assert refused.value.field == "メモ" and "個人番号は記録できません" in refused.value.message


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
