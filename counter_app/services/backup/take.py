"""Making a backup: on demand (``counter-app backup``) and right after a day is closed.

:func:`take_backup` writes ``<file>.partial`` with SQLite's online backup API, checks it
(opens with the key, ``PRAGMA integrity_check``, audit chain, counts), writes its manifest,
renames both into place, keeps the newest ``[backup] keep`` backups (security.toml) and
records ``backup.create``. A failure removes the half-written files and leaves the live
database as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from counter_app.config.security import security_settings
from counter_app.errors import InputError
from counter_app.security.roles import Actor
from counter_app.services.backup.files import (
    BackupFailed,
    connect,
    file_sha256,
    fsync_dir,
    fsync_file,
    key_of,
    os_failure,
)
from counter_app.services.backup.folder import backup_folder, new_backup_name, prune_backups
from counter_app.services.backup.manifest import write_manifest
from counter_app.services.backup.verify import backup_installation, inspect_backup_file
from counter_app.services.trail import record
from counter_app.store.engine import Database
from counter_app.store.location import DATABASE_FILE
from counter_app.store.sqlite.errors import translate_db_error

REASONS = ("manual", "day-close", "before-restore", "before-purge")
#: A ``.partial`` file older than this was left by a backup that was cut off (power cut).
STALE_PARTIAL_SECONDS = 600


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    manifest_path: Path
    sha256: str
    size: int
    reason: str
    taken_at: dt.datetime
    counts: dict[str, int]
    audit_seq: int
    audit_hash: str
    removed: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "manifest": str(self.manifest_path),
            "sha256": self.sha256,
            "size": self.size,
            "reason": self.reason,
            "taken_at": self.taken_at.isoformat(),
            "counts": self.counts,
            "audit_seq": self.audit_seq,
            "audit_hash": self.audit_hash,
            "removed": list(self.removed),
        }


def take_backup(
    db: Database,
    actor: Actor | None,
    *,
    reason: str = "manual",
    key: bytes | None = None,
    folder: Path | None = None,
    keep: int | None = None,
    at: dt.datetime | None = None,
) -> BackupInfo:
    """Copy the live database into an encrypted backup, check it, prune old ones, audit it."""
    if reason not in REASONS:
        raise InputError(f"バックアップの理由「{reason}」は使えません。")
    at = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    key = key if key is not None else key_of(db)
    folder = Path(folder) if folder is not None else backup_folder(db.folder)
    keep = keep if keep is not None else security_settings().backups_kept
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_failure(exc, folder) from None
    _remove_stale_partials(folder)
    info = _write_checked_copy(
        db, new_backup_name(folder, at, reason), key=key, reason=reason, at=at
    )
    removed = prune_backups(folder, keep)
    _audit(
        db,
        actor,
        "backup.create",
        at,
        {
            "file": info.path.name,
            "sha256": info.sha256,
            "reason": reason,
            "audit_seq": info.audit_seq,
            "removed": removed,
        },
    )
    return dataclasses.replace(info, removed=tuple(removed))


def _write_checked_copy(
    db: Database, target: Path, *, key: bytes, reason: str, at: dt.datetime
) -> BackupInfo:
    """Copy the live database into ``target``.partial, check the copy, write its manifest and
    rename both into place; on any failure the half-written files are removed."""
    folder = target.parent
    partial = target.with_name(target.name + ".partial")
    try:
        dest = connect(partial, key)
        try:
            with db.engine.connect() as conn:
                source = conn.connection.driver_connection
                assert source is not None  # an open connection has its driver's
                source.backup(dest)
                conn.rollback()
        finally:
            dest.close()
        fsync_file(partial)
        counts, seq, hash_ = inspect_backup_file(partial, key)
        installation = backup_installation(partial, key)
        digest = file_sha256(partial)
        size = partial.stat().st_size
        manifest = {
            "installation_id": installation,
            "file": target.name,
            "sha256": digest,
            "size": size,
            "reason": reason,
            "taken_at": at.isoformat(),
            "database": DATABASE_FILE,
            "counts": counts,
            "audit_seq": seq,
            "audit_hash": hash_,
        }
        manifest_partial = target.with_suffix(".json.partial")
        write_manifest(manifest_partial, manifest, key)
        os.replace(partial, target)
        os.replace(manifest_partial, target.with_suffix(".json"))
        fsync_dir(folder)
    except sqlcipher3.DatabaseError as exc:
        _cleanup(partial, target)
        raise translate_db_error(exc, str(partial)) or BackupFailed(str(exc)) from None
    except OSError as exc:
        _cleanup(partial, target)
        raise os_failure(exc, folder) from None
    except BaseException:
        _cleanup(partial, target)
        raise
    return BackupInfo(
        target, target.with_suffix(".json"), digest, size, reason, at, counts, seq, hash_
    )


def backup_after_day_close(
    db: Database, actor: Actor, *, at: dt.datetime | None = None
) -> BackupInfo:
    """The automatic backup taken right after a day has been closed."""
    return take_backup(db, actor, reason="day-close", at=at)


def _remove_stale_partials(folder: Path) -> None:
    for path in folder.glob("*.partial"):
        with contextlib.suppress(OSError):
            if time.time() - path.stat().st_mtime > STALE_PARTIAL_SECONDS:
                path.unlink()


def _cleanup(partial: Path, target: Path) -> None:
    for path in (partial, target.with_suffix(".json.partial")):
        with contextlib.suppress(OSError):
            path.unlink()


def _audit(
    db: Database, actor: Actor | None, action: str, at: dt.datetime, detail: dict[str, Any]
) -> None:
    with db.unit_of_work() as uow:
        record(
            uow,
            actor,
            action,
            at=at,
            branch_code=(actor.branch_code if actor else None) or uow.branch_code or "",
            detail=detail,
        )
        uow.commit()
