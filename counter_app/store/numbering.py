"""Request and receipt numbers: per terminal of a branch and fiscal year (April start),
gapless.

Formats (the branch code is upper-case letters and digits, e.g. ``BR01``; the terminal is the
installation's number in its branch, two digits, migration 0014):

- request:  ``R-BR01-02-2025-000123``  (R, branch, terminal, fiscal year, 6-digit sequence)
- receipt:  ``BR01-02-2025-000045``    (branch, terminal, fiscal year, 6-digit sequence; a
  void is a receipt of its own, numbered in the same series)
- day close: ``C-BR01-02-2025-0001``
- settlement: ``S-BR01-02-2025-000007`` (a 精算書: its own series; a void of one is numbered
  in the same series)

Two terminals of one branch therefore never print the same number. Numbers printed before
migration 0014 (``R-BR01-2025-000123``, without the terminal) keep their text; their counters
became terminal 01's, so a database that was there before goes on from its last sequence.

The fiscal year of a date is its calendar year from April, the previous year for January to
March (2026-03-31 -> 2025, 2026-04-01 -> 2026). Sequences restart at 1 each fiscal year.

A number is allocated by :func:`allocate` inside the caller's write transaction (which began
with ``BEGIN IMMEDIATE``, holding SQLite's write lock): the counter row is read and bumped in
the same transaction that stores the record, so a rollback returns the number and two
processes can never take the same one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import cast

from sqlalchemy import Table, bindparam, func, insert, literal, select, update
from sqlalchemy.orm import Session

from counter_app.store.models import Branch, NumberCounter
from counter_app.store.uow import ALLOCATED_KEY, REFUSE_NUMBERS_KEY


class Series(StrEnum):
    REQUEST = "request"
    RECEIPT = "receipt"
    DAY_CLOSE = "day_close"
    SETTLEMENT = "settlement"


_FORMATS = {
    Series.REQUEST: "R-{branch}-{terminal:02d}-{year}-{seq:06d}",
    Series.RECEIPT: "{branch}-{terminal:02d}-{year}-{seq:06d}",
    Series.DAY_CLOSE: "C-{branch}-{terminal:02d}-{year}-{seq:04d}",
    Series.SETTLEMENT: "S-{branch}-{terminal:02d}-{year}-{seq:06d}",
}
#: The numbers printed before terminals existed (migration 0014): still searched for.
_FORMATS_BEFORE_TERMINALS = {
    Series.REQUEST: "R-{branch}-{year}-{seq:06d}",
    Series.RECEIPT: "{branch}-{year}-{seq:06d}",
    Series.DAY_CLOSE: "C-{branch}-{year}-{seq:04d}",
    Series.SETTLEMENT: "S-{branch}-{year}-{seq:06d}",
}


@dataclass(frozen=True)
class AllocatedNumber:
    series: Series
    branch_code: str
    fiscal_year: int
    seq: int
    text: str
    terminal_no: int = 1


def fiscal_year(on: dt.date) -> int:
    """The April-start fiscal year containing ``on``."""
    return on.year if on.month >= 4 else on.year - 1


def format_number(
    series: Series, branch_code: str, year: int, seq: int, terminal_no: int | None = None
) -> str:
    """The text of a number; ``terminal_no`` None gives the form printed before terminals."""
    if terminal_no is None:
        return _FORMATS_BEFORE_TERMINALS[series].format(branch=branch_code, year=year, seq=seq)
    return _FORMATS[series].format(branch=branch_code, terminal=terminal_no, year=year, seq=seq)


def terminal_of(session: Session, branch_code: str) -> int:
    """This installation's terminal number in ``branch_code`` (1 before it is set)."""
    value = session.connection().execute(_TERMINAL, {"b_branch": branch_code}).scalar()
    return int(value) if value is not None else 1


_TABLE = cast(Table, NumberCounter.__table__)  # declarative __tablename__: always a Table
_BRANCHES = cast(Table, Branch.__table__)
_TERMINAL = select(_BRANCHES.c.terminal_no).where(_BRANCHES.c.code == bindparam("b_branch"))
#: Built once: the statements of the hot path (an intake allocates two numbers). The terminal
#: is read in the same statement (a database before initialisation numbers as terminal 1).
_BUMP = (
    update(_TABLE)
    .where(
        _TABLE.c.branch_code == bindparam("b_branch"),
        _TABLE.c.terminal_no == func.coalesce(_TERMINAL.scalar_subquery(), literal(1)),
        _TABLE.c.series == bindparam("b_series"),
        _TABLE.c.fiscal_year == bindparam("b_year"),
    )
    .values(last_value=_TABLE.c.last_value + 1)
    .returning(_TABLE.c.last_value, _TABLE.c.terminal_no)
)
_FIRST = insert(_TABLE)


def allocate(session: Session, series: Series, branch_code: str, on: dt.date) -> AllocatedNumber:
    """Take the next number of ``series`` for ``branch_code`` in the fiscal year of ``on``.

    Must run inside a write unit of work; the number is only used if that commits.
    (One ``UPDATE ... RETURNING`` statement; the first number of a year inserts the row.)
    Refuses when the database is behind its rollback anchor (the number may have been
    printed already: :mod:`counter_app.security.anchor`).
    """
    refused = session.info.get(REFUSE_NUMBERS_KEY)
    if refused is not None:
        raise refused
    year = fiscal_year(on)
    conn = session.connection()
    bumped = conn.execute(
        _BUMP, {"b_branch": branch_code, "b_series": series.value, "b_year": year}
    ).first()
    if bumped is None:
        seq, terminal = 1, terminal_of(session, branch_code)
        conn.execute(
            _FIRST,
            {
                "branch_code": branch_code,
                "terminal_no": terminal,
                "series": series.value,
                "fiscal_year": year,
                "last_value": seq,
            },
        )
    else:
        seq, terminal = bumped
    # after the commit the unit of work carries the highest numbers into the rollback anchor
    session.info.setdefault(ALLOCATED_KEY, {})[anchor_key(series, branch_code, year, terminal)] = (
        seq
    )
    return AllocatedNumber(
        series,
        branch_code,
        year,
        seq,
        format_number(series, branch_code, year, seq, terminal),
        terminal,
    )


def anchor_key(series: Series | str, branch_code: str, year: int, terminal_no: int = 1) -> str:
    """How a counter is named in the rollback anchor: ``series:branch:fiscal year`` for
    terminal 1 (the name anchors had before terminals), ``series:branch:year:terminal`` for
    any other."""
    base = f"{Series(series).value}:{branch_code}:{year}"
    return base if terminal_no == 1 else f"{base}:{terminal_no}"


def _parse_anchor_key(key: str) -> tuple[str, str, int, int]:
    parts = key.split(":")
    terminal = int(parts[3]) if len(parts) == 4 else 1
    return parts[0], parts[1], int(parts[2]), terminal


def raise_counters(session: Session, highest: dict[str, int]) -> dict[str, list[int]]:
    """Raise every counter named in ``highest`` (``series:branch:year`` -> the highest number
    handed out, from the rollback anchor) to at least that value, in the caller's write
    transaction. A number printed before a rollback is then never handed out again.

    Returns the numbers skipped per counter (``[first, last]``), for the audit row.
    """
    conn = session.connection()
    skipped: dict[str, list[int]] = {}
    for key, value in sorted(highest.items()):
        series, branch, year, terminal = _parse_anchor_key(key)
        where = (
            (_TABLE.c.branch_code == branch)
            & (_TABLE.c.terminal_no == terminal)
            & (_TABLE.c.series == series)
            & (_TABLE.c.fiscal_year == year)
        )
        current = conn.execute(select(_TABLE.c.last_value).where(where)).scalar()
        if current is None:
            conn.execute(
                _FIRST,
                {
                    "branch_code": branch,
                    "terminal_no": terminal,
                    "series": series,
                    "fiscal_year": year,
                    "last_value": value,
                },
            )
            skipped[key] = [1, value]
        elif current < value:
            conn.execute(update(_TABLE).where(where).values(last_value=value))
            skipped[key] = [current + 1, value]
    return skipped
