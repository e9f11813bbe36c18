"""Facade of the 日報 window (``ui.supervisor``): the day's log and closing the day with the
cash count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from counter_app.errors import CounterAppError
from counter_app.security.roles import Actor
from ui.context import AppContext
from ui.facade._access import now, render, signed_in, unit_of_work

if TYPE_CHECKING:  # for the type checker only: the services load when a function runs
    from counter_app.printables.daily_log import DailyLogData


@dataclass(frozen=True)
class ClosedDay:
    """A closed day: its log to print, and a Japanese line on the automatic backup (a failed
    backup does not undo the close: the line says what to do)."""

    log_pdf: bytes
    backup_note: str


def daily_log(context: AppContext, day: dt.date) -> DailyLogData:
    """The day's log: interim, or the closed snapshot."""
    from counter_app.services.daily_log import daily_log_data

    with unit_of_work(context, write=False) as uow:
        return daily_log_data(uow, signed_in(context), day, now=now(context))


def daily_log_pdf(context: AppContext, day: dt.date) -> bytes:
    return render("daily_log", daily_log(context, day))


def close_day(
    context: AppContext,
    day: dt.date,
    pieces: tuple[int, ...],
    variance_note: str = "",
    approver: Actor | None = None,
) -> ClosedDay:
    """Close the day with the cash count — the 金種表's pieces per denomination, largest
    first; their total is the cash counted — and the reason for any difference, then take the
    automatic backup."""
    from counter_app.domain.cash_count import CashCount
    from counter_app.services import close_day as closing

    count = CashCount(tuple(pieces))
    with unit_of_work(context) as uow:
        closing.close_day(
            uow,
            signed_in(context),
            day,
            count.total,
            cash_count=count,
            variance_note=variance_note,
            approver=approver,
            now=now(context),
        )
    from counter_app.services.backup.take import backup_after_day_close

    try:
        info = backup_after_day_close(context.db, approver or signed_in(context))
        note = f"自動バックアップを作成しました: {info.path}"
    except CounterAppError as exc:
        note = (
            "日報は締めましたが、自動バックアップを作成できませんでした: "
            f"{exc.user_text()}\n空き容量などを確認し、管理画面から作成してください。"
        )
    return ClosedDay(daily_log_pdf(context, day), note)
