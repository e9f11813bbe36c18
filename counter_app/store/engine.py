"""Open the encrypted database: key, file checks, migrations, units of work.

``open_database(folder, key=...)`` is the store's one way in; the caller says where the key
comes from and whether the database is anchored (the services do:
:func:`counter_app.services.database.open_database` takes the key from the OS keyring and
checks the rollback anchor of :mod:`counter_app.security.anchor`). The store itself imports
nothing of the security layer:

1. ``key`` is the key itself, or a :class:`KeySource` asked for it once the file's existence
   is known (``create=True`` on first run: a new key is made and kept); no key ->
   :class:`KeyMissing`;
2. an existing file is checked without writing to it (:mod:`.sqlite.health`): empty, damaged
   pages or a damaged WAL -> :class:`DatabaseEmpty` / :class:`DatabaseDamaged`; every
   connection gives SQLCipher the key first, then the pragmas (:mod:`.sqlite.engine`);
3. the Alembic migrations are applied up to head (a database from a newer program ->
   :class:`DatabaseTooNew`);
4. units of work (:mod:`.uow`) are one transaction each; a write one holds the write lock from
   its first statement;
5. with an ``anchor`` loader, the database is checked against its rollback anchor right after
   the migrations: when it is behind it, no number is handed out
   (:meth:`Database.numbers_refused`); after every commit that appended audit rows the anchor
   moves (:meth:`Database.after_commit`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from counter_app.errors import StorageError
from counter_app.store.errors import (
    AlreadyInitialised,
    CannotOpen,
    DatabaseEmpty,
    KeyMissing,
    NotInitialised,
    ReadOnlyStorage,
)
from counter_app.store.location import database_path
from counter_app.store.sqlite.engine import BUSY_TIMEOUT_MS, build_engine
from counter_app.store.sqlite.errors import translate_db_error
from counter_app.store.sqlite.health import check_database_file
from counter_app.store.uow import UnitOfWork


class KeySource(Protocol):
    """Where the key of a database comes from (:func:`counter_app.security.keys.load_key`):
    the key, or None when there is none and ``create`` is false."""

    def __call__(self, *, create: bool) -> bytes | None: ...


class RollbackAnchor(Protocol):
    """What the store asks of a database's rollback anchor
    (:class:`counter_app.security.anchor.AnchorState` is the one implementation)."""

    @property
    def problem(self) -> StorageError | None: ...

    def advance(self, seq: int, hash_: str, numbers: dict[str, int] | None = None) -> None: ...

    def reset(self, conn: Any) -> object: ...

    def flush(self, timeout: float = 30.0) -> bool: ...


#: Checks an opened database (a DB-API connection to it, its data folder) against its anchor.
AnchorLoader = Callable[[Any, Path], RollbackAnchor | None]


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
        #: the rollback anchor of a real installation (None: training, tests, inspection): a
        #: :class:`RollbackAnchor`, typed Any so that the services read the security layer's
        #: ``AnchorState`` (its point, its highest numbers) as what it is
        self.anchor: Any = None

    @property
    def folder(self) -> Path:
        return self.path.parent

    def encryption_key(self) -> bytes | None:
        """The key this database was opened with (for an equally encrypted backup)."""
        return self._key

    def unit_of_work(self, *, read_only: bool = False) -> UnitOfWork:
        return UnitOfWork(self, read_only=read_only)

    def translate_error(self, exc: BaseException) -> StorageError | None:
        """The storage error ``exc`` (an engine failure) stands for, or None for a bug."""
        return translate_db_error(exc, str(self.path))

    def numbers_refused(self) -> StorageError | None:
        """Why no number may be handed out now (the database is behind its anchor), or None."""
        return self.anchor.problem if self.anchor is not None else None

    def after_commit(self, seq: int, hash_: str, numbers: dict[str, int] | None = None) -> None:
        """A transaction that appended audit rows up to ``seq`` (and handed out ``numbers``,
        ``series:branch:year`` -> number) has committed: the anchor follows."""
        if self.anchor is not None:
            self.anchor.advance(seq, hash_, numbers)

    def reset_anchor(self) -> Any:
        """Anchor the database as it is now (audited restore or acceptance); the new anchor
        point (None when the database is not anchored)."""
        if self.anchor is None:
            return None
        with self.engine.connect() as conn:
            point = self.anchor.reset(conn.connection.driver_connection)
            conn.rollback()
        return point

    def remember_branch(self, code: str) -> None:
        """The branch this database now belongs to (its initialisation just stored it)."""
        self._branch_code = code

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
    key: bytes | KeySource,
    create: bool = True,
    must_be_new: bool = False,
    training: bool = False,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    anchor: AnchorLoader | None = None,
) -> Database:
    """Open (and migrate) the database in ``folder``.

    ``key``: the key, or a :class:`KeySource` asked for it (``create=True`` when the file does
    not exist yet) after the checks below, so that a refused open never makes a key.
    ``create=False``: refuse if the database does not exist yet (every command but init).
    ``must_be_new=True``: refuse if it already exists (init).
    ``training``: a throwaway database (training mode); kept on the handle.
    ``busy_timeout_ms``: how long a write waits for another process's lock.
    ``anchor``: check the opened database against its rollback anchor (see the module).
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
    if not isinstance(key, bytes):
        found = key(create=not exists)
        if found is None:
            raise KeyMissing(str(path))
        key = found
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
    if anchor is not None:
        try:
            with engine.connect() as conn:
                database.anchor = anchor(conn.connection.driver_connection, folder)
                conn.rollback()
        except DBAPIError as exc:
            engine.dispose()
            raise translate_db_error(exc, str(path)) or exc from exc
        except BaseException:
            engine.dispose()
            raise
    return database
