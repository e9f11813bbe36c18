"""Which SQLite failure is which storage error.

SQLite reports very different situations through the same few exception classes (and a
``sqlite_errorname`` on the error): :func:`translate_db_error` turns those the person at the
counter can act on into the :class:`~counter_app.errors.StorageError` subclasses of
:mod:`counter_app.store.errors`, and leaves everything else a bug. A PostgreSQL engine would
answer the same question from the error's SQLSTATE instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from counter_app.errors import DiskFull, StorageError
from counter_app.store.errors import (
    CannotOpen,
    DatabaseDamaged,
    DatabaseLocked,
    DiskIOError,
    ReadOnlyStorage,
    WrongKey,
)


def translate_db_error(exc: BaseException, path: str = "") -> StorageError | None:
    """The StorageError for an environment failure, or None if ``exc`` looks like a bug.

    Accepts a SQLAlchemy DBAPIError (``.orig`` is inspected) or a raw sqlite3/sqlcipher3
    error. Only OperationalError/DatabaseError-shaped failures are translated; integrity and
    programming errors stay bugs.
    """
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorname", None) or ""
    text = str(orig).lower()
    name = type(orig).__name__
    if name in ("IntegrityError", "ProgrammingError", "InterfaceError"):
        return None
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return DatabaseLocked()
    if code == "SQLITE_FULL" or "database or disk is full" in text:
        return DiskFull()
    if code.startswith("SQLITE_READONLY") or "readonly database" in text:
        return ReadOnlyStorage(path)
    if code.startswith("SQLITE_CORRUPT") or "database disk image is malformed" in text:
        return DatabaseDamaged(path, "ページの内容が正しくありません")
    if code == "SQLITE_NOTADB" or "file is not a database" in text:
        return WrongKey(path)
    if code.startswith("SQLITE_CANTOPEN") or "unable to open database" in text:
        return CannotOpen(path)
    if code.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return DiskFull() if disk_nearly_full(path) else DiskIOError()
    return None


#: Free space under which an I/O error is taken for a full disk. SQLite reports a write that
#: finds no room as SQLITE_FULL, but growing the shared-memory index (32 KB steps), truncating
#: or syncing on a full disk come back as SQLITE_IOERR_SHMSIZE / _TRUNCATE / _FSYNC (plain
#: "disk I/O error" to Python): with less than this left, the disk is full, not failing.
NEARLY_FULL_BYTES = 1024 * 1024


def disk_nearly_full(path: str | os.PathLike[str]) -> bool:
    """True if the file system holding ``path`` (or its nearest existing folder) has less
    than :data:`NEARLY_FULL_BYTES` free for this user."""
    if not os.fspath(path):
        return False
    folder = Path(path)
    for candidate in (folder, *folder.parents):
        try:
            return shutil.disk_usage(candidate).free < NEARLY_FULL_BYTES
        except (OSError, ValueError):
            continue
    return False
