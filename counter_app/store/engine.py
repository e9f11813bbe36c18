"""Open the encrypted database: SQLCipher key, pragmas, migrations, transactions.

``open_database(folder)`` is the one way in:

1. the key comes from the OS keyring (created on first run; no usable keyring -> refuse), or
   is passed directly (training mode only);
2. every connection gives SQLCipher the raw 256-bit key first, checks it by reading
   ``sqlite_master`` (a wrong key -> :class:`WrongKey`), then sets the pragmas: WAL journal,
   foreign keys on, ``synchronous=FULL``, a busy timeout, temp files in memory;
   before that, an existing file is checked without writing to it (:mod:`.health`): empty,
   damaged pages or a damaged WAL -> :class:`DatabaseEmpty` / :class:`DatabaseDamaged`;
3. the Alembic migrations are applied up to head (a database from a newer program ->
   :class:`DatabaseTooNew`);
4. transactions are started by us: ``BEGIN IMMEDIATE`` for writes, ``BEGIN`` for reads
   (pysqlite's own implicit transactions are switched off), see :mod:`.uow`;
5. a database whose key comes from the OS keyring (a real installation, not training) is
   checked against its rollback anchor (:mod:`counter_app.security.anchor`): when it is behind
   it, no number is handed out; after every commit that appended audit rows the anchor moves.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool

from counter_app.errors import StorageError
from counter_app.security.anchor import AnchorPoint, AnchorState, load_anchor_state
from counter_app.security.keys import key_pragma, load_key
from counter_app.store.errors import (
    AlreadyInitialised,
    CannotOpen,
    DatabaseEmpty,
    KeyMissing,
    NotInitialised,
    ReadOnlyStorage,
    translate_db_error,
)
from counter_app.store.health import check_database_file
from counter_app.store.location import database_path
from counter_app.store.uow import UnitOfWork

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


def _begin(conn: Any) -> None:
    conn.exec_driver_sql(conn.get_execution_options().get("counter_begin", "BEGIN IMMEDIATE"))


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


class Database:
    """An opened counter database: hands out units of work."""

    def __init__(
        self, path: Path, engine: Engine, *, training: bool = False, key: bytes | None = None
    ) -> None:
        self.path = path
        self.engine = engine
        self.training = training
        # The engine's connector holds the key anyway; keeping it here lets a backup be keyed
        # like the database even when it did not come from the keyring (training mode).
        self._key = key
        self._branch_code: str | None = None
        self._lock = threading.Lock()
        #: the rollback anchor of a real installation (None: training, tests, inspection)
        self.anchor: AnchorState | None = None

    @property
    def folder(self) -> Path:
        return self.path.parent

    def encryption_key(self) -> bytes | None:
        """The key this database was opened with (for an equally encrypted backup)."""
        return self._key

    def unit_of_work(self, *, read_only: bool = False) -> UnitOfWork:
        return UnitOfWork(self, read_only=read_only)

    def numbers_refused(self) -> StorageError | None:
        """Why no number may be handed out now (the database is behind its anchor), or None."""
        return self.anchor.problem if self.anchor is not None else None

    def after_commit(self, seq: int, hash_: str, numbers: dict[str, int] | None = None) -> None:
        """A transaction that appended audit rows up to ``seq`` (and handed out ``numbers``,
        ``series:branch:year`` -> number) has committed: the anchor follows."""
        if self.anchor is not None:
            self.anchor.advance(seq, hash_, numbers)

    def reset_anchor(self) -> AnchorPoint | None:
        """Anchor the database as it is now (audited restore or acceptance); the new anchor."""
        if self.anchor is None:
            return None
        with self.engine.connect() as conn:
            point = self.anchor.reset(conn.connection.driver_connection)
            conn.rollback()
        return point

    def branch_code(self, uow: UnitOfWork | None = None) -> str | None:
        """The code of the branch this database belongs to (None before initialisation)."""
        if self._branch_code is None:
            from counter_app.store.models import Branch

            if uow is not None and uow.session is not None:
                self._branch_code = uow.session.scalar(select(Branch.code).limit(1))
            else:
                with self.unit_of_work(read_only=True) as other:
                    assert other.session is not None
                    self._branch_code = other.session.scalar(select(Branch.code).limit(1))
        return self._branch_code

    def close(self) -> None:
        if self.anchor is not None:
            self.anchor.flush()  # the command ends once its anchor is in the keyring
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(
    folder: Path | str,
    *,
    key: bytes | None = None,
    keyring_required: bool = True,
    create: bool = True,
    must_be_new: bool = False,
    training: bool = False,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    anchored: bool | None = None,
) -> Database:
    """Open (and migrate) the database in ``folder``.

    ``key``: use this key instead of the keyring (training / tests). With ``key=None`` the
    key comes from the OS keyring, unless ``keyring_required=False``, in which case a
    throwaway random key is made (a database nobody can reopen: training mode).
    ``create=False``: refuse if the database does not exist yet (every command but init).
    ``must_be_new=True``: refuse if it already exists (init).
    ``busy_timeout_ms``: how long a write waits for another process's lock.
    ``anchored``: check and advance the rollback anchor in the OS keyring; by default only
    when the key came from the keyring (training and a key passed in are not anchored).
    """
    folder = Path(folder)
    path = database_path(folder)
    exists = path.exists()
    if exists and path.is_file() and path.stat().st_size == 0:
        raise DatabaseEmpty(str(path))  # SQLite would build a new, empty database in it
    if exists and must_be_new:
        raise AlreadyInitialised(str(path))
    if not exists and not create:
        raise NotInitialised(str(path))
    if anchored is None:
        anchored = key is None and keyring_required and not training
    if key is None:
        if keyring_required:
            key = load_key(create=not exists)
            if key is None:
                raise KeyMissing(str(path))
        else:
            from counter_app.security.keys import new_key

            key = new_key()
    if not exists:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except PermissionError:
            raise ReadOnlyStorage(str(folder)) from None
        except OSError as exc:
            raise CannotOpen(str(path), exc.strerror or "") from None
        if not os.access(folder, os.W_OK):
            raise ReadOnlyStorage(str(folder))
    else:
        # damaged (or empty, or another key): refused before a connection could write to it
        check_database_file(path, key)
    if exists and not (os.access(folder, os.W_OK) and os.access(path, os.W_OK)):
        # WAL needs to write beside the file even to read: say "read-only", not "cannot open".
        raise ReadOnlyStorage(str(folder))
    engine = build_engine(path, key, busy_timeout_ms=busy_timeout_ms)
    database = Database(path, engine, training=training, key=key)
    try:
        from counter_app.store.migrate import upgrade_to_head

        upgrade_to_head(engine)
    except DBAPIError as exc:
        engine.dispose()
        translated = translate_db_error(exc, str(path))
        if translated is None:
            raise
        raise translated from exc
    except StorageError:
        engine.dispose()
        raise
    if anchored:
        try:
            with engine.connect() as conn:
                database.anchor = load_anchor_state(conn.connection.driver_connection, folder)
                conn.rollback()
        except DBAPIError as exc:
            engine.dispose()
            raise translate_db_error(exc, str(path)) or exc from exc
        except BaseException:
            engine.dispose()
            raise
    return database
