"""Who may restore, and against which staff table the 管理者 signs in (issue 9 item 2a).

The authority is the **current** database: the 管理者 signs in there through
:func:`counter_app.services.sign_in.authenticate`, like every other command (lockout, audit
``auth.login`` / ``auth.login_failed`` with context ``restore`` in the current database). A
backup's own staff table is never trusted while the current database can be read: a person
who made a second data folder with their own 管理者 cannot vouch for themselves that way.

Only when the current database cannot be read at all (no database file, unreadable with the
key, damaged) is there no other authority: the 管理者 is then checked against the backup
being restored (the same ``authenticate`` on a throwaway copy; nothing there can keep a
lockout), and the restore's audit row says so (``signed_in_against: "backup"``). That a
backup comes from this installation is checked separately (item 2b), before anything is
replaced.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from counter_app.errors import DiskFull, PermissionDenied, StorageError
from counter_app.security.keys import load_key
from counter_app.security.roles import Actor, Role
from counter_app.services.backup.verify import verify_backup
from counter_app.services.database import open_database
from counter_app.services.sign_in import Purpose, authenticate
from counter_app.store.engine import Database
from counter_app.store.errors import (
    DatabaseLocked,
    DatabaseTooNew,
    KeyMissing,
    KeyringUnavailable,
    ReadOnlyStorage,
)
from counter_app.store.location import DATABASE_FILE
from counter_app.store.sqlite.engine import build_engine

#: Failures to open the current database that are about this PC, not the file: they are
#: reported as they are, never a reason to trust a backup's staff instead.
NOT_A_DAMAGED_DATABASE: tuple[type[StorageError], ...] = (
    DatabaseLocked,
    DatabaseTooNew,
    DiskFull,
    KeyMissing,
    KeyringUnavailable,
    ReadOnlyStorage,
)

CURRENT = "current"
BACKUP = "backup"


@dataclass(frozen=True)
class RestoreAdmin:
    """The signed-in 管理者 and where they were checked (``current`` or ``backup``)."""

    actor: Actor
    signed_in_against: str


def _require_admin(actor: Actor) -> Actor:
    if actor.role is not Role.ADMIN:
        raise PermissionDenied(
            "復元は管理者が行います。", hint="管理者のアカウントで実行してください。"
        )
    return actor


def sign_in_for_restore(
    data_folder: Path, backup: Path, username: str, password: str, *, key: bytes | None = None
) -> RestoreAdmin:
    """Sign the 管理者 in for a restore (or its check) of ``backup`` into ``data_folder``.

    Against the current database when it can be opened; against ``backup`` only when it
    cannot (see the module's docstring). Refuses as every sign-in does (LoginFailed, one
    sentence for every cause), and with PermissionDenied for a role other than 管理者.
    """
    try:
        db = open_database(data_folder, key=key, create=False)
    except NOT_A_DAMAGED_DATABASE:
        raise
    except StorageError:
        return RestoreAdmin(_sign_in_on_backup(backup, username, password, key), BACKUP)
    try:
        actor = authenticate(db, username, password, purpose=Purpose.RESTORE)
    except NOT_A_DAMAGED_DATABASE:
        raise
    except StorageError:  # opened, but damaged where the sign-in reads or writes
        actor = None
    finally:
        db.close()
    if actor is None:
        return RestoreAdmin(_sign_in_on_backup(backup, username, password, key), BACKUP)
    return RestoreAdmin(_require_admin(actor), CURRENT)


def _sign_in_on_backup(backup: Path, username: str, password: str, key: bytes | None) -> Actor:
    """The same sign-in, on a throwaway copy of the backup (the file stays untouched), once
    the backup has passed its own checks."""
    key = key if key is not None else load_key(create=False)
    if key is None:
        raise KeyMissing(str(backup))
    verify_backup(backup, key=key)
    with tempfile.TemporaryDirectory(prefix="counter-restore-") as tmp:
        copy = Path(tmp) / DATABASE_FILE
        shutil.copyfile(backup, copy)
        engine = build_engine(copy, key)
        try:
            actor = authenticate(
                Database(copy, engine, key=key), username, password, purpose=Purpose.RESTORE
            )
        finally:
            engine.dispose()
    return _require_admin(actor)


__all__ = ["BACKUP", "CURRENT", "RestoreAdmin", "sign_in_for_restore"]
