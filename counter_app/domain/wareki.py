"""Japanese era dates (和暦) as printed on forms: 令和7年11月26日, 令和元年5月1日.

Pure functions over :class:`datetime.date`. An era starts on the day the new emperor
acceded (平成 ends on 2019-04-30, 令和 starts on 2019-05-01); the first year of an era is
written 元年. Dates before 明治 (1868-01-25 in the Gregorian calendar, as commonly used by
software) have no era here and raise :class:`ValueError`.
"""

from __future__ import annotations

from datetime import date

#: (first day, era name), newest first.
ERAS: tuple[tuple[date, str], ...] = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
    (date(1912, 7, 30), "大正"),
    (date(1868, 1, 25), "明治"),
)


def era_of(d: date) -> tuple[str, int]:
    """The era name and the year within it (1 for 元年) of ``d``."""
    for start, name in ERAS:
        if d >= start:
            return name, d.year - start.year + 1
    raise ValueError(f"和暦で表せない日付です: {d.isoformat()}")


def wareki_year(d: date) -> str:
    """The era year alone: 令和7年, 令和元年."""
    name, year = era_of(d)
    return f"{name}{'元' if year == 1 else year}年"


def wareki(d: date) -> str:
    """The date in 和暦: 令和7年11月26日 (元年 for the first year of an era)."""
    return f"{wareki_year(d)}{d.month}月{d.day}日"


def wareki_with_seireki(d: date) -> str:
    """和暦 with the 西暦 year for clarity: 令和7年(2025年)11月26日."""
    return f"{wareki_year(d)}({d.year}年){d.month}月{d.day}日"


WEEKDAYS = "月火水木金土日"


def weekday_ja(d: date) -> str:
    """The one-character Japanese weekday: 水 for a Wednesday."""
    return WEEKDAYS[d.weekday()]


def era_spans() -> tuple[tuple[str, date, date | None], ...]:
    """(era name, first day, last day or None for the current era), newest first."""
    spans = []
    later_start: date | None = None
    for start, name in ERAS:
        last = date.fromordinal(later_start.toordinal() - 1) if later_start else None
        spans.append((name, start, last))
        later_start = start
    return tuple(spans)


def from_wareki(era: str, year: int, month: int, day: int) -> date:
    """The date written 令和7年11月26日 (year 1 is 元年); InputError in Japanese if it is not one.

    A date outside its era (平成32年, 令和元年4月) is refused: no such date was ever written.
    """
    from counter_app.errors import InputError

    span = next((s for s in era_spans() if s[0] == era), None)
    if span is None:
        raise InputError(f"元号「{era}」は使えません。")
    if year < 1:
        raise InputError("年は1 (元年) 以上で入力してください。")
    _, first, last = span
    try:
        value = date(first.year + year - 1, month, day)
    except ValueError:
        raise InputError("存在しない日付です。年・月・日を確かめてください。") from None
    if value < first or (last is not None and value > last):
        period = f"{first.year}年{first.month}月{first.day}日〜"
        if last is not None:
            period += f"{last.year}年{last.month}月{last.day}日"
        raise InputError(f"{era}の期間外の日付です ({era}は {period})。")
    return value
