"""Encrypted online backups and their restore.

A backup is a page-for-page copy of the live database made with SQLite's online backup API
while the counter keeps working (a consistent snapshot under WAL). The copy is keyed with the
same SQLCipher key, so it is exactly as unreadable as the database: without the key from the
OS keyring it is noise. Next to each ``counter-YYYYMMDD-HHMMSS-<reason>.db`` lies a manifest
(``.json``, no personal data, authenticated with a MAC keyed from the database key:
:mod:`counter_app.services.manifest`) with the file's SHA-256, the row count of every table,
the seq and hash of the newest audit row — the anchor that ``audit verify`` checks later —
and the installation id of the database.

- :func:`take_backup` — on demand (``counter-app backup``) and after a day is closed
  (:func:`backup_after_day_close`); writes ``<file>.partial``, checks it (opens with the key,
  ``PRAGMA integrity_check``, audit chain, counts), then renames it into place; keeps the
  newest ``[backup] keep`` backups (security.toml) and deletes older ones.
- :func:`restore_backup` — checks the backup against its manifest, refuses a backup of
  another installation (unless ``from_other_installation``: the audited migration path),
  moves the current database aside (never deletes it), puts the copy in place, reopens it and
  checks that it matches the backup (file hash, row counts, audit head), then records the
  restore and resets the rollback anchor to the restored state
  (:mod:`counter_app.security.anchor`).

Failures (disk full, read-only folder, locked database, wrong key) leave the live database as
it was and raise :class:`~counter_app.errors.StorageError` subclasses with Japanese messages;
a half-written backup file is removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from counter_app.config.security import security_settings
from counter_app.errors import InputError, StorageError
from counter_app.security.anchor import load_anchor_state
from counter_app.security.audit import GENESIS_HASH
from counter_app.security.keys import load_key
from counter_app.security.roles import Actor
from counter_app.services.audit_verify import Anchor
from counter_app.services.manifest import (
    BackupInvalid,
    ManifestFindings,
    manifest_findings,
    read_manifest,
    write_manifest,
)
from counter_app.store.engine import Database, open_database
from counter_app.store.errors import DatabaseDamaged, DatabaseLocked, KeyMissing, WrongKey
from counter_app.store.installation import installation_id_of
from counter_app.store.location import DATABASE_FILE, database_path
from counter_app.store.sqlite.cipher import key_pragma
from counter_app.store.sqlite.errors import translate_db_error

_NAME = re.compile(r"^counter-(\d{8})-(\d{6})(?:-(\d+))?-([a-z-]+)\.db$")
REASONS = ("manual", "day-close", "before-restore", "before-purge")


class BackupFailed(StorageError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"バックアップを作成できませんでした: {detail}",
            hint="データベースはそのままです。保存先の空き容量と書き込み権限を確認してください。",
        )


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


# -- helpers ------------------------------------------------------------------------------------
def backup_folder(data_folder: Path) -> Path:
    """Where backups go: ``[backup] folder`` of security.toml, relative to the data folder."""
    configured = Path(security_settings().backup_folder).expanduser()
    return configured if configured.is_absolute() else Path(data_folder) / configured


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _connect(path: Path, key: bytes) -> Any:
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(key_pragma(key))
    return conn


def _user_tables(conn: Any) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [r[0] for r in rows]


def _snapshot(conn: Any) -> tuple[dict[str, int], int, str]:
    """Row counts of every table and the newest audit row (seq, hash)."""
    counts = {
        t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _user_tables(conn)
    }
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, hash_ = (row[0], row[1]) if row else (0, GENESIS_HASH)
    return counts, seq, hash_


def _chain_ok(path: Path, key: bytes) -> int | None:
    """verify_audit_chain on a file (opened without migrating it)."""
    from counter_app.security.audit import verify_audit_chain
    from counter_app.store.sqlite.engine import build_engine

    engine = build_engine(path, key)
    try:
        database = Database(path, engine)
        with database.unit_of_work(read_only=True) as uow:
            return verify_audit_chain(uow)
    finally:
        engine.dispose()


def inspect_backup_file(path: Path, key: bytes) -> tuple[dict[str, int], int, str]:
    """Open a backup with ``key`` and check it: integrity, audit chain; its snapshot."""
    try:
        conn = _connect(path, key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if [r[0] for r in result] != ["ok"]:
                raise BackupInvalid(path, "ファイルが壊れています (integrity_check)。")
            snapshot = _snapshot(conn)
        finally:
            conn.close()
    except sqlcipher3.DatabaseError as exc:
        translated = translate_db_error(exc, str(path))
        if isinstance(translated, WrongKey):
            raise BackupInvalid(
                path, "暗号鍵が一致しないか、データベースファイルではありません。"
            ) from None
        if translated is not None and not isinstance(translated, DatabaseDamaged):
            raise translated from None
        raise BackupInvalid(path, f"ファイルが壊れています ({exc})。") from None
    broken = _chain_ok(path, key)
    if broken is not None:
        raise BackupInvalid(path, f"操作記録の連鎖が番号 {broken} で切れています。")
    return snapshot


def _database_key(folder: Path, key: bytes | None) -> bytes:
    if key is not None:
        return key
    loaded = load_key(create=False)
    if loaded is None:
        raise KeyMissing(str(database_path(folder)))
    return loaded


def _key_of(db: Database) -> bytes:
    """The key the open database was opened with (else the one in the OS keyring)."""
    return _database_key(db.folder, db.encryption_key())


def list_backups(folder: Path) -> list[Path]:
    """Backup files in ``folder``, oldest first (by the time in their names)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if _NAME.match(p.name)]
    return sorted(found, key=_taken_order)


def _taken_order(path: Path) -> tuple[str, str, int]:
    """Date, time, then the number of a second backup in the same second (``-2-``): the
    name alone sorts ``...-130025-2-manual`` before ``...-130025-manual``."""
    match = _NAME.match(path.name)
    assert match is not None
    return match.group(1), match.group(2), int(match.group(3) or 1)


def backup_anchors(folder: Path, key: bytes | None = None) -> list[Anchor]:
    """The audit anchors of every manifest in ``folder`` that reads (and, given the database
    ``key``, authenticates); :func:`backup_findings` also says what is wrong with the others."""
    return manifest_findings(list_backups(folder), key).anchors


def backup_findings(folder: Path, key: bytes | None) -> ManifestFindings:
    """:func:`counter_app.services.manifest.manifest_findings` for the backups of ``folder``."""
    return manifest_findings(list_backups(folder), key)


def backup_installation(path: Path, key: bytes) -> str | None:
    """The installation id of the database inside backup ``path`` (None: an empty one)."""
    try:
        conn = _connect(path, key)
        try:
            return installation_id_of(conn)
        finally:
            conn.close()
    except sqlcipher3.DatabaseError:
        raise BackupInvalid(
            path, "暗号鍵が一致しないか、データベースファイルではありません。"
        ) from None


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


def prune_backups(folder: Path, keep: int) -> list[str]:
    """Delete all but the newest ``keep`` backups (and their manifests); their names."""
    removed = []
    backups = list_backups(folder)
    for path in backups[: max(0, len(backups) - keep)]:
        for victim in (path, path.with_suffix(".json")):
            with contextlib.suppress(FileNotFoundError):
                victim.unlink()
        removed.append(path.name)
    if removed:
        _fsync_dir(folder)
    return removed


def _new_name(folder: Path, at: dt.datetime, reason: str) -> Path:
    stamp = at.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S")
    path = folder / f"counter-{stamp}-{reason}.db"
    n = 1
    while path.exists() or path.with_suffix(".json").exists():
        n += 1
        path = folder / f"counter-{stamp}-{n}-{reason}.db"
    return path


def _os_failure(exc: OSError, where: Path) -> StorageError:
    import errno

    from counter_app.errors import DiskFull
    from counter_app.store.errors import ReadOnlyStorage

    if exc.errno == errno.ENOSPC:
        return DiskFull()
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyStorage(str(where))
    return BackupFailed(exc.strerror or type(exc).__name__)


# -- the services ---------------------------------------------------------------------------------
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
    key = key if key is not None else _key_of(db)
    folder = Path(folder) if folder is not None else backup_folder(db.folder)
    keep = keep if keep is not None else security_settings().backups_kept
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _os_failure(exc, folder) from None
    _remove_stale_partials(folder)
    target = _new_name(folder, at, reason)
    partial = target.with_name(target.name + ".partial")
    try:
        dest = _connect(partial, key)
        try:
            with db.engine.connect() as conn:
                source = conn.connection.driver_connection
                source.backup(dest)
                conn.rollback()
        finally:
            dest.close()
        _fsync_file(partial)
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
        _fsync_dir(folder)
    except sqlcipher3.DatabaseError as exc:
        _cleanup(partial, target)
        raise translate_db_error(exc, str(partial)) or BackupFailed(str(exc)) from None
    except OSError as exc:
        _cleanup(partial, target)
        raise _os_failure(exc, folder) from None
    except BaseException:
        _cleanup(partial, target)
        raise
    removed = prune_backups(folder, keep)
    _audit(
        db,
        actor,
        "backup.create",
        at,
        {
            "file": target.name,
            "sha256": digest,
            "reason": reason,
            "audit_seq": seq,
            "removed": removed,
        },
    )
    return BackupInfo(
        target,
        target.with_suffix(".json"),
        digest,
        size,
        reason,
        at,
        counts,
        seq,
        hash_,
        tuple(removed),
    )


#: A ``.partial`` file older than this was left by a backup that was cut off (power cut).
STALE_PARTIAL_SECONDS = 600


def _remove_stale_partials(folder: Path) -> None:
    import time

    for path in folder.glob("*.partial"):
        with contextlib.suppress(OSError):
            if time.time() - path.stat().st_mtime > STALE_PARTIAL_SECONDS:
                path.unlink()


def _cleanup(partial: Path, target: Path) -> None:
    for path in (partial, target.with_suffix(".json.partial")):
        with contextlib.suppress(OSError):
            path.unlink()


def _audit(db: Database, actor: Actor | None, action: str, at: dt.datetime, detail: dict) -> None:
    from counter_app.services.trail import record

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


def backup_after_day_close(
    db: Database, actor: Actor, *, at: dt.datetime | None = None
) -> BackupInfo:
    """The automatic backup taken right after a day has been closed."""
    return take_backup(db, actor, reason="day-close", at=at)


def verify_backup(
    path: Path, *, key: bytes | None = None, data_folder: Path | None = None
) -> dict[str, Any]:
    """Check a backup against its manifest (hash, counts, audit chain and head); the manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupInvalid(path, "ファイルが見つかりません。")
    key = _database_key(data_folder or path.parent, key)
    manifest = read_manifest(path, key)
    if file_sha256(path) != manifest.get("sha256"):
        raise BackupInvalid(path, "ファイルの内容が控え (SHA-256) と一致しません。")
    counts, seq, hash_ = inspect_backup_file(path, key)
    if counts != manifest.get("counts"):
        raise BackupInvalid(path, "各表の行数が控えと一致しません。")
    if (seq, hash_) != (manifest.get("audit_seq"), manifest.get("audit_hash")):
        raise BackupInvalid(path, "操作記録の最終行が控えと一致しません。")
    installation = backup_installation(path, key)
    if "installation_id" in manifest and manifest["installation_id"] != installation:
        raise BackupInvalid(path, "設置IDが控えと一致しません。")
    return {**manifest, "installation_id": installation}


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
    conn = _connect(path, key)
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
    key = _database_key(data_folder, key)
    manifest = verify_backup(backup, key=key, data_folder=data_folder)
    current_id = check_installation(
        data_folder, backup, manifest, key=key, from_other_installation=from_other_installation
    )
    live = database_path(data_folder)
    try:
        data_folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _os_failure(exc, data_folder) from None
    damaged = _ensure_quiet(data_folder, key)  # checkpoints: the old WAL is empty or gone

    kept: Path | None = None
    made_kept = False
    staging = data_folder / (DATABASE_FILE + ".restoring")
    companions = [live.with_name(live.name + suffix) for suffix in ("-wal", "-shm")]
    try:
        if live.exists():
            kept = data_folder / f"replaced-{at.strftime('%Y%m%d-%H%M%S')}"
            made_kept = not kept.exists()
            kept.mkdir(exist_ok=True)
            for path in (live, *companions):
                if path.exists():
                    shutil.copyfile(path, kept / path.name)
                    _fsync_file(kept / path.name)
            _fsync_dir(kept)
        shutil.copyfile(backup, staging)
        _fsync_file(staging)
        if file_sha256(staging) != manifest["sha256"]:
            raise BackupInvalid(backup, "コピーした内容が控えと一致しません。")
        wal = companions[0]
        if wal.exists() and wal.stat().st_size > 0 and not damaged:
            raise DatabaseLocked(RESTORE_BUSY)  # someone wrote since the checkpoint: try later
        _replace_live(staging, live, companions)  # the one step
        _fsync_dir(data_folder)
    except (OSError, DatabaseLocked) as exc:
        with contextlib.suppress(OSError):
            staging.unlink()
        if isinstance(exc, DatabaseLocked):
            if kept is not None and made_kept:  # nothing was replaced: no copy to keep
                shutil.rmtree(kept, ignore_errors=True)
            raise
        raise _os_failure(exc, data_folder) from None

    restored_hash = file_sha256(live)
    if restored_hash != manifest["sha256"]:
        raise RestoreMismatch("ファイルの SHA-256 が違います。", kept or data_folder)
    db = open_database(data_folder, key=key, create=False, anchor=load_anchor_state)
    try:
        with db.engine.connect() as conn:
            raw = conn.connection.driver_connection
            counts, seq, hash_ = _snapshot(raw)
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
    return RestoreReport(backup, live, kept, manifest["sha256"], counts, seq, hash_)
