"""Text fitting: whatever the text, the lines stay inside the box."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.base import (
    FLOOR_SIZE,
    amount,
    date_pair,
    fit_text,
    postal,
    wareki_datetime,
    wrap_text,
    yen,
)
from forms.fonts import text_width

LONG_ADDRESS = (
    "茨城県つくばみらい市試験町大字見本字見本" + "一丁目二番地の三" * 8 + "コーポ試験101号室"
)

texts = st.text(
    alphabet=st.sampled_from(list("髙橋𠮷田﨑山一郎花子ABCxyz0123 、。（）「」ー-")), max_size=200
)


@settings(max_examples=150, deadline=None)
@given(
    text=texts,
    width=st.floats(20, 400),
    height=st.floats(5, 120),
    size=st.floats(6, 24),
    prefer_shrink=st.booleans(),
)
def test_fitted_lines_never_overflow_the_box(text, width, height, size, prefer_shrink):
    fitted = fit_text(text, width, height, size, prefer_shrink=prefer_shrink)
    assert fitted.size <= size
    assert all(text_width(line, fitted.size) <= width + 1e-6 for line in fitted.lines)
    block = fitted.size + (len(fitted.lines) - 1) * fitted.size * 1.25
    assert block <= max(height, FLOOR_SIZE) + 1e-6
    if not fitted.truncated:
        assert "".join(fitted.lines).replace(" ", "") == text.strip().replace(" ", "")


def test_a_name_shrinks_before_it_wraps():
    fitted = fit_text("髙橋 一郎右衛門", 90, 28, 16)
    assert len(fitted.lines) == 1 and fitted.size < 16


def test_a_long_address_wraps_and_keeps_every_character():
    fitted = fit_text(LONG_ADDRESS, 260, 60, 10.5, prefer_shrink=False)
    assert len(fitted.lines) > 1 and not fitted.truncated
    assert "".join(fitted.lines) == LONG_ADDRESS


def test_text_too_long_for_any_size_is_cut_with_an_ellipsis():
    fitted = fit_text("髙" * 2000, 100, 10, 10)
    assert fitted.truncated and fitted.lines[-1].endswith("…")


def test_kinsoku_no_line_starts_with_a_closing_mark():
    lines = wrap_text("あいうえおかきくけ。こさしすせそたち、つてと", 9 * 10, 10)
    assert all(line[:1] not in "。、" for line in lines)


@pytest.mark.parametrize(
    ("value", "text"), [(0, "¥0-"), (1_100, "¥1,100-"), (12_345_678_901, "¥12,345,678,901-")]
)
def test_yen(value, text):
    assert yen(value) == text


def test_negative_receipt_amount_is_refused_and_table_amounts_use_triangle():
    with pytest.raises(ValueError, match="a receipt amount cannot be negative"):
        yen(-1)
    assert amount(-1_100) == "△1,100"


def test_dates_and_postal_codes():
    assert date_pair(date(2025, 12, 10)) == "令和7年12月10日 (2025-12-10)"
    assert postal("3100000") == "310-0000" and postal("〒310-0000") == "310-0000"
    with pytest.raises(ValueError, match="timezone-aware"):
        wareki_datetime(datetime(2025, 11, 26, 14, 5))  # naive
