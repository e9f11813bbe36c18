"""Putting a backup in place of the database and proving it matches.

:func:`restore_backup` checks the backup against its manifest, refuses a backup of another
installation (unless ``from_other_installation``: the audited migration path), moves the
current database aside (never deletes it), puts the copy in place, reopens it and checks that
it matches the backup (file hash, row counts, audit head), then records the restore and resets
the rollback anchor to the restored state (:mod:`counter_app.security.anchor`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from counter_app.errors import StorageError
from counter_app.security.anchor import load_anchor_state
from counter_app.services.backup.files import (
    connect,
    database_key,
    file_sha256,
    fsync_dir,
    fsync_file,
    os_failure,
)
from counter_app.services.backup.manifest import BackupInvalid
from counter_app.services.backup.verify import snapshot, verify_backup
from counter_app.store.engine import open_database
from counter_app.store.errors import DatabaseDamaged, DatabaseLocked, WrongKey
from counter_app.store.installation import installation_id_of
from counter_app.store.location import DATABASE_FILE, database_path
from counter_app.store.sqlite.errors import translate_db_error


class OtherInstallation(StorageError):
    """The backup was made from another installation's database."""

    def __init__(self, path: Path, backup_id: str | None, current_id: str) -> None:
        super().__init__(
            f"バックアップ {path.name} は、この設置のデータベースのものではありません "
            f"(バックアップの設置ID {backup_id or '不明'}、この設置 {current_id})。"
            "別の設置のデータで今のデータベースを置き換えることになるため、復元しません。",
            hint=(
                "この設置のバックアップを指定してください。別の端末からのデータ移行が目的の"
                "場合に限り、管理者が --from-other-installation を付けて実行します "
                "(移行したことが操作記録に残ります)。"
            ),
        )
        self.backup_id = backup_id
        self.current_id = current_id


class RestoreMismatch(StorageError):
    def __init__(self, detail: str, kept: Path) -> None:
        super().__init__(
            f"復元したデータベースがバックアップと一致しません: {detail}",
            hint=f"元のデータベースは {kept} に残してあります。管理者に連絡してください。",
        )


@dataclass(frozen=True)
class RestoreReport:
    backup: Path
    restored_to: Path
    previous_kept_in: Path | None
    sha256: str
    counts: dict[str, int]
    audit_seq: int
    audit_hash: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "backup": str(self.backup),
            "restored_to": str(self.restored_to),
            "previous_kept_in": str(self.previous_kept_in) if self.previous_kept_in else None,
            "sha256": self.sha256,
            "counts": self.counts,
            "audit_seq": self.audit_seq,
            "audit_hash": self.audit_hash,
        }


def current_installation(data_folder: Path, key: bytes) -> str | None:
    """The installation id of the data folder: its database's, or — when that cannot be read
    (damaged, replaced by noise) — the one the OS keyring has bound to the folder."""
    from counter_app.security.anchor import folder_entry
    from counter_app.security.keys import read_entry
    from counter_app.store.sqlite.health import read_only_connection

    live = database_path(data_folder)
    if live.exists():
        try:  # read-only: a damaged WAL must stay as it is (restore keeps it whole)
            wal = live.with_name(live.name + "-wal")
            conn = read_only_connection(live, key, read_wal=wal.exists())
            try:
                ident = installation_id_of(conn)
            finally:
                conn.close()
            if ident:
                return ident
        except sqlcipher3.DatabaseError:
            pass
    return read_entry(folder_entry(data_folder))


#: Why a restore did not start: the live database is in use (nothing was changed).
RESTORE_BUSY = (
    "データベースが他の画面やコマンドで使用中のため、復元を始められませんでした。"
    "今のデータベースはそのままです。"
)
#: Windows: the database file is open in another program, so it cannot be replaced.
RESTORE_FILE_OPEN = (
    "データベースのファイルが他の画面やプログラムで開かれているため、置き換えられませんでした。"
    "カウンターアプリの画面とほかに起動しているカウンターアプリをすべて閉じてから、"
    "もう一度復元してください。今のデータベースはそのままです。"
)
#: Windows errors for a file that another handle keeps open: access denied, sharing violation.
FILE_OPEN_ELSEWHERE_WINERRORS = (5, 32)


def _replace_live(staging: Path, live: Path, companions: list[Path]) -> None:
    """Remove the old database's empty WAL leftovers, then rename ``staging`` over ``live``.

    On Windows a file open in another program (the window, a second copy of the program, an
    antivirus scan) can be neither deleted nor renamed over: that is said as such, not as a
    read-only folder (the staging copy was just written next to it, so the folder is
    writable). The live database is then untouched.
    """
    try:
        for path in companions:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        os.replace(staging, live)
    except PermissionError as exc:
        if getattr(exc, "winerror", None) in FILE_OPEN_ELSEWHERE_WINERRORS:
            raise DatabaseLocked(RESTORE_FILE_OPEN) from None
        raise


def _ensure_quiet(folder: Path, key: bytes) -> bool:
    """Refuse if another process is writing or reading the live database right now.

    True when the live database is damaged, empty or unreadable: it is then left exactly as
    it is (no checkpoint: a damaged WAL would be dropped) and kept aside whole by the restore.
    """
    from counter_app.store.errors import DatabaseEmpty
    from counter_app.store.sqlite.health import check_database_file

    path = database_path(folder)
    if not path.exists():
        return False
    try:
        check_database_file(path, key)
    except (DatabaseDamaged, DatabaseEmpty, WrongKey):
        return True
    except DatabaseLocked:
        raise DatabaseLocked(RESTORE_BUSY) from None
    conn = connect(path, key)
    try:
        conn.execute("PRAGMA busy_timeout = 2000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise DatabaseLocked(RESTORE_BUSY)
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
    except sqlcipher3.DatabaseError as exc:
        translated = translate_db_error(exc, str(path))
        if isinstance(translated, WrongKey):
            return True  # the current file is unreadable anyway: replacing it is the point
        if isinstance(translated, DatabaseLocked):
            raise DatabaseLocked(RESTORE_BUSY) from None
        raise translated or exc from None
    finally:
        conn.close()
    return False


def check_installation(
    data_folder: Path,
    backup: Path,
    manifest: dict[str, Any],
    *,
    key: bytes,
    from_other_installation: bool = False,
) -> str | None:
    """Refuse a backup of another installation (unless on purpose); the current id.

    ``manifest`` is :func:`verify_backup`'s (its installation id read from the backup's own
    database). A data folder with no installation yet (no database, no keyring binding) takes
    any backup.
    """
    current = current_installation(data_folder, key)
    theirs = manifest.get("installation_id")
    if current is not None and theirs != current and not from_other_installation:
        raise OtherInstallation(Path(backup), theirs, current)
    return current


def restore_backup(
    data_folder: Path,
    backup: Path,
    *,
    actor_id: str | None = None,
    signed_in_against: str = "current",
    key: bytes | None = None,
    at: dt.datetime | None = None,
    from_other_installation: bool = False,
) -> RestoreReport:
    """Put ``backup`` in place of the database of ``data_folder`` and prove it matches.

    No database of that folder may be open in this or another process. A copy of the current
    database is kept in ``replaced-<time>/`` of the data folder first; the backup is copied
    next to the database and renamed over it in one step, so a power cut at any moment leaves
    either the old database or the restored one in place (never none, never a mix).

    A backup of another installation is refused (:class:`OtherInstallation`) unless
    ``from_other_installation`` is given: the migration path, recorded as such in the restore's
    audit row. Afterwards the rollback anchor is reset to the restored database, with the
    anchor it replaces in the same audit row.

    ``actor_id`` is the 管理者 signed in by :mod:`counter_app.services.restore_sign_in`,
    ``signed_in_against`` where (``current`` database or, when it could not be read, the
    ``backup``); both go into the ``backup.restore`` audit row.
    """
    data_folder = Path(data_folder)
    backup = Path(backup)
    at = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    key = database_key(data_folder, key)
    manifest = verify_backup(backup, key=key, data_folder=data_folder)
    current_id = check_installation(
        data_folder, backup, manifest, key=key, from_other_installation=from_other_installation
    )
    try:
        data_folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_failure(exc, data_folder) from None
    damaged = _ensure_quiet(data_folder, key)  # checkpoints: the old WAL is empty or gone
    kept = _put_in_place(data_folder, backup, manifest, at=at, damaged=damaged)
    counts, seq, hash_ = _prove_and_record(
        data_folder,
        backup,
        manifest,
        kept,
        key=key,
        at=at,
        actor_id=actor_id,
        signed_in_against=signed_in_against,
        current_id=current_id,
    )
    live = database_path(data_folder)
    return RestoreReport(backup, live, kept, manifest["sha256"], counts, seq, hash_)


def _keep_current(live: Path, companions: list[Path], kept: Path) -> bool:
    """Copy the current database and its WAL files into ``kept``; True if it was made now."""
    made = not kept.exists()
    kept.mkdir(exist_ok=True)
    for path in (live, *companions):
        if path.exists():
            shutil.copyfile(path, kept / path.name)
            fsync_file(kept / path.name)
    fsync_dir(kept)
    return made


def _put_in_place(
    data_folder: Path, backup: Path, manifest: dict[str, Any], *, at: dt.datetime, damaged: bool
) -> Path | None:
    """Keep a copy of the current database in ``replaced-<time>/``, copy the backup next to it
    and rename it over the database in one step; the folder the copy was kept in."""
    live = database_path(data_folder)
    kept: Path | None = None
    made_kept = False
    staging = data_folder / (DATABASE_FILE + ".restoring")
    companions = [live.with_name(live.name + suffix) for suffix in ("-wal", "-shm")]
    try:
        if live.exists():
            kept = data_folder / f"replaced-{at.strftime('%Y%m%d-%H%M%S')}"
            made_kept = _keep_current(live, companions, kept)
        shutil.copyfile(backup, staging)
        fsync_file(staging)
        if file_sha256(staging) != manifest["sha256"]:
            raise BackupInvalid(backup, "コピーした内容が控えと一致しません。")
        wal = companions[0]
        if wal.exists() and wal.stat().st_size > 0 and not damaged:
            raise DatabaseLocked(RESTORE_BUSY)  # someone wrote since the checkpoint: try later
        _replace_live(staging, live, companions)  # the one step
        fsync_dir(data_folder)
    except (OSError, DatabaseLocked) as exc:
        with contextlib.suppress(OSError):
            staging.unlink()
        if isinstance(exc, DatabaseLocked):
            if kept is not None and made_kept:  # nothing was replaced: no copy to keep
                shutil.rmtree(kept, ignore_errors=True)
            raise
        raise os_failure(exc, data_folder) from None
    return kept


def _prove_and_record(
    data_folder: Path,
    backup: Path,
    manifest: dict[str, Any],
    kept: Path | None,
    *,
    key: bytes,
    at: dt.datetime,
    actor_id: str | None,
    signed_in_against: str,
    current_id: str | None,
) -> tuple[dict[str, int], int, str]:
    """Check that the database in place is the backup (file hash, row counts, audit head),
    raise the number counters above the anchor's, record ``backup.restore`` and reset the
    rollback anchor; the restored database's snapshot."""
    live = database_path(data_folder)
    if file_sha256(live) != manifest["sha256"]:
        raise RestoreMismatch("ファイルの SHA-256 が違います。", kept or data_folder)
    db = open_database(data_folder, key=key, create=False, anchor=load_anchor_state)
    try:
        with db.engine.connect() as conn:
            raw = conn.connection.driver_connection
            counts, seq, hash_ = snapshot(raw)
            conn.rollback()
        expected = dict(manifest["counts"])
        # migrations of a newer program may add tables: compare the tables the backup had
        if {t: counts.get(t) for t in expected} != expected:
            raise RestoreMismatch("各表の行数が違います。", kept or data_folder)
        if (seq, hash_) != (manifest["audit_seq"], manifest["audit_hash"]):
            raise RestoreMismatch("操作記録の最終行が違います。", kept or data_folder)
        from counter_app.security.audit import append_audit
        from counter_app.store.numbering import raise_counters

        before = db.anchor.point if db.anchor is not None else None
        with db.unit_of_work() as uow:
            assert uow.session is not None
            # numbers printed after the backup was taken are never handed out again
            highest = db.anchor.highest_numbers() if db.anchor is not None else {}
            skipped = raise_counters(uow.session, highest)
            append_audit(
                uow.session,
                action="backup.restore",
                branch_code=uow.branch_code or "",
                actor_id=actor_id,
                at=at,
                detail={
                    "file": backup.name,
                    "sha256": manifest["sha256"],
                    "audit_seq": seq,
                    "previous_kept_in": kept.name if kept else None,
                    "installation_id": manifest["installation_id"],
                    "from_other_installation": manifest["installation_id"] != current_id
                    and current_id is not None,
                    "installation_id_before": current_id,
                    "anchor_before_seq": before.seq if before else None,
                    "anchor_before_hash": before.hash if before else None,
                    "numbers_not_reused": skipped,
                    "signed_in_against": signed_in_against,
                },
            )
            uow.commit()
        db.reset_anchor()
    finally:
        db.close()
    return counts, seq, hash_
