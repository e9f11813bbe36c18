"""What a backup file holds and whether it matches its manifest: integrity, the audit chain,
the row count of every table, the newest audit row, the installation id."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3

from counter_app.security.audit import GENESIS_HASH, verify_audit_chain
from counter_app.services.backup.files import connect, database_key, file_sha256
from counter_app.services.backup.manifest import BackupInvalid, read_manifest
from counter_app.store.engine import Database
from counter_app.store.errors import DatabaseDamaged, WrongKey
from counter_app.store.installation import installation_id_of
from counter_app.store.sqlite.engine import build_engine
from counter_app.store.sqlite.errors import translate_db_error


def _user_tables(conn: Any) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [r[0] for r in rows]


def snapshot(conn: Any) -> tuple[dict[str, int], int, str]:
    """Row counts of every table and the newest audit row (seq, hash)."""
    counts = {
        t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _user_tables(conn)
    }
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, hash_ = (row[0], row[1]) if row else (0, GENESIS_HASH)
    return counts, seq, hash_


def _chain_ok(path: Path, key: bytes) -> int | None:
    """verify_audit_chain on a file (opened without migrating it)."""
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
        conn = connect(path, key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if [r[0] for r in result] != ["ok"]:
                raise BackupInvalid(path, "ファイルが壊れています (integrity_check)。")
            found = snapshot(conn)
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
    return found


def backup_installation(path: Path, key: bytes) -> str | None:
    """The installation id of the database inside backup ``path`` (None: an empty one)."""
    try:
        conn = connect(path, key)
        try:
            return installation_id_of(conn)
        finally:
            conn.close()
    except sqlcipher3.DatabaseError:
        raise BackupInvalid(
            path, "暗号鍵が一致しないか、データベースファイルではありません。"
        ) from None


def verify_backup(
    path: Path, *, key: bytes | None = None, data_folder: Path | None = None
) -> dict[str, Any]:
    """Check a backup against its manifest (hash, counts, audit chain and head); the manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupInvalid(path, "ファイルが見つかりません。")
    key = database_key(data_folder or path.parent, key)
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
