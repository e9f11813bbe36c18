"""What the terminal knows about its sync: who it is, what is waiting, what happened last.

:func:`sync_status` is what ``counter-app sync status`` prints and the window's status bar
shows (未送信 n 件 / 最終送信 HH:MM / the last error in Japanese).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, update

from counter_app.store.engine import Database
from counter_app.store.models import Branch
from counter_app.store.sync_tables import OutboxRow, SyncState
from counter_app.store.uow import UnitOfWork
from counter_app.sync.protocol import SyncError, SyncErrorKind, TerminalId


@dataclass(frozen=True)
class SyncStatus:
    terminal: str | None  # "BR01-02" (None before initialisation)
    enrolled: bool
    pending: int  # outbox rows not acknowledged by head office
    acked_seq: int
    last_seq: int
    pulled_mark: int
    last_push_at: dt.datetime | None
    last_pull_at: dt.datetime | None
    last_error: str | None
    last_error_at: dt.datetime | None
    hq_address: str | None  # host:port/dbname once enrolled

    def to_json(self) -> dict[str, object]:
        def iso(value: dt.datetime | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "terminal": self.terminal,
            "enrolled": self.enrolled,
            "pending": self.pending,
            "acked_seq": self.acked_seq,
            "last_seq": self.last_seq,
            "pulled_mark": self.pulled_mark,
            "last_push_at": iso(self.last_push_at),
            "last_pull_at": iso(self.last_pull_at),
            "last_error": self.last_error,
            "last_error_at": iso(self.last_error_at),
            "hq_address": self.hq_address,
        }


def state_row(uow: UnitOfWork) -> SyncState:
    assert uow.session is not None
    row = uow.session.get(SyncState, 1)
    if row is None:  # pragma: no cover - migration 0014 inserts it
        raise RuntimeError("sync_state row missing")
    return row


def terminal_of(uow: UnitOfWork) -> TerminalId | None:
    """This installation's terminal (None before initialisation)."""
    assert uow.session is not None
    row = uow.session.execute(select(Branch.code, Branch.terminal_no).limit(1)).first()
    return TerminalId(row[0], row[1]) if row else None


def require_terminal(uow: UnitOfWork) -> TerminalId:
    terminal = terminal_of(uow)
    if terminal is None:
        raise SyncError(
            SyncErrorKind.NOT_ENROLLED,
            "この端末はまだ初期設定されていません。",
            hint="先に counter-app init で支店を設定してください。",
        )
    return terminal


def sync_status(database: Database) -> SyncStatus:
    with database.unit_of_work(read_only=True) as uow:
        assert uow.session is not None
        state = state_row(uow)
        pending = uow.session.scalar(select(func.count()).select_from(OutboxRow)) or 0
        terminal = terminal_of(uow)
        address = f"{state.hq_host}:{state.hq_port}/{state.hq_dbname}" if state.hq_host else None
        return SyncStatus(
            terminal=terminal.text if terminal else None,
            enrolled=state.enrolled_at is not None,
            pending=int(pending),
            acked_seq=state.acked_seq,
            last_seq=state.last_seq,
            pulled_mark=state.pulled_mark,
            last_push_at=state.last_push_at,
            last_pull_at=state.last_pull_at,
            last_error=state.last_error,
            last_error_at=state.last_error_at,
            hq_address=address,
        )


def record_error(database: Database, error: SyncError, now: dt.datetime) -> None:
    """Keep the error's Japanese sentence for the status (nothing else changes)."""
    with database.unit_of_work() as uow:
        assert uow.session is not None
        uow.session.execute(
            update(SyncState)
            .where(SyncState.id == 1)
            .values(last_error=error.user_text(), last_error_at=now)
        )
        uow.commit()
