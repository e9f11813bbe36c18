"""The outbox: every committed write transaction carries its changes for head office.

Triggers (migration 0014) mark each aggregate a statement touches in ``sync_dirty`` — whatever
wrote the row (ORM, Core insert, raw SQL), so no service can forget it. Just before a write
unit of work commits, :func:`append_outbox` (a ``before_commit`` listener on every SQLAlchemy
``Session``, registered once by importing this module; ``counter_app.services`` imports it)
flushes, turns each marked aggregate into one ``sync_outbox`` row with its payload
(:mod:`counter_app.sync.payloads`) and empties ``sync_dirty``, all in the same transaction:

- the rows commit with the change or not at all (a rollback leaves neither);
- ``seq`` comes from ``sync_state.last_seq`` bumped inside the write transaction; SQLite has one
  writer (``BEGIN IMMEDIATE``), so the sequence is gapless and in commit order;
- an aggregate's ``version`` is the ``seq`` of the row that carries it: it increases with every
  change of that aggregate, which is all head office's upsert asks of it;
- a read-only unit of work never commits, so it never appends.

A write made without this hook (a tool opening the store directly) leaves its marks in
``sync_dirty``; the next write transaction carries them, so nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from counter_app.store.engine import Database
from counter_app.store.models import format_utc
from counter_app.store.uow import READ_ONLY_OPTION
from counter_app.sync.payloads import BUILDERS, audit_payloads
from counter_app.sync.protocol import SCHEMA_VERSION, canonical_json

log = logging.getLogger(__name__)

_DIRTY = "SELECT aggregate, aggregate_id FROM sync_dirty ORDER BY rowid"
_BUMP = "UPDATE sync_state SET last_seq = last_seq + ? WHERE id = 1 RETURNING last_seq"
_APPEND = (
    "INSERT INTO sync_outbox (seq, aggregate, aggregate_id, version, schema_version, payload, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_CLEAR = "DELETE FROM sync_dirty"
_COUNT_DIRTY = "SELECT COUNT(*) FROM sync_dirty"


def is_write_session(session: Session) -> bool:
    """True for the session of a write unit of work (its connection says it is not
    read-only: ``BEGIN IMMEDIATE``, store/uow.py)."""
    bind = session.get_bind()
    options = getattr(bind, "get_execution_options", None)
    return options is not None and options().get(READ_ONLY_OPTION, True) is False


def append_changes(conn: Connection, now: dt.datetime | None = None) -> int:
    """Turn the marked aggregates into outbox rows on ``conn`` (inside its transaction) and
    clear the marks. Returns how many rows were appended."""
    # the transaction's own DB-API connection: this runs in every commit, and SQLAlchemy's
    # per-statement work cost more than SQLite's
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        return _append(conn, cursor, now)
    finally:
        cursor.close()


def _append(conn: Connection, cursor: Any, now: dt.datetime | None) -> int:
    try:
        dirty = cursor.execute(_DIRTY).fetchall()
    except Exception as exc:  # a database not yet at revision 0014 (being migrated)
        if "no such table" in str(exc):
            return 0
        raise
    if not dirty:
        return 0
    rows: list[dict[str, Any]] = []
    audit = audit_payloads(conn, [i for a, i in dirty if a == "audit"])
    for aggregate, aggregate_id in dirty:
        if aggregate == "audit":
            payload = audit.get(aggregate_id)
        else:
            payload = BUILDERS[aggregate](conn, aggregate_id)
        if payload is not None:
            rows.append({"aggregate": aggregate, "aggregate_id": aggregate_id, "payload": payload})
    cursor.execute(_CLEAR)
    if not rows:
        return 0
    (last,) = cursor.execute(_BUMP, (len(rows),)).fetchone()
    created = format_utc(now or dt.datetime.now(dt.UTC))
    first = last - len(rows) + 1
    cursor.executemany(
        _APPEND,
        [
            (
                first + offset,
                row["aggregate"],
                row["aggregate_id"],
                first + offset,  # version: the seq that carries it (see the module docstring)
                SCHEMA_VERSION,
                canonical_json(row["payload"]),
                created,
            )
            for offset, row in enumerate(rows)
        ],
    )
    return len(rows)


def catch_up(database: Database) -> int:
    """Turn marks left in ``sync_dirty`` into outbox rows now, in a write transaction of their
    own: after migration 0014 every aggregate already in the database is marked, and building
    thousands of payloads belongs at start-up, not in the commit of the next intake. Returns
    the number of rows appended; 0 when there was nothing or the database is busy (the marks
    stay and the next write carries them)."""
    from counter_app.errors import CounterAppError

    try:
        with database.unit_of_work(read_only=True) as uow:
            assert uow.session is not None
            waiting = uow.session.connection().exec_driver_sql(_COUNT_DIRTY).scalar()
        if not waiting:
            return 0
        with database.unit_of_work() as uow:
            assert uow.session is not None
            appended = append_changes(uow.session.connection())
            uow.commit()
        return appended
    except (CounterAppError, DBAPIError) as exc:
        log.warning("outbox catch-up left for later: %s", type(exc).__name__)
        return 0


@event.listens_for(Session, "before_commit")
def append_outbox(session: Session) -> None:
    """``before_commit`` of every session: in a write unit of work, append the outbox rows."""
    if not is_write_session(session):
        return
    session.flush()  # ORM rows still pending fire their triggers now
    append_changes(session.connection())
