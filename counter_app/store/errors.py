"""Storage errors: what the environment did wrong, each with its own Japanese message.

SQLite reports very different situations through the same few exception classes. Those the
person at the counter (or the branch's IT contact) can act on become a :class:`StorageError`
subclass with a message saying what happened and what to do; anything else is a bug and is
re-raised untouched (the CLI and the UI show a generic apology and log it).

The split is the engine's: :func:`counter_app.store.sqlite.errors.translate_db_error` for
SQLite; ``UnitOfWork`` and ``open_database`` use it (through ``Database.translate_error``), so
callers only ever see these classes (or a bug).
"""

from __future__ import annotations

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
