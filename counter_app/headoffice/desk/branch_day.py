"""The branch view of a business day: each terminal's close and the branch total.

The daily log and the day close are per terminal; head office sums the terminals of a branch
(``hq.branch_day``, head-office migration 0003). A terminal that has not closed the day, or
has not pushed its close yet, is :attr:`TerminalDay.received` False (未受信/未締め) with no
figures, never zeros; the branch total sums the closes head office holds and says how many
terminals are in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

import psycopg

from counter_app.headoffice.desk.refusals import desk_call

_COLUMNS = (
    "terminal, terminal_no, state, close_number, closed_at, last_batch_at, cash_expected, "
    "cash_counted, cash_difference, fee, postage, total, tax, voids, voided_amount, "
    "settled_amount, requests, receipts, terminals, terminals_closed"
)


@dataclass(frozen=True)
class DayFiguresAtHq:
    """The money and counts of a day (a terminal's close or the branch's sum). ``None``:
    unknown (a close sent before its totals travelled), never a silent zero."""

    cash_expected: int | None
    cash_counted: int | None
    cash_difference: int | None
    fee: int | None  # 手数料
    postage: int | None  # 郵送料
    total: int | None  # 受領額 (手数料 + 郵送料)
    tax: int | None  # 内消費税
    voids: int | None
    voided_amount: int | None
    settled_amount: int | None
    requests: int | None
    receipts: int | None


@dataclass(frozen=True)
class TerminalDay:
    """One terminal's day at head office."""

    terminal: str
    terminal_no: int
    received: bool  # False: 未受信/未締め (not closed, or the close not pushed yet)
    close_number: str | None
    closed_at: dt.datetime | None
    last_batch_at: dt.datetime | None
    figures: DayFiguresAtHq | None  # None when not received

    @property
    def state_label(self) -> str:
        return "締め済" if self.received else "未受信/未締め"


@dataclass(frozen=True)
class BranchDay:
    branch: str
    business_date: dt.date
    terminals: tuple[TerminalDay, ...]
    total: DayFiguresAtHq
    terminals_closed: int

    @property
    def complete(self) -> bool:
        """Every terminal of the branch has closed the day and head office holds it."""
        return self.terminals_closed == len(self.terminals)

    @property
    def missing(self) -> tuple[TerminalDay, ...]:
        return tuple(t for t in self.terminals if not t.received)

    def as_json(self) -> dict[str, Any]:
        def stamp(value: dt.datetime | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "branch": self.branch,
            "business_date": self.business_date.isoformat(),
            "complete": self.complete,
            "terminals_closed": self.terminals_closed,
            "terminals": [
                {
                    "terminal": t.terminal,
                    "terminal_no": t.terminal_no,
                    "state": "closed" if t.received else "missing",
                    "close_number": t.close_number,
                    "closed_at": stamp(t.closed_at),
                    "last_batch_at": stamp(t.last_batch_at),
                    "figures": asdict(t.figures) if t.figures else None,
                }
                for t in self.terminals
            ],
            "total": asdict(self.total),
        }


def _figures(row: dict[str, Any]) -> DayFiguresAtHq:
    return DayFiguresAtHq(
        **{
            name: None if row[name] is None else int(row[name])
            for name in DayFiguresAtHq.__dataclass_fields__
        }
    )


def branch_day(conn: psycopg.Connection[Any], branch: str, day: dt.date) -> BranchDay:
    """The day ``day`` of ``branch`` as head office holds it (a desk account's connection)."""
    with desk_call(), conn.cursor() as cursor:
        cursor.execute(f"SELECT {_COLUMNS} FROM hq.branch_day(%s, %s)", (branch, day))
        names = [column.name for column in cursor.description or ()]
        rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    total = next(row for row in rows if row["state"] == "total")
    terminals = tuple(
        TerminalDay(
            terminal=row["terminal"],
            terminal_no=int(row["terminal_no"]),
            received=row["state"] == "closed",
            close_number=row["close_number"],
            closed_at=row["closed_at"],
            last_batch_at=row["last_batch_at"],
            figures=_figures(row) if row["state"] == "closed" else None,
        )
        for row in rows
        if row["state"] != "total"
    )
    return BranchDay(
        branch=branch,
        business_date=day,
        terminals=terminals,
        total=_figures(total),
        terminals_closed=int(total["terminals_closed"] or 0),
    )
