"""The co-op's business-day calendar, for internal reminders (never for legal dates).

A day is closed when it is a closed weekday (Saturday and Sunday by default), a Japanese
national holiday (``jpholiday``, including 振替休日 and 国民の休日), inside an annual closure
(年末年始 12/29-1/3 by default) or one of the extra closed dates of calendar.toml. The
calendar is a value the caller passes in (built from calendar.toml by :mod:`counter_app.config`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import jpholiday

WEEKDAY_LABELS = ("月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日")


@dataclass(frozen=True)
class AnnualClosure:
    """A closure repeated every year, from (month, day) to (month, day), both included.

    It may run over the new year (12/29 -> 1/3).
    """

    start: tuple[int, int]
    end: tuple[int, int]
    label: str = "年末年始休業"

    def contains(self, day: dt.date) -> bool:
        md = (day.month, day.day)
        if self.start <= self.end:
            return self.start <= md <= self.end
        return md >= self.start or md <= self.end


@dataclass(frozen=True)
class BusinessCalendar:
    closed_weekdays: frozenset[int] = frozenset({5, 6})  # Monday = 0
    national_holidays: bool = True
    annual_closures: tuple[AnnualClosure, ...] = (AnnualClosure((12, 29), (1, 3)),)
    closed_dates: frozenset[dt.date] = field(default_factory=frozenset)

    def closure_reason(self, day: dt.date) -> str | None:
        """Why ``day`` is closed, in Japanese, or None on a business day."""
        if day in self.closed_dates:
            return "臨時休業日"
        for closure in self.annual_closures:
            if closure.contains(day):
                return closure.label
        if self.national_holidays:
            name = jpholiday.is_holiday_name(day)
            if name:
                return f"祝日 ({name})"
        if day.weekday() in self.closed_weekdays:
            return WEEKDAY_LABELS[day.weekday()]
        return None

    def is_business_day(self, day: dt.date) -> bool:
        return self.closure_reason(day) is None

    def add_business_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th business day after ``day`` (before it if ``n`` < 0); ``day`` itself
        is not counted, so it may be closed. ``n == 0`` returns ``day`` unchanged."""
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        current = day
        while remaining:
            current += dt.timedelta(days=step)
            if self.is_business_day(current):
                remaining -= 1
        return current

    def previous_business_day(self, day: dt.date) -> dt.date:
        """``day`` if it is a business day, else the last business day before it."""
        return day if self.is_business_day(day) else self.add_business_days(day, -1)

    def next_business_day(self, day: dt.date) -> dt.date:
        """``day`` if it is a business day, else the first business day after it."""
        return day if self.is_business_day(day) else self.add_business_days(day, 1)

    def business_days_between(self, start: dt.date, end: dt.date) -> int:
        """Business days in (start, end]: 0 if ``end`` <= ``start``."""
        count = 0
        current = start
        while current < end:
            current += dt.timedelta(days=1)
            if self.is_business_day(current):
                count += 1
        return count


def is_business_day(day: dt.date, calendar: BusinessCalendar) -> bool:
    return calendar.is_business_day(day)


def add_business_days(day: dt.date, n: int, calendar: BusinessCalendar) -> dt.date:
    return calendar.add_business_days(day, n)
