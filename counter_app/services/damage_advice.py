"""What to do about a damaged or empty database: restore the newest backup that checks out.

The store refuses a damaged database (:class:`DatabaseDamaged`), an empty file
(:class:`DatabaseEmpty`), and a file its key cannot read (:class:`WrongKey`) without writing
to it. :func:`advise` turns that refusal into advice a branch can follow: the newest backup
that still matches its manifest (file hash, integrity, audit chain: :func:`verify_backup`),
named with the time it was taken, and the exact ``restore`` command.

A backup that opens with the keyring's key also proves the key is right: a database that key
cannot read is then damaged (its first page), not "from another PC".
"""

from __future__ import annotations

import datetime as dt
import shlex
from dataclasses import dataclass
from pathlib import Path

from counter_app.errors import CounterAppError, StorageError
from counter_app.store.errors import DatabaseDamaged, DatabaseEmpty, WrongKey
from counter_app.store.location import database_path

#: Refusals :func:`advise` knows what to do about.
ADVISED = (DatabaseDamaged, DatabaseEmpty, WrongKey)


@dataclass(frozen=True)
class GoodBackup:
    path: Path
    taken_at: dt.datetime


def newest_good_backup(data_folder: Path, key: bytes) -> GoodBackup | None:
    """The newest backup of ``data_folder`` that matches its manifest (None if none does)."""
    from counter_app.services.backup.folder import backup_folder, list_backups
    from counter_app.services.backup.verify import verify_backup

    for path in reversed(list_backups(backup_folder(data_folder))):
        try:
            manifest = verify_backup(path, key=key, data_folder=data_folder)
            taken_at = dt.datetime.fromisoformat(str(manifest["taken_at"]))
        except (CounterAppError, KeyError, TypeError, ValueError):
            continue
        return GoodBackup(path, taken_at)
    return None


def restore_hint(backup: GoodBackup | None) -> str:
    """The Japanese advice: restore this backup (named, with its date), or call the admin."""
    untouched = "このデータベースには何も書き込んでいません。"
    if backup is None:
        return (
            untouched
            + "控えと一致するバックアップが見つかりません。ファイルを消さずにそのまま残し、"
            "管理者に連絡してください。"
        )
    from counter_app.services.clock import JST

    taken = backup.taken_at.astimezone(JST)
    command = f"counter-app restore {shlex.quote(str(backup.path))} --yes --user 管理者のユーザーID"
    return (
        f"{untouched}最新の正常なバックアップは {backup.path.name} "
        f"({taken.year}年{taken.month}月{taken.day}日 {taken:%H:%M} 作成、控えと一致) です。"
        f"管理者が次のコマンドで復元できます (今のファイルは replaced-日時 フォルダに残ります):\n"
        f"{command}"
    )


def advise(exc: StorageError, data_folder: Path | str) -> StorageError:
    """``exc`` with a hint naming the newest good backup (a WrongKey proven to be damage
    becomes DatabaseDamaged); any other error, or one already advised, unchanged."""
    if not isinstance(exc, ADVISED) or getattr(exc, "advised", False):
        return exc
    from counter_app.security.keys import load_key

    data_folder = Path(data_folder)
    try:
        key = load_key(create=False)
    except CounterAppError:
        key = None
    backup = newest_good_backup(data_folder, key) if key is not None else None
    if isinstance(exc, WrongKey):
        if backup is None:
            return exc  # another key, or damage: nothing here can tell
        return DatabaseDamaged(
            str(database_path(data_folder)),
            "先頭のページが読めません",
            hint=restore_hint(backup),
        )
    if isinstance(exc, DatabaseEmpty):
        if backup is None:
            return exc
        return exc.with_hint(restore_hint(backup))
    return exc.with_hint(restore_hint(backup))
