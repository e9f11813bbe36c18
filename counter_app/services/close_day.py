"""Close a business day at a branch (日報の締め): an immutable snapshot, then nothing more.

``close_day(uow, actor, day, cash_counted, cash_count=..., variance_note=...)`` — 責任者 or
管理者 (or a staff member with a 責任者's on-screen approval, as for every supervisor action):

1. refuses a day already closed, a day in the future, a negative cash count, a 金種表
   (``cash_count``, :class:`~counter_app.domain.cash_count.CashCount`) whose total is not the
   cash counted, and a count that differs from the expected cash without a note on the
   variance (all in Japanese);
2. computes the day's log now (:func:`counter_app.services.daily_log.compute_log`: rows,
   voids, reprints, totals, cash expected);
3. allocates the close number (``C-BR01-01-2025-0001``, per branch and fiscal year, gapless);
4. stores the ``closed_days`` row: the snapshot JSON (the log, the cash counted, its 金種表
   under ``cash.denominations``, the variance and its note) and its SHA-256 (canonical JSON),
   the cash expected and counted, the 金種表 again in ``cash_denominations`` (migration
   0013, for queries), who closed it and who approved;
5. appends the audit rows ``day.close`` (ids, amounts, close number, snapshot hash) and, if
   the cash differs, ``day.cash_variance``.

From then on the services refuse anything dated that day at that branch (intake, void,
reprint, status changes and decisions: ``services.access.ensure_day_open``), database
triggers refuse the same inserts and any change to the ``closed_days`` row, and the daily log
of that day is printed from the snapshot (:func:`counter_app.services.daily_log.
daily_log_data`). :func:`interim_figures` gives the same figures without closing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from counter_app.domain.cash_count import CashCount
from counter_app.errors import DomainError, InputError
from counter_app.security.audit import canonical_json
from counter_app.security.roles import Actor, Permission, require
from counter_app.services.access import MAX_TEXT, check_text, ensure_branch, session_of
from counter_app.services.clock import local_date, now_utc
from counter_app.services.daily_log import (
    closed_day,
    closer_label,
    compute_log,
    frozen_content,
    stored_cash_count,
)
from counter_app.services.daily_log_snapshot import LogContent
from counter_app.services.trail import record
from counter_app.store.models import ClosedDay, new_id
from counter_app.store.numbering import Series, allocate
from counter_app.store.uow import UnitOfWork

MAX_CASH = 100_000_000


def _day_text(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class DayAlreadyClosed(DomainError):
    def __init__(self, day: dt.date, close_number: str | None) -> None:
        super().__init__(
            f"{_day_text(day)}の受付日報はすでに締め済みです (締め番号 {close_number or '-'})。",
            hint="締めた日報は変更できません。写しの印刷はできます。",
        )


@dataclass(frozen=True)
class DayFigures:
    """A day's figures: interim (``closed=False``) or as frozen at close."""

    branch_code: str
    day: dt.date
    closed: bool
    close_number: str | None
    closed_at: dt.datetime | None
    closed_by: str
    requests: int
    fee: int
    tax: int
    postage: int
    voids: int
    voided_amount: int
    reprints: int
    overdue: int
    repeat: int
    cash_expected: int
    cash_counted: int | None
    variance: int | None
    variance_note: str
    snapshot_hash: str | None
    cash_count: CashCount | None = None
    #: settlements (精算) and settlement voids made that day, and their net cash (in the
    #: fee / postage / tax sums and in cash_expected, as their lines are)
    settlements: int = 0
    settlement_voids: int = 0
    settled_amount: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "branch_code": self.branch_code,
            "day": self.day.isoformat(),
            "state": "closed" if self.closed else "interim",
            "close_number": self.close_number,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "closed_by": self.closed_by,
            "requests": self.requests,
            "fee": self.fee,
            "tax": self.tax,
            "postage": self.postage,
            "voids": self.voids,
            "voided_amount": self.voided_amount,
            "reprints": self.reprints,
            "overdue": self.overdue,
            "repeat": self.repeat,
            "cash_expected": self.cash_expected,
            "cash_counted": self.cash_counted,
            "variance": self.variance,
            "variance_note": self.variance_note,
            "snapshot_hash": self.snapshot_hash,
            "cash_denominations": self.cash_count.to_json() if self.cash_count else None,
            "settlements": self.settlements,
            "settlement_voids": self.settlement_voids,
            "settled_amount": self.settled_amount,
        }


def _figures(
    content: LogContent,
    *,
    closed: ClosedDay | None = None,
    closed_by: str = "",
    variance_note: str = "",
    cash_count: CashCount | None = None,
) -> DayFigures:
    counts = content.counts()
    counted = closed.cash_counted if closed else None
    return DayFigures(
        branch_code=content.branch_code,
        day=content.day,
        closed=closed is not None,
        close_number=closed.close_number if closed else None,
        closed_at=closed.closed_at.astimezone(dt.UTC) if closed else None,
        closed_by=closed_by,
        requests=content.totals.requests,
        fee=content.totals.fee,
        tax=content.totals.tax,
        postage=content.totals.postage,
        voids=counts["voids"],
        voided_amount=content.totals.voided_amount,
        reprints=counts["reprints"],
        overdue=counts["overdue"],
        repeat=counts["repeat"],
        cash_expected=content.cash_expected,
        cash_counted=counted,
        variance=None if counted is None else counted - content.cash_expected,
        variance_note=variance_note,
        snapshot_hash=closed.snapshot_hash if closed else None,
        settlements=counts.get("settlements", 0),
        settlement_voids=counts.get("settlement_voids", 0),
        settled_amount=content.totals.settled_amount,
        cash_count=cash_count,
    )


def snapshot_hash(snapshot: dict[str, Any]) -> str:
    """SHA-256 of the snapshot's canonical JSON (sorted keys, no spaces, UTF-8)."""
    return hashlib.sha256(canonical_json(snapshot).encode("utf-8")).hexdigest()


def day_figures(
    uow: UnitOfWork, actor: Actor, day: dt.date, *, now: dt.datetime | None = None
) -> DayFigures:
    """The figures of ``day``: frozen ones if it is closed, interim ones (computed now)
    otherwise. Reading needs no special role; nothing is written."""
    branch = ensure_branch(uow, actor)
    record_ = closed_day(uow, branch, day)
    if record_ is not None:
        snapshot = record_.snapshot or {}
        return _figures(
            frozen_content(uow, record_, now=now or now_utc()),
            closed=record_,
            closed_by=closer_label(uow, record_),
            variance_note=snapshot.get("cash", {}).get("variance_note", ""),
            cash_count=stored_cash_count(record_),
        )
    return _figures(compute_log(uow, branch, day, now=now))


#: Interim (not closing) figures: :func:`day_figures` of an open day.
interim_figures = day_figures


def close_day(
    uow: UnitOfWork,
    actor: Actor,
    day: dt.date,
    cash_counted: int | None,
    *,
    cash_count: CashCount | None = None,
    variance_note: str = "",
    approver: Actor | None = None,
    now: dt.datetime | None = None,
) -> DayFigures:
    """Close ``day`` at the actor's branch (see the module docstring). The caller commits.

    ``cash_counted`` may be None when ``cash_count`` is given: the 金種表's total is then
    the cash counted."""
    require(actor, Permission.CLOSE_DAY, approver=approver)
    branch = ensure_branch(uow, actor)
    now = now or now_utc()
    if cash_count is not None:
        if cash_counted is None:
            cash_counted = cash_count.total
        elif cash_counted != cash_count.total:
            raise InputError(
                f"現金の実査額 ({cash_counted:,}円) が金種表の合計 ({cash_count.total:,}円) と"
                " 合いません。",
                hint="金種表の枚数を確かめてください。実査額は金種表の合計です。",
            )
    if cash_counted is None:
        raise InputError("現金の実査額 (または金種表) を入力してください。")
    if isinstance(cash_counted, bool) or not isinstance(cash_counted, int):
        raise InputError("現金の実査額は円単位の整数で入力してください。")
    if not 0 <= cash_counted <= MAX_CASH:
        raise InputError(f"現金の実査額 ({cash_counted:,}円) が正しくありません。")
    if day > local_date(now):
        raise DomainError(f"{_day_text(day)}はまだ来ていないため、締めることはできません。")
    existing = closed_day(uow, branch, day)
    if existing is not None:
        raise DayAlreadyClosed(day, existing.close_number)
    content = compute_log(uow, branch, day, now=now)
    variance = cash_counted - content.cash_expected
    note = (variance_note or "").strip()
    if variance and not note:
        sign = "多い" if variance > 0 else "少ない"
        raise InputError(
            f"現金の実査額 ({cash_counted:,}円) が理論残高 ({content.cash_expected:,}円) より "
            f"{abs(variance):,}円{sign}ため、過不足の理由を入力してください。",
            hint="理由を入力してから、もう一度締めてください。",
        )
    if note:
        check_text(note, "過不足の理由", limit=MAX_TEXT)
    session = session_of(uow)
    number = allocate(session, Series.DAY_CLOSE, branch, day)
    snapshot = {
        "format": 1,
        "close_number": number.text,
        "closed_at": now.astimezone(dt.UTC).isoformat(),
        "closed_by": actor.staff_id,
        "approver_id": approver.staff_id if approver else None,
        "log": content.to_json(),
        "cash": {
            "expected": content.cash_expected,
            "counted": cash_counted,
            "variance": variance,
            "variance_note": note,
            "denominations": cash_count.to_json() if cash_count else None,
        },
    }
    digest = snapshot_hash(snapshot)
    row = ClosedDay(
        id=new_id(),
        branch_code=branch,
        business_date=day,
        terminal_no=number.terminal_no,
        closed_at=now,
        closed_by=actor.staff_id,
        approver_id=approver.staff_id if approver else None,
        close_number=number.text,
        cash_expected=content.cash_expected,
        cash_counted=cash_counted,
        cash_denominations=cash_count.to_json() if cash_count else None,
        snapshot=snapshot,
        snapshot_hash=digest,
    )
    session.add(row)
    session.flush()
    used_approver = approver if approver and not actor.may(Permission.CLOSE_DAY) else None
    counts = content.counts()
    record(
        uow,
        actor,
        "day.close",
        at=now,
        approver=used_approver,
        detail={
            "closed_day_id": row.id,
            "business_date": day.isoformat(),
            "close_number": number.text,
            "requests": content.totals.requests,
            "fee": content.totals.fee,
            "tax": content.totals.tax,
            "postage": content.totals.postage,
            "voids": counts["voids"],
            "reprints": counts["reprints"],
            "cash_expected": content.cash_expected,
            "cash_counted": cash_counted,
            "snapshot_hash": digest,
        },
    )
    if variance:
        record(
            uow,
            actor,
            "day.cash_variance",
            at=now,
            approver=used_approver,
            detail={
                "closed_day_id": row.id,
                "business_date": day.isoformat(),
                "variance": variance,
            },
        )
    return _figures(
        content,
        closed=row,
        closed_by=closer_label(uow, row),
        variance_note=note,
        cash_count=cash_count,
    )
