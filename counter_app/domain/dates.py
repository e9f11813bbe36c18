"""Date arithmetic for the rules: months added exactly at month ends, and a person's age.

Both follow the Civil Code (民法) rules on periods that Japanese offices apply:

* ``add_months(d, n)``: the same day ``n`` months later; when that month has no such day
  (31 Jan + 1 month) the result is the last day of that month (民法第143条第2項ただし書).
* ``months_between_ok(issued, on, months)``: is a document issued on ``issued`` still within
  ``months`` months on ``on``? The period starts the day after issue (初日不算入, 民法第140条)
  and ends on the day before the day corresponding to that start (第143条第2項), which is the
  same day-of-month as the issue date, or the month's last day when that day does not exist.
  So a certificate issued 2025-03-15 is within 3 months up to and including 2025-06-15, and
  one issued 2024-11-30 up to 2025-02-28. A document dated after ``on`` is never "within".
* ``age_on(birth, on)``: the age in completed years under 年齢計算ニ関スル法律 with 民法第143条:
  age N is reached at the end of the day before the Nth anniversary, and Japanese
  administrative practice counts that day as the day the age is reached (年齢到達日 =
  誕生日の前日). **This module uses that rule**: on the day before the 18th birthday a person is
  already 18. For someone born on 29 February the day before the anniversary in a common year
  is 28 February. (For the parent-as-representative rule this is the cautious choice: a
  parent stops acting for the child one day earlier, never one day later.)
"""

from __future__ import annotations

import calendar
import datetime as dt

__all__ = ["add_months", "age_on", "months_between_ok"]


def add_months(d: dt.date, n: int) -> dt.date:
    """``d`` moved by ``n`` months (negative allowed), clamped to the last day of the month."""
    index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(d.day, last))


def months_between_ok(issued: dt.date, on: dt.date, months: int) -> bool:
    """True if ``issued`` is on or before ``on`` and at most ``months`` months before it."""
    if issued > on:
        return False
    return on <= add_months(issued, months)


def age_on(birth: dt.date, on: dt.date) -> int:
    """Age in completed years on ``on`` under Japanese law (reached on the day before the
    birthday anniversary). Raises ValueError if ``on`` is before ``birth``."""
    if on < birth:
        raise ValueError("on is before birth")
    # Reaching age N on the day before the anniversary == the ordinary count one day later.
    later = on + dt.timedelta(days=1)
    years = later.year - birth.year
    if (later.month, later.day) < (birth.month, birth.day):
        years -= 1
    return years
