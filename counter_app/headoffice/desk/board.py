"""The deadline board: what is due soon, what is late, and what is near the Art. 39 date.

The date thresholds are computed here, from the business calendar (weekends, national
holidays via jpholiday, the year-end closure and the extra closed days of calendar.toml),
and passed to PostgreSQL as parameters:

- **due soon**: the internal target (extended if so) from today up to the 3rd business day
  after today;
- **overdue**: the internal target before today;
- **red**: the Art. 39 date (``lawsuit_possible_from``: from then the person may sue) already
  passed or within 2 calendar days — a legal date counts calendar days, never business days.

A request can be in two buckets (late and red); each bucket counts it once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import psycopg
from psycopg import sql

from counter_app.domain.calendar import BusinessCalendar
from counter_app.domain.requests import RequestStatus
from counter_app.headoffice.desk.refusals import desk_call

DUE_SOON_BUSINESS_DAYS = 3
RED_CALENDAR_DAYS = 2

_OPEN = "status IN ('received', 'in_progress', 'extended')"


@dataclass(frozen=True)
class BoardThresholds:
    today: dt.date
    due_soon_until: dt.date  # inclusive
    red_until: dt.date  # inclusive

    @classmethod
    def on(cls, today: dt.date, calendar: BusinessCalendar) -> BoardThresholds:
        return cls(
            today=today,
            due_soon_until=calendar.add_business_days(today, DUE_SOON_BUSINESS_DAYS),
            red_until=today + dt.timedelta(days=RED_CALENDAR_DAYS),
        )


class Bucket(StrEnum):
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    RED = "red"

    @property
    def label(self) -> str:
        return {
            "due_soon": "3営業日以内に期限",
            "overdue": "目標日超過",
            "red": "法第39条の日が2日以内・経過",
        }[self.value]


@dataclass(frozen=True)
class BranchCounts:
    branch: str
    due_soon: int
    overdue: int
    red: int


@dataclass(frozen=True)
class Board:
    thresholds: BoardThresholds
    branches: tuple[BranchCounts, ...]

    @property
    def totals(self) -> BranchCounts:
        return BranchCounts(
            "全体",
            sum(b.due_soon for b in self.branches),
            sum(b.overdue for b in self.branches),
            sum(b.red for b in self.branches),
        )


def _params(t: BoardThresholds) -> dict[str, Any]:
    return {"today": t.today, "soon": t.due_soon_until, "red": t.red_until}


def board(conn: psycopg.Connection, thresholds: BoardThresholds) -> Board:
    """Counts per branch (branches with nothing to show are left out)."""
    # every open request is read once from one of the partial indexes of the open requests,
    # each covering branch, due_on and lawsuit_possible_from: an index-only scan, no heap
    query = f"""
        SELECT branch,
               count(*) FILTER (WHERE due_on BETWEEN %(today)s AND %(soon)s) AS due_soon,
               count(*) FILTER (WHERE due_on < %(today)s) AS overdue,
               count(*) FILTER (WHERE lawsuit_possible_from <= %(red)s) AS red
          FROM hq.requests
         WHERE {_OPEN}
         GROUP BY branch
        HAVING count(*) FILTER (WHERE due_on <= %(soon)s OR lawsuit_possible_from <= %(red)s) > 0
         ORDER BY branch
    """
    with desk_call():
        rows = conn.execute(query, _params(thresholds)).fetchall()
    return Board(thresholds, tuple(BranchCounts(r[0], r[1], r[2], r[3]) for r in rows))


@dataclass(frozen=True)
class BoardItem:
    rid: int
    branch: str
    number: str
    status: RequestStatus
    due_on: dt.date
    lawsuit_possible_from: dt.date | None
    name_masked: str


_BUCKET_SQL = {
    Bucket.DUE_SOON: "due_on BETWEEN %(today)s AND %(soon)s",
    Bucket.OVERDUE: "due_on < %(today)s",
    Bucket.RED: "lawsuit_possible_from <= %(red)s",
}
_BUCKET_ORDER = {
    Bucket.DUE_SOON: "due_on, rid",
    Bucket.OVERDUE: "due_on, rid",
    Bucket.RED: "lawsuit_possible_from, rid",
}


def board_items(
    conn: psycopg.Connection,
    thresholds: BoardThresholds,
    bucket: Bucket,
    *,
    branch: str | None = None,
    limit: int = 100,
) -> tuple[BoardItem, ...]:
    """The requests of one bucket, the most urgent first."""
    params = _params(thresholds) | {"limit": limit, "branch": branch}
    query = sql.SQL(
        f"""
        SELECT rid, branch, number, status, due_on, lawsuit_possible_from, name_masked
          FROM hq.requests
         WHERE {_OPEN} AND {_BUCKET_SQL[bucket]}
           AND (%(branch)s::text IS NULL OR branch = %(branch)s::text)
         ORDER BY {_BUCKET_ORDER[bucket]}
         LIMIT %(limit)s
        """
    )
    with desk_call():
        rows = conn.execute(query, params).fetchall()
    return tuple(BoardItem(r[0], r[1], r[2], RequestStatus(r[3]), r[4], r[5], r[6]) for r in rows)
