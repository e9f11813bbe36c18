"""What the backup modules share: a keyed connection to a database file, its SHA-256, fsync,
the database key, and the Japanese error for a failed file operation."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
from pathlib import Path
from typing import Any

import sqlcipher3

from counter_app.errors import DiskFull, StorageError
from counter_app.security.keys import load_key
from counter_app.store.engine import Database
from counter_app.store.errors import KeyMissing, ReadOnlyStorage
from counter_app.store.location import database_path
from counter_app.store.sqlite.cipher import key_pragma


class BackupFailed(StorageError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"バックアップを作成できませんでした: {detail}",
            hint="データベースはそのままです。保存先の空き容量と書き込み権限を確認してください。",
        )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def connect(path: Path, key: bytes) -> Any:
    """A plain sqlcipher3 connection to ``path`` keyed with ``key`` (autocommit)."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(key_pragma(key))
    return conn


def database_key(folder: Path, key: bytes | None) -> bytes:
    """``key`` if given, else the one in the OS keyring (KeyMissing when there is none)."""
    if key is not None:
        return key
    loaded = load_key(create=False)
    if loaded is None:
        raise KeyMissing(str(database_path(folder)))
    return loaded


def key_of(db: Database) -> bytes:
    """The key the open database was opened with (else the one in the OS keyring)."""
    return database_key(db.folder, db.encryption_key())


def os_failure(exc: OSError, where: Path) -> StorageError:
    """The Japanese error for a file operation on ``where`` that failed with ``exc``."""
    if exc.errno == errno.ENOSPC:
        return DiskFull()
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyStorage(str(where))
    return BackupFailed(exc.strerror or type(exc).__name__)
