"""Unit of work: one transaction, rolled back unless ``commit()`` was called.

    with db.unit_of_work() as uow:
        result = register_intake(uow, actor, intake)
        uow.commit()

A write unit of work takes the database's write lock from its first statement (SQLite:
``BEGIN IMMEDIATE``, :mod:`counter_app.store.sqlite.engine`), so number allocation (read
counter, write counter+1) is serialised across processes. A ``read_only=True`` unit of work
begins a read transaction and never commits anything.

Environment failures (locked, disk full, read-only...) surface as StorageError subclasses
(see :mod:`counter_app.store.errors`; the database's engine tells which is which); after any
exception nothing has been written.

This module knows the database only through :class:`DatabaseHandle` (what a unit of work
asks of it), so the arrow runs one way: :mod:`counter_app.store.engine` builds units of work.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from counter_app.errors import InputError, StorageError

#: ``session.info`` key: the error numbering raises instead of handing out a number (or None).
REFUSE_NUMBERS_KEY = "counter_app.refuse_numbers"
#: ``session.info`` key: the numbers handed out in this transaction (``series:branch:year``).
ALLOCATED_KEY = "counter_app.numbers_allocated"
#: ``session.info`` key: the newest audit row appended in this transaction (an object with
#: ``seq`` and ``hash``; set by :func:`counter_app.security.audit.append_audit`).
APPENDED_KEY = "counter_app.audit_appended"
#: Connection execution option: True for a read-only transaction (the engine's ``begin``
#: listener chooses the statement that starts it).
READ_ONLY_OPTION = "counter_read_only"


class DatabaseHandle(Protocol):
    """What a unit of work needs of the opened database (:class:`counter_app.store.engine.
    Database` is the one implementation)."""

    path: Path
    engine: Engine
    training: bool

    def branch_code(self, uow: Any = None) -> str | None: ...

    def remember_branch(self, code: str) -> None: ...

    def numbers_refused(self) -> StorageError | None: ...

    def after_commit(self, seq: int, hash_: str, numbers: dict[str, int] | None = None) -> None: ...

    def translate_error(self, exc: BaseException) -> StorageError | None: ...


class UnitOfWork:
    """A session inside one transaction. Use as a context manager from ``Database``."""

    def __init__(self, database: DatabaseHandle, *, read_only: bool = False) -> None:
        self.database = database
        self.read_only = read_only
        self.session: Session | None = None
        self._committed = False
        self._connection: Connection | None = None

    @property
    def branch_code(self) -> str | None:
        """The branch of this database (None before initialisation)."""
        return self.database.branch_code(self)

    def __enter__(self) -> UnitOfWork:
        try:
            conn = self.database.engine.connect()
            conn.execution_options(**{READ_ONLY_OPTION: self.read_only})
            self._connection = conn
            self.session = Session(bind=conn, expire_on_commit=False, autoflush=True)
            # numbering refuses with this when the database is behind its rollback anchor
            self.session.info[REFUSE_NUMBERS_KEY] = self.database.numbers_refused()
            # start the transaction now, so the write lock is held from the first statement
            self.session.connection()
        except DBAPIError as exc:
            self._close()
            raise self._translate(exc) from exc
        return self

    def commit(self) -> None:
        if self.read_only:
            raise RuntimeError("read-only unit of work cannot commit")
        assert self.session is not None
        try:
            self.session.commit()
        except DBAPIError as exc:
            self._rollback_quietly()
            raise self._translate(exc) from exc
        self._committed = True
        appended = self.session.info.pop(APPENDED_KEY, None)
        numbers = self.session.info.pop(ALLOCATED_KEY, None) or {}
        if appended is not None:  # after the commit: the anchor never runs ahead of the file
            self.database.after_commit(appended.seq, appended.hash, numbers)

    def flush(self) -> None:
        assert self.session is not None
        try:
            self.session.flush()
        except DBAPIError as exc:
            raise self._translate(exc) from exc

    def rollback(self) -> None:
        self._rollback_quietly()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            # a read-only unit of work just closes (the connection's return to the pool rolls
            # back); loaded objects then stay readable, detached
            if not self._committed and not self.read_only:
                self._rollback_quietly()
        finally:
            self._close()
        if isinstance(exc, DBAPIError):
            translated = self.database.translate_error(exc)
            if translated is not None:
                raise translated from exc
        if isinstance(exc, UnicodeEncodeError) and "surrogate" in str(exc.reason):
            # a lone surrogate (argv, JSON "\ud800") cannot be stored or searched (issue 6)
            raise InputError(
                "入力に使えない文字 (壊れた文字コード) が含まれています。",
                hint="その項目を入力し直してください。",
            ) from exc

    # -- internals ---------------------------------------------------------------------
    def _translate(self, exc: DBAPIError) -> BaseException:
        return self.database.translate_error(exc) or exc

    def _rollback_quietly(self) -> None:
        if self.session is None:
            return
        # if the connection is gone, SQLite rolls back on close anyway
        with contextlib.suppress(DBAPIError):
            self.session.rollback()

    def _close(self) -> None:
        if self.session is not None:
            self.session.close()
        if self._connection is not None:
            self._connection.close()
        self.session = None
        self._connection = None
