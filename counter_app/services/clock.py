"""Time for the services: UTC timestamps stored, the branch's local date (Asia/Tokyo) for
business days. Japan has no daylight saving time, so a fixed +09:00 offset is exact and needs
no time-zone database (Windows has none without the tzdata package)."""

from __future__ import annotations

import datetime as dt

JST = dt.timezone(dt.timedelta(hours=9), "JST")


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def aware_utc(at: dt.datetime | None) -> dt.datetime:
    """``at`` (timezone-aware) in UTC, or now."""
    moment = at or now_utc()
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(dt.UTC)


def local_date(moment: dt.datetime) -> dt.date:
    """The business date (Asia/Tokyo) of a tz-aware moment."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(JST).date()


def local_time(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(JST)


def today() -> dt.date:
    return local_date(now_utc())
