"""Business days: weekends, national holidays (jpholiday), 年末年始 and extra closures."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.calendar import (
    AnnualClosure,
    BusinessCalendar,
    add_business_days,
    is_business_day,
)
from tests import rule_values

D = dt.date


@pytest.fixture(scope="module")
def cal() -> BusinessCalendar:
    return rule_values.business_calendar()


@pytest.mark.parametrize(
    ("day", "open_", "reason"),
    [
        (D(2025, 5, 2), True, None),  # Friday
        (D(2025, 5, 3), False, "祝日 (憲法記念日)"),  # Saturday and a holiday
        (D(2025, 5, 5), False, "祝日 (こどもの日)"),
        (D(2025, 5, 6), False, "振替休日"),  # 振替休日 for みどりの日 on Sunday the 4th
        (D(2025, 5, 7), True, None),
        (D(2025, 6, 14), False, "土曜日"),
        (D(2025, 6, 15), False, "日曜日"),
        (D(2025, 12, 26), True, None),
        (D(2025, 12, 29), False, "年末年始休業"),  # a Monday
        (D(2025, 12, 31), False, "年末年始休業"),
        (D(2026, 1, 1), False, "年末年始休業"),
        (D(2026, 1, 2), False, "年末年始休業"),  # a Friday
        (D(2026, 1, 3), False, "年末年始休業"),
        (D(2026, 1, 5), True, None),
        (D(2026, 1, 12), False, "祝日 (成人の日)"),
        (D(2024, 12, 28), False, "土曜日"),
        (D(2023, 12, 28), True, None),  # Thursday, the day before the closure
        (D(2027, 12, 28), True, None),  # a Tuesday: open; the closure starts the next day
        (D(2027, 12, 29), False, "年末年始休業"),  # a Wednesday: closed by the closure alone
        (D(2024, 1, 3), False, "年末年始休業"),  # a Wednesday: the closure's last day
        (D(2024, 1, 4), True, None),  # a Thursday: open again
    ],
)
def test_is_business_day(cal, day, open_, reason):
    assert cal.is_business_day(day) is open_
    assert is_business_day(day, cal) is open_  # the module-level function
    if reason:
        assert reason in cal.closure_reason(day)
    else:
        assert cal.closure_reason(day) is None


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2025, 5, 2), 1, D(2025, 5, 7)),  # over Golden Week
        (D(2025, 5, 7), -1, D(2025, 5, 2)),
        (D(2025, 12, 26), 1, D(2026, 1, 5)),  # over the year-end closure
        (D(2026, 1, 5), -1, D(2025, 12, 26)),
        (D(2025, 12, 30), 1, D(2026, 1, 5)),  # from a closed day
        (D(2025, 6, 16), 5, D(2025, 6, 23)),
        (D(2025, 6, 16), -3, D(2025, 6, 11)),
        (D(2025, 6, 14), 0, D(2025, 6, 14)),  # 0 leaves the day as it is
    ],
)
def test_add_business_days(cal, start, n, expected):
    assert cal.add_business_days(start, n) == expected
    assert add_business_days(start, n, cal) == expected


def test_closures_are_configurable():
    open_all_year = BusinessCalendar(
        closed_weekdays=frozenset({6}), annual_closures=(), closed_dates=frozenset({D(2025, 8, 15)})
    )
    assert open_all_year.is_business_day(D(2025, 12, 29))
    assert open_all_year.is_business_day(D(2025, 6, 14))  # Saturday open
    assert not open_all_year.is_business_day(D(2025, 6, 15))
    assert open_all_year.closure_reason(D(2025, 8, 15)) == "臨時休業日"
    assert not open_all_year.is_business_day(D(2026, 1, 1))  # still a national holiday
    no_holidays = BusinessCalendar(national_holidays=False, annual_closures=())
    assert no_holidays.is_business_day(D(2025, 5, 6))


@pytest.mark.parametrize(
    ("closure", "day", "inside"),
    [
        (AnnualClosure((12, 29), (1, 3)), D(2025, 12, 28), False),
        (AnnualClosure((12, 29), (1, 3)), D(2025, 12, 29), True),
        (AnnualClosure((12, 29), (1, 3)), D(2026, 1, 3), True),
        (AnnualClosure((12, 29), (1, 3)), D(2026, 1, 4), False),
        (AnnualClosure((8, 13), (8, 16), "夏季休業"), D(2025, 8, 13), True),
        (AnnualClosure((8, 13), (8, 16), "夏季休業"), D(2025, 8, 17), False),
    ],
)
def test_annual_closure(closure, day, inside):
    assert closure.contains(day) is inside


def test_business_days_between(cal):
    assert cal.business_days_between(D(2025, 12, 26), D(2026, 1, 5)) == 1
    assert cal.business_days_between(D(2025, 6, 16), D(2025, 6, 16)) == 0
    assert cal.business_days_between(D(2025, 6, 16), D(2025, 6, 23)) == 5


@given(start=st.dates(min_value=D(2024, 1, 1), max_value=D(2030, 12, 31)), n=st.integers(-40, 40))
def test_add_business_days_lands_on_a_business_day_and_counts_back(start, n):
    cal = rule_values.business_calendar()
    end = cal.add_business_days(start, n)
    if n:
        assert cal.is_business_day(end)
        assert (end > start) == (n > 0)
    if n > 0:
        assert cal.business_days_between(start, end) == n
