"""Storage errors: what the environment did wrong, each with its own Japanese message.

SQLite reports very different situations through the same few exception classes. Those the
person at the counter (or the branch's IT contact) can act on become a :class:`StorageError`
subclass with a message saying what happened and what to do; anything else is a bug and is
re-raised untouched (the CLI and the UI show a generic apology and log it).

``translate_db_error(exc)`` does the split; ``UnitOfWork`` and ``open_database`` use it, so
callers only ever see these classes (or a bug).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from counter_app.errors import StorageError


class KeyringUnavailable(StorageError):
    """No usable OS keyring: the database key cannot be kept safely, so we refuse to open."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "データベースの暗号鍵を保管する OS の資格情報ストア (キーリング) が使えません。"
            "暗号化せずに保存することはできないため、起動を中止しました。"
            + (f" ({detail})" if detail else ""),
            hint=(
                "Windows では「資格情報マネージャー」、macOS では「キーチェーン」、Linux では "
                "GNOME Keyring などの Secret Service が動いていることを確認してください。"
                "練習には --demo (研修モード) を使えます。"
            ),
        )


class KeyMissing(StorageError):
    """The database exists but its key is not in the keyring (another PC or user?)."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"データベース {path} の暗号鍵がキーリングに見つかりません。",
            hint=(
                "このデータベースを作成した PC と Windows/OS ユーザーで起動してください。"
                "鍵がなければデータは読めません。管理者に連絡してください。"
            ),
        )


class WrongKey(StorageError):
    """The file is not a database, or not one this key can decrypt."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path} を開けません: 暗号鍵が一致しないか、データベースファイルではありません。",
            hint="別の PC からコピーしたファイルではないか確認し、管理者に連絡してください。",
        )


#: What to do when no checked backup can be named (the services name the newest good one).
DAMAGED_HINT = (
    "データベースには何も書き込んでいません。ファイルをそのまま残し、管理者に連絡してください。"
    "管理者は counter-app backup list で正常なバックアップを確かめ、"
    "counter-app restore バックアップファイル --yes --user 管理者ID で復元できます。"
)


class DatabaseDamaged(StorageError):
    """The database file (or its WAL) is damaged: refused before anything is written to it.

    ``detail`` says what was found (Japanese, no personal data). The services replace the
    hint by one naming the newest backup that checks out (:meth:`with_hint`).
    """

    def __init__(self, path: str, detail: str = "", *, hint: str = DAMAGED_HINT) -> None:
        super().__init__(
            f"データベース {path} が壊れています"
            + (f" ({detail})" if detail else "")
            + "。記録を失わないよう、開かずに中止しました。",
            hint=hint,
        )
        self.path = path
        self.detail = detail
        self.advised = hint is not DAMAGED_HINT

    def with_hint(self, hint: str) -> DatabaseDamaged:
        return DatabaseDamaged(self.path, self.detail, hint=hint)


class DatabaseEmpty(StorageError):
    """``counter.db`` exists but holds 0 bytes: never rebuilt silently as a new database."""

    def __init__(self, path: str, *, hint: str | None = None) -> None:
        super().__init__(
            f"データベースファイル {path} が空です (0 バイト)。記録が入っていないため開けません。"
            "新しいデータベースを作り直すこともしていません。",
            hint=hint
            or (
                "バックアップから復元してください (counter-app backup list で確認し、"
                "counter-app restore バックアップファイル --yes --user 管理者ID)。"
                "初めて使う PC なら、この空のファイルを削除してから始めてください。"
            ),
        )
        self.path = path
        self.advised = hint is not None

    def with_hint(self, hint: str) -> DatabaseEmpty:
        return DatabaseEmpty(self.path, hint=hint)


class DatabaseLocked(StorageError):
    """Another process holds the write lock longer than the busy timeout."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "データベースが他の処理で使用中のため、保存できませんでした。入力内容は保存されていません。",
            hint="しばらく待ってからもう一度実行してください。続く場合は他の画面やコマンドを終了してください。",
        )


class DiskFull(StorageError):
    """The disk is full (SQLITE_FULL, ENOSPC, or an I/O error with almost no space left).

    ``what``: what could not be done, when it is not "saving what was typed" (an export).
    """

    def __init__(self, what: str | None = None) -> None:
        super().__init__(
            f"ディスクの空き容量が不足しているため、{what}。"
            if what
            else "ディスクの空き容量が不足しているため、保存できませんでした。"
            "入力内容は保存されていません。",
            hint="不要なファイルを削除して空き容量を確保し、もう一度実行してください。",
        )


class ReadOnlyStorage(StorageError):
    def __init__(self, path: str = "") -> None:
        where = f" ({path})" if path else ""
        super().__init__(
            f"データフォルダに書き込めません{where}。入力内容は保存されていません。",
            hint="フォルダの書き込み権限や、読み取り専用の媒体でないかを確認してください。",
        )


class CannotOpen(StorageError):
    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(
            f"データベース {path} を開けません" + (f" ({detail})" if detail else "") + "。",
            hint="データフォルダが存在し、読み書きできるか確認してください。",
        )


class DiskIOError(StorageError):
    def __init__(self) -> None:
        super().__init__(
            "ディスクの読み書きでエラーが発生しました。入力内容は保存されていません。",
            hint="ディスクの状態を確認し、管理者に連絡してください。",
        )


class DatabaseTooNew(StorageError):
    """The file was written by a newer version of the program (unknown migration)."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            f"このデータベースは新しい版のプログラムで作成されています (版 {revision})。"
            "この版のプログラムでは開けません。",
            hint="プログラムを最新版に更新してください。",
        )


class NotInitialised(StorageError):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"データベースがまだ作成されていません ({path})。",
            hint="最初に counter-app init で支店と管理者を登録してください。",
        )


class AlreadyInitialised(StorageError):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"データベースはすでに初期化されています ({path})。",
            hint="別のデータフォルダを指定するか、既存のデータベースをそのまま使ってください。",
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
