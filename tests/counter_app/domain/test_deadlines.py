"""Deadlines: D + 14 target, one extension with a reason, Art. 39 (D + 15), reminders."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.calendar import BusinessCalendar
from counter_app.domain.deadlines import (
    ClosedDayRule,
    DayKind,
    DeadlineRules,
    Deadlines,
    compute_deadlines,
    days_left,
    extend,
    is_overdue,
    reminder_date,
)
from counter_app.errors import DomainError
from tests import rule_values

D = dt.date


@pytest.fixture(scope="module")
def cal() -> BusinessCalendar:
    return rule_values.business_calendar()


@pytest.mark.parametrize(
    ("received", "target", "lawsuit", "reminder"),
    [
        # an ordinary fortnight: Monday -> Monday, reminder 3 business days before
        (D(2025, 6, 2), D(2025, 6, 16), D(2025, 6, 17), D(2025, 6, 11)),
        # D + 14 = 2025-05-06 (振替休日): the target moves back to Friday 05-02
        (D(2025, 4, 22), D(2025, 5, 2), D(2025, 5, 7), D(2025, 4, 28)),  # 4-29 昭和の日 skipped
        # D + 14 = 2025-12-31 (年末年始): back to 12-26; Art. 39 still on the calendar (1/1)
        (D(2025, 12, 17), D(2025, 12, 26), D(2026, 1, 1), D(2025, 12, 23)),
        # received on a Saturday, D + 14 = 2026-01-03: back to 12-26
        (D(2025, 12, 20), D(2025, 12, 26), D(2026, 1, 4), D(2025, 12, 23)),
    ],
)
def test_compute_deadlines(cal, received, target, lawsuit, reminder):
    d = compute_deadlines(received, calendar=cal, rules=rule_values.deadline_rules())
    assert (d.received_on, d.target, d.extended_target) == (received, target, None)
    assert d.lawsuit_possible_from == lawsuit == received + dt.timedelta(days=15)
    assert d.reminder_on == reminder


@pytest.mark.parametrize(
    ("rule", "target"),
    [
        (ClosedDayRule.KEEP, D(2025, 5, 6)),
        (ClosedDayRule.PREVIOUS, D(2025, 5, 2)),
        (ClosedDayRule.NEXT, D(2025, 5, 7)),
    ],
)
def test_target_on_a_holiday(cal, rule, target):
    rules = DeadlineRules(target_on_closed_day=rule)
    assert compute_deadlines(D(2025, 4, 22), calendar=cal, rules=rules).target == target


def test_business_day_targets(cal):
    rules = DeadlineRules(answer_days=14, answer_day_kind=DayKind.BUSINESS)
    # 12/25, 12/26, 1/5-1/9, (1/12 成人の日), 1/13-1/16, 1/19-1/21
    d = compute_deadlines(D(2025, 12, 24), calendar=cal, rules=rules)
    assert d.target == D(2026, 1, 21)
    assert d.lawsuit_possible_from == D(2026, 1, 8)  # law: calendar days regardless


def test_extension_once_with_a_reason(cal):
    rules = rule_values.deadline_rules()
    d = compute_deadlines(D(2025, 6, 2), calendar=cal, rules=rules)
    longer = extend(d, " 保管庫の記録の確認に時間を要するため ", calendar=cal, rules=rules)
    assert longer.target == D(2025, 6, 16)
    assert longer.extended_target == D(2025, 6, 30)
    assert longer.effective_target == D(2025, 6, 30)
    assert longer.extension_reason == "保管庫の記録の確認に時間を要するため"
    assert longer.reminder_on == D(2025, 6, 25)
    assert longer.lawsuit_possible_from == d.lawsuit_possible_from  # unaffected by law
    with pytest.raises(DomainError, match="1回まで"):
        extend(longer, "もう一度", calendar=cal, rules=rules)
    with pytest.raises(DomainError, match="理由"):
        extend(d, "  ", calendar=cal, rules=rules)
    assert compute_deadlines(
        D(2025, 6, 2), extended=True, calendar=cal, rules=rules
    ).extended_target == D(2025, 6, 30)


def test_extended_target_over_the_year_end(cal):
    # target 12-12 (Fri) + 14 = 12-26 (Fri, open); from 12-15: 12-29 closed -> 12-26
    d = compute_deadlines(D(2025, 12, 1), extended=True, calendar=cal, rules=DeadlineRules())
    assert (d.target, d.extended_target) == (D(2025, 12, 15), D(2025, 12, 26))


@pytest.mark.parametrize(
    ("today", "left", "overdue"),
    [
        (D(2025, 6, 2), 14, False),
        (D(2025, 6, 15), 1, False),
        (D(2025, 6, 16), 0, False),
        (D(2025, 6, 17), -1, True),
        (D(2025, 7, 1), -15, True),
    ],
)
def test_days_left_and_overdue(cal, today, left, overdue):
    d = compute_deadlines(D(2025, 6, 2), calendar=cal, rules=DeadlineRules())
    assert days_left(d, today) == left
    assert is_overdue(d, today) is overdue
    longer = extend(d, "確認に時間を要する", calendar=cal, rules=DeadlineRules())
    assert days_left(longer, today) == left + 14
    assert is_overdue(longer, today) is (today > D(2025, 6, 30))


def test_reminder_never_before_arrival(cal):
    rules = DeadlineRules(answer_days=2, reminder_business_days_before=5)
    d = compute_deadlines(D(2025, 6, 2), calendar=cal, rules=rules)
    assert d.reminder_on == D(2025, 6, 2)
    assert reminder_date(
        D(2025, 6, 16), D(2025, 6, 2), calendar=cal, business_days_before=0, rules=rules
    ) == D(2025, 6, 16)


def test_deadlines_are_plain_values():
    fields = {f.name for f in dataclasses.fields(Deadlines)}
    assert "days_left" not in fields and "overdue" not in fields  # computed, never stored


@given(received=st.dates(min_value=D(2024, 1, 1), max_value=D(2030, 12, 31)))
def test_invariants(received):
    cal, rules = rule_values.business_calendar(), rule_values.deadline_rules()
    d = extend(
        compute_deadlines(received, calendar=cal, rules=rules), "理由", calendar=cal, rules=rules
    )
    assert received <= d.target <= received + dt.timedelta(days=14)
    assert d.target < d.extended_target <= d.target + dt.timedelta(days=14)  # once, 2 weeks
    assert d.lawsuit_possible_from == received + dt.timedelta(days=15)
    assert received <= d.reminder_on <= d.extended_target
    if d.target > received:
        assert cal.is_business_day(d.target)
