"""The SQLAlchemy engine on an encrypted SQLite file (SQLCipher), and how it begins.

Every connection gives SQLCipher the raw key first, checks it by reading ``sqlite_master`` (a
wrong key fails here, :class:`~counter_app.store.errors.WrongKey`), then sets the pragmas:
WAL journal, foreign keys on, ``synchronous=FULL``, a busy timeout, temp files in memory, a
larger page cache.

Transactions are started by us (pysqlite's implicit transactions are switched off): the unit
of work says whether it only reads (execution option
:data:`~counter_app.store.uow.READ_ONLY_OPTION`), and a write
begins with ``BEGIN IMMEDIATE`` — SQLite's write lock taken at once, so a number's read and
bump are serialised across processes — a read with a deferred ``BEGIN``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import QueuePool

from counter_app.store.sqlite.cipher import key_pragma
from counter_app.store.uow import READ_ONLY_OPTION

#: Milliseconds a writer waits for another process's lock before DatabaseLocked.
BUSY_TIMEOUT_MS = 10_000

PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA temp_store = MEMORY",
    # 32 MB page cache per connection (SQLite's default is 2 MB): keeps the interior pages of
    # the search indexes decrypted in memory (search helper: bench/bench_search.py, 1M rows)
    "PRAGMA cache_size = -32768",
)


def _connector(path: Path, key: bytes, busy_timeout_ms: int) -> Callable[[], Any]:
    statement = key_pragma(key)
    pragmas = tuple(
        f"PRAGMA busy_timeout = {busy_timeout_ms}" if p.startswith("PRAGMA busy_timeout") else p
        for p in PRAGMAS
    )

    def connect() -> Any:
        conn = sqlcipher3.connect(
            str(path),
            timeout=busy_timeout_ms / 1000,
            isolation_level=None,  # we emit BEGIN ourselves (see _begin)
            check_same_thread=False,
        )
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(statement)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            for pragma in pragmas:
                conn.execute(pragma).fetchall()
        except BaseException:
            conn.close()
            raise
        return conn

    return connect


def _begin(conn: Connection) -> None:
    read_only = conn.get_execution_options().get(READ_ONLY_OPTION, False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def build_engine(path: Path, key: bytes, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """A SQLAlchemy engine on the encrypted file (no migration, no key check beyond connect)."""
    engine = create_engine(
        "sqlite://",
        module=sqlcipher3.dbapi2,
        creator=_connector(path, key, busy_timeout_ms),
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        hide_parameters=True,  # an error's text must not carry names, addresses, searches
    )
    event.listen(engine, "begin", _begin)
    return engine
