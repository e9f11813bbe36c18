"""The 金種表: its total is the counted cash; a typed count is read or refused in Japanese."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.cash_count import (
    DENOMINATIONS,
    MAX_PIECES,
    CashCount,
    parse_denominations,
    variance_text,
)
from counter_app.errors import InputError

pieces = st.lists(
    st.integers(min_value=0, max_value=MAX_PIECES),
    min_size=len(DENOMINATIONS),
    max_size=len(DENOMINATIONS),
)


@given(pieces)
def test_the_total_is_the_sum_of_pieces_times_denomination_and_round_trips(counts):
    count = CashCount(tuple(counts))
    assert count.total == sum(d * n for d, n in zip(DENOMINATIONS, counts, strict=True))
    assert sum(amount for _, _, amount in count.lines()) == count.total
    assert CashCount.from_json(count.to_json()) == count
    typed = ",".join(f"{d}={n}" for d, n in zip(DENOMINATIONS, counts, strict=True))
    assert parse_denominations(typed) == count


@given(st.integers(min_value=-(10**6), max_value=-1) | st.integers(min_value=MAX_PIECES + 1))
def test_a_negative_or_absurd_count_is_refused_naming_the_denomination(n):
    with pytest.raises(InputError, match="500円の枚数"):
        CashCount.of({500: n})


def test_an_unknown_denomination_or_unreadable_text_is_refused():
    with pytest.raises(InputError, match="金種 2500円 はありません"):
        CashCount.of({2500: 1})
    with pytest.raises(InputError, match="「10000:3」が読めません"):
        parse_denominations("10000:3")
    with pytest.raises(InputError, match="2回"):
        parse_denominations("100=1,100=2")
    assert parse_denominations("10000円=1，１0=2".replace("１", "1")).total == 10_020


def test_a_difference_is_said_as_shortage_or_excess():
    assert variance_text(-10) == "不足 10円"
    assert variance_text(1_250) == "過剰 1,250円"
    assert variance_text(0) == "過不足なし"
