"""``sync push``: send the outbox to head office, oldest first, and forget only what it holds.

Each round reads up to :data:`~counter_app.sync.protocol.MAX_BATCH_CHANGES` rows after the
acknowledged mark (a read-only unit of work: no lock is held while the network works), sends
them as one :class:`~counter_app.sync.protocol.Batch` and, on an
:class:`~counter_app.sync.protocol.Ack` (applied or duplicate), deletes the rows up to
``acked_seq`` and records the time in one write transaction. A
:class:`~counter_app.sync.protocol.SyncError` is recorded (its Japanese sentence for the
status) and every row is kept; the next push sends them again, and head office acknowledges
what it already held as a duplicate. Nothing is deleted before an acknowledgement.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, update

from counter_app.store.engine import Database
from counter_app.store.sync_tables import OutboxRow, SyncState
from counter_app.sync.protocol import (
    MAX_BATCH_CHANGES,
    SCHEMA_VERSION,
    Ack,
    Batch,
    Change,
    SyncError,
    SyncErrorKind,
    Transport,
)
from counter_app.sync.state import record_error, require_terminal, state_row

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PushResult:
    batches: int  # batches acknowledged
    changes: int  # outbox rows head office acknowledged (and the terminal deleted)
    acked_seq: int
    pending: int  # rows still waiting (0 when everything went)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def next_batch(database: Database, limit: int = MAX_BATCH_CHANGES) -> Batch | None:
    """The oldest unacknowledged rows as a batch (None when the outbox is empty)."""
    with database.unit_of_work(read_only=True) as uow:
        assert uow.session is not None
        terminal = require_terminal(uow)
        acked = state_row(uow).acked_seq
        rows = uow.session.scalars(
            select(OutboxRow).where(OutboxRow.seq > acked).order_by(OutboxRow.seq).limit(limit)
        ).all()
        if not rows:
            return None
        changes = tuple(
            Change(
                seq=row.seq,
                aggregate=row.aggregate,
                aggregate_id=row.aggregate_id,
                version=row.version,
                schema_version=row.schema_version,
                payload=json.loads(row.payload),
            )
            for row in rows
        )
    return Batch(
        terminal=terminal,
        schema_version=SCHEMA_VERSION,
        changes=changes,
        sent_at=_now().isoformat().replace("+00:00", "Z"),
    )


def _acknowledge(database: Database, ack: Ack, now: dt.datetime) -> int:
    """Delete the rows head office holds; returns how many were deleted."""
    with database.unit_of_work() as uow:
        assert uow.session is not None
        deleted = cast(
            "CursorResult[Any]",
            uow.session.execute(delete(OutboxRow).where(OutboxRow.seq <= ack.acked_seq)),
        )
        state = state_row(uow)
        uow.session.execute(
            update(SyncState)
            .where(SyncState.id == 1)
            .values(
                acked_seq=max(state.acked_seq, ack.acked_seq),
                last_push_at=now,
                last_error=None,
                last_error_at=None,
            )
        )
        uow.commit()
        return int(deleted.rowcount or 0)


def _pending(database: Database) -> int:
    with database.unit_of_work(read_only=True) as uow:
        assert uow.session is not None
        return len(uow.session.scalars(select(OutboxRow.seq)).all())


def push(
    database: Database,
    transport: Transport,
    *,
    batch_size: int = MAX_BATCH_CHANGES,
    max_batches: int | None = None,
) -> PushResult:
    """Send every unacknowledged outbox row (several batches if need be).

    Raises :class:`SyncError` (recorded first) when head office refuses or cannot be reached;
    the rows it had not acknowledged stay in the outbox."""
    batches = sent = 0
    acked = 0
    while max_batches is None or batches < max_batches:
        batch = next_batch(database, min(batch_size, MAX_BATCH_CHANGES))
        if batch is None:
            break
        try:
            ack = transport.push(batch)
        except SyncError as refusal:
            log.warning("push refused: %s (%s)", refusal.kind.value, refusal.detail)
            record_error(database, refusal, _now())
            raise
        except Exception as exc:  # a transport bug must not lose rows nor crash the window
            log.exception("push failed")
            failure = SyncError(
                SyncErrorKind.UNREACHABLE,
                "本部への送信中に予期しないエラーが起きました。未送信のデータはこの端末に残っています。",
                hint="しばらくしてから、もう一度送信してください。続く場合は本部にご連絡ください。",
                detail=type(exc).__name__,
            )
            record_error(database, failure, _now())
            raise failure from exc
        if ack.acked_seq < batch.first_seq:
            # head office holds nothing of this batch: sending it again would loop forever
            gap = SyncError(
                SyncErrorKind.GAP,
                "本部がこの端末の送信を受け取れませんでした (送信番号が合いません)。"
                "未送信のデータはこの端末に残っています。",
                hint="本部にご連絡ください。",
                detail=f"ack {ack.acked_seq} < first {batch.first_seq}",
            )
            record_error(database, gap, _now())
            raise gap
        sent += _acknowledge(database, ack, _now())
        acked = ack.acked_seq
        batches += 1
    return PushResult(batches=batches, changes=sent, acked_seq=acked, pending=_pending(database))
