"""The terminal's sync tables (migration 0014; docs/sync.md "Outbox").

- :class:`OutboxRow`: one changed aggregate of one committed write transaction, kept until head
  office acknowledged it (``seq`` gapless and commit-ordered).
- :class:`SyncState`: one row (id 1): the last seq handed out, the acknowledged and pulled
  marks, the last push / pull and the last error, and head office's address once enrolled.
- :class:`DirtyAggregate`: the aggregates the current transaction touched (marked by triggers;
  emptied by the outbox hook before the commit).
- :class:`HqDecision`, :class:`HqConfigBundle`: what ``sync pull`` brought down.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.store.models import Base


class OutboxRow(Base):
    __tablename__ = "sync_outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    aggregate: Mapped[str] = mapped_column(String(32))
    aggregate_id: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    schema_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON (protocol.canonical_json)
    created_at: Mapped[dt.datetime]


class SyncState(Base):
    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer)
    acked_seq: Mapped[int] = mapped_column(Integer)
    pulled_mark: Mapped[int] = mapped_column(Integer)
    last_push_at: Mapped[dt.datetime | None]
    last_pull_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[dt.datetime | None]
    hq_host: Mapped[str | None] = mapped_column(String(255))
    hq_port: Mapped[int | None] = mapped_column(Integer)
    hq_dbname: Mapped[str | None] = mapped_column(String(63))
    enrolled_at: Mapped[dt.datetime | None]


class DirtyAggregate(Base):
    __tablename__ = "sync_dirty"

    aggregate: Mapped[str] = mapped_column(String(32), primary_key=True)
    aggregate_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class HqDecision(Base):
    """A decision made at head office for one of this terminal's requests (pulled)."""

    __tablename__ = "hq_decisions"
    __table_args__ = (Index("ix_hq_decisions_request_id", "request_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    request_id: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    mark: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[dt.datetime]


class HqConfigBundle(Base):
    """A configuration bundle from head office, every version kept (an old receipt reproduces
    from the version it was made with)."""

    __tablename__ = "hq_config_bundles"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    mark: Mapped[int] = mapped_column(Integer)
    files: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[dt.datetime]
    #: the date from which the bundle's rules apply (0015; None: kept before, never in force)
    effective_from: Mapped[dt.date | None] = mapped_column(Date)
