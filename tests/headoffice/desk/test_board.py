"""The deadline board's buckets on dates around holidays and the year-end closure."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.domain.calendar import BusinessCalendar
from counter_app.headoffice.desk.board import BoardThresholds, Bucket, board, board_items

D = dt.date
#: today -> the 3rd business day after it, counted by hand on the calendar
CASES = {
    # Friday before the year-end closure (12/29-1/3): Mon 12/28, then Mon 1/4, Tue 1/5
    D(2026, 12, 25): D(2027, 1, 5),
    # Monday 12/28, the last day before the closure: 1/4, 1/5, 1/6
    D(2026, 12, 28): D(2027, 1, 6),
    # Thursday before Golden Week: Fri 5/1, then 5/2-5/6 closed (5/6 振替休日), 5/7, 5/8
    D(2026, 4, 30): D(2026, 5, 8),
    # Friday before the silver week (9/21 敬老の日, 9/22 国民の休日, 9/23 秋分の日)
    D(2026, 9, 18): D(2026, 9, 28),
}

_ids = itertools.count(1)


@pytest.mark.parametrize("today", sorted(CASES))
def test_the_thresholds_count_business_days_for_the_target_and_calendar_days_for_art39(today):
    thresholds = BoardThresholds.on(today, BusinessCalendar())
    assert thresholds.due_soon_until == CASES[today]
    assert thresholds.red_until == today + dt.timedelta(days=2)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    today=st.sampled_from(sorted(CASES)),
    rows=st.lists(
        st.tuples(
            st.integers(-10, 14),  # internal target, days from today
            st.integers(-5, 20),  # Art. 39 date, days from today
            st.sampled_from(["received", "in_progress", "extended", "decided", "withdrawn"]),
            st.integers(0, 1),  # branch
        ),
        max_size=12,
    ),
)
def test_each_request_is_in_the_buckets_its_dates_put_it_in(seed, desk_accounts, today, rows):
    lead = desk_accounts.conn("lead")
    branches = [seed.branch(), seed.branch()]
    terminals = [seed.terminal(b) for b in branches]
    soon_until, red_until = CASES[today], today + dt.timedelta(days=2)
    expected: dict[Bucket, set[int]] = {b: set() for b in Bucket}
    per_branch = {b: {k: 0 for k in Bucket} for b in branches}
    for due_days, art39_days, status, branch in rows:
        due = today + dt.timedelta(days=due_days)
        art39 = today + dt.timedelta(days=art39_days)
        rid = seed.request(
            terminals[branch], f"b{next(_ids)}", status=status, target_on=due.isoformat(),
            lawsuit_possible_from=art39.isoformat(), received_on=(today - dt.timedelta(days=20)).isoformat(),
        )  # fmt: skip
        if status in ("decided", "withdrawn"):
            continue
        buckets = {
            Bucket.OVERDUE: due < today,
            Bucket.DUE_SOON: today <= due <= soon_until,
            Bucket.RED: art39 <= red_until,
        }
        for bucket, inside in buckets.items():
            if inside:
                expected[bucket].add(rid)
                per_branch[branches[branch]][bucket] += 1
    thresholds = BoardThresholds.on(today, BusinessCalendar())
    counts = {c.branch: c for c in board(lead, thresholds).branches if c.branch in branches}
    for branch in branches:
        want = per_branch[branch]
        if not any(want.values()):
            assert branch not in counts
            continue
        got = counts[branch]
        assert (got.due_soon, got.overdue, got.red) == (
            want[Bucket.DUE_SOON],
            want[Bucket.OVERDUE],
            want[Bucket.RED],
        )
    for bucket in Bucket:
        got_rids = set()
        for branch in branches:
            items = board_items(lead, thresholds, bucket, branch=branch, limit=100)
            got_rids |= {i.rid for i in items}
            keys = [i.lawsuit_possible_from if bucket is Bucket.RED else i.due_on for i in items]
            assert keys == sorted(keys)  # the most urgent first
        assert got_rids == expected[bucket]
