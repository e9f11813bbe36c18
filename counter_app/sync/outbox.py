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
from typing import Any

from sqlalchemy import Connection, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from counter_app.store.models import format_utc
from counter_app.sync.payloads import BUILDERS
from counter_app.sync.protocol import SCHEMA_VERSION, canonical_json

_DIRTY = text("SELECT aggregate, aggregate_id FROM sync_dirty ORDER BY rowid")
_BUMP = text("UPDATE sync_state SET last_seq = last_seq + :n WHERE id = 1 RETURNING last_seq")
_APPEND = text(
    "INSERT INTO sync_outbox (seq, aggregate, aggregate_id, version, schema_version, payload, "
    "created_at) VALUES (:seq, :aggregate, :aggregate_id, :seq, :schema_version, :payload, "
    ":created_at)"
)
_CLEAR = text("DELETE FROM sync_dirty")
#: the connection option the unit of work sets on a write transaction (store/uow.py)
_WRITE_BEGIN = "BEGIN IMMEDIATE"


def is_write_session(session: Session) -> bool:
    """True for the session of a write unit of work (``BEGIN IMMEDIATE``)."""
    bind = session.get_bind()
    options = getattr(bind, "get_execution_options", None)
    return options is not None and options().get("counter_begin") == _WRITE_BEGIN


def append_changes(conn: Connection, now: dt.datetime | None = None) -> int:
    """Turn the marked aggregates into outbox rows on ``conn`` (inside its transaction) and
    clear the marks. Returns how many rows were appended."""
    try:
        dirty = conn.execute(_DIRTY).all()
    except OperationalError as exc:  # a database not yet at revision 0014 (being migrated)
        if "no such table" in str(exc.orig):
            return 0
        raise
    if not dirty:
        return 0
    rows: list[dict[str, Any]] = []
    for aggregate, aggregate_id in dirty:
        payload = BUILDERS[aggregate](conn, aggregate_id)
        if payload is not None:
            rows.append({"aggregate": aggregate, "aggregate_id": aggregate_id, "payload": payload})
    conn.execute(_CLEAR)
    if not rows:
        return 0
    last = conn.execute(_BUMP, {"n": len(rows)}).scalar_one()
    created = format_utc(now or dt.datetime.now(dt.UTC))
    first = last - len(rows) + 1
    conn.execute(
        _APPEND,
        [
            {
                "seq": first + offset,
                "aggregate": row["aggregate"],
                "aggregate_id": row["aggregate_id"],
                "schema_version": SCHEMA_VERSION,
                "payload": canonical_json(row["payload"]),
                "created_at": created,
            }
            for offset, row in enumerate(rows)
        ],
    )
    return len(rows)


@event.listens_for(Session, "before_commit")
def append_outbox(session: Session) -> None:
    """``before_commit`` of every session: in a write unit of work, append the outbox rows."""
    if not is_write_session(session):
        return
    session.flush()  # ORM rows still pending fire their triggers now
    append_changes(session.connection())
