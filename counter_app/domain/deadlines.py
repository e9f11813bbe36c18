"""Answer deadlines of a request, computed from its arrival date, never stored.

* **Internal answer target**: arrival date D + 14 days *(config: days, calendar or business
  days)*. If the target falls on a closed day it moves to the previous business day by
  default *(config: keep / previous / next)*.
* **One extension** of 14 days *(config)* counted from the target, with a reason (a notice is
  sent to the person); a second extension is refused.
* **Art. 39**: the person may sue once two weeks have passed since the request arrived, i.e.
  from D + 15 — calendar days, fixed by law, unaffected by closures or extensions.
* **Reminder**: N business days *(config, 3)* before the (extended) target, not before D.

``days_left`` and ``is_overdue`` are computed from "today"; nothing here is stored. The
:class:`DeadlineRules` and the :class:`~counter_app.domain.calendar.BusinessCalendar` are the
caller's (calendar.toml, in force on the arrival date: :mod:`counter_app.services.rules`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum

from counter_app.domain.calendar import BusinessCalendar
from counter_app.errors import DomainError

#: APPI Art. 39(1): a suit may be filed only after two weeks from the arrival of the request.
LAWSUIT_WAIT_DAYS = 14


class DayKind(StrEnum):
    CALENDAR = "calendar"  # 暦日
    BUSINESS = "business"  # 営業日

    @property
    def label(self) -> str:
        return {"calendar": "暦日", "business": "営業日"}[self.value]


class ClosedDayRule(StrEnum):
    KEEP = "keep"  # keep the date even if the counter is closed
    PREVIOUS = "previous"  # move to the last business day before
    NEXT = "next"  # move to the next business day


@dataclass(frozen=True)
class DeadlineRules:
    answer_days: int = 14
    answer_day_kind: DayKind = DayKind.CALENDAR
    extension_days: int = 14
    extension_day_kind: DayKind = DayKind.CALENDAR
    target_on_closed_day: ClosedDayRule = ClosedDayRule.PREVIOUS
    reminder_business_days_before: int = 3


@dataclass(frozen=True)
class Deadlines:
    received_on: dt.date
    target: dt.date
    extended_target: dt.date | None
    lawsuit_possible_from: dt.date
    reminder_on: dt.date
    extension_reason: str | None = None

    @property
    def effective_target(self) -> dt.date:
        """The date the answer is due now: the extended target if extended."""
        return self.extended_target or self.target

    @property
    def is_extended(self) -> bool:
        return self.extended_target is not None


def _shift(
    start: dt.date, days: int, kind: DayKind, rule: ClosedDayRule, calendar: BusinessCalendar
) -> dt.date:
    if kind is DayKind.BUSINESS:
        return calendar.add_business_days(start, days)
    day = start + dt.timedelta(days=days)
    if rule is ClosedDayRule.PREVIOUS:
        return max(calendar.previous_business_day(day), start)
    if rule is ClosedDayRule.NEXT:
        return calendar.next_business_day(day)
    return day


def reminder_date(
    target: dt.date,
    received_on: dt.date,
    *,
    calendar: BusinessCalendar,
    business_days_before: int | None = None,
    rules: DeadlineRules,
) -> dt.date:
    """The day staff are reminded: N business days before ``target``, never before arrival."""
    n = (
        rules.reminder_business_days_before
        if business_days_before is None
        else business_days_before
    )
    return max(received_on, calendar.add_business_days(target, -n))


def compute_deadlines(
    received_on: dt.date,
    *,
    extended: bool = False,
    extension_reason: str | None = None,
    calendar: BusinessCalendar,
    rules: DeadlineRules,
) -> Deadlines:
    """Every deadline of a request that arrived on ``received_on``, by ``rules`` counted on
    ``calendar``."""
    target = _shift(
        received_on,
        rules.answer_days,
        rules.answer_day_kind,
        rules.target_on_closed_day,
        calendar,
    )
    extended_target = None
    if extended:
        extended_target = _shift(
            target,
            rules.extension_days,
            rules.extension_day_kind,
            rules.target_on_closed_day,
            calendar,
        )
    return Deadlines(
        received_on=received_on,
        target=target,
        extended_target=extended_target,
        lawsuit_possible_from=received_on + dt.timedelta(days=LAWSUIT_WAIT_DAYS + 1),
        reminder_on=reminder_date(
            extended_target or target, received_on, calendar=calendar, rules=rules
        ),
        extension_reason=extension_reason.strip() if extension_reason else None,
    )


def extend(
    deadlines: Deadlines,
    reason: str,
    *,
    calendar: BusinessCalendar,
    rules: DeadlineRules,
) -> Deadlines:
    """Extend the answer target once, with a reason; a second extension is refused."""
    if deadlines.is_extended:
        raise DomainError("回答期限の延長は1回までです。")
    if not isinstance(reason, str) or not reason.strip():
        raise DomainError("回答期限を延長する理由を入力してください。")
    again = compute_deadlines(
        deadlines.received_on,
        extended=True,
        extension_reason=reason,
        calendar=calendar,
        rules=rules,
    )
    return replace(
        deadlines,
        extended_target=again.extended_target,
        reminder_on=again.reminder_on,
        extension_reason=again.extension_reason,
    )


def days_left(deadlines: Deadlines, today: dt.date) -> int:
    """Calendar days from ``today`` to the (extended) target: 0 on the day, negative after."""
    return (deadlines.effective_target - today).days


def is_overdue(deadlines: Deadlines, today: dt.date) -> bool:
    return today > deadlines.effective_target
