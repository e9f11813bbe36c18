"""Making deleted content really gone from a SQLite file (the retention purge).

SQLite leaves a deleted row's bytes in free pages, and older page images in the WAL, until
they are reused: :func:`overwrite_deleted` makes the transaction zero what it frees
(``secure_delete``), :func:`checkpoint_wal` copies the WAL into the file and truncates it.
PostgreSQL has no equivalent per transaction (a purge there relies on ``VACUUM``).
"""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session


def overwrite_deleted(session: Session) -> None:
    """From now on in ``session``'s connection, freed content is overwritten with zeros."""
    session.connection().exec_driver_sql("PRAGMA secure_delete = ON")


def checkpoint_wal(engine: Engine) -> None:
    """Checkpoint the WAL into the file and truncate it, so old page images are gone."""
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert driver is not None  # a pooled connection always has its DB-API connection
        driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        raw.close()
