"""Errors a user can act on. Each carries a Japanese message meant to be shown as is.

Anything that is *not* one of these is a bug: the UI and the CLI show a generic apology
and log the traceback, never the traceback itself.
"""

from __future__ import annotations


class CounterAppError(Exception):
    """Base of every error with a message for the person at the counter (Japanese)."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def user_text(self) -> str:
        """The message and, if any, what to do about it, ready to display."""
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class DomainError(CounterAppError):
    """A business rule refuses what was asked (illegal transition, invalid value...)."""


class IllegalTransition(DomainError):
    """A request cannot move from its current status to the one asked for."""


class InputError(CounterAppError):
    """Input given to the program is malformed (a JSON file, a CLI option, a form field)."""


class MyNumberRefused(InputError):
    """A free-text field contains what looks like an individual number (個人番号)."""

    def __init__(self, field: str | None = None) -> None:
        where = f"「{field}」に" if field else ""
        super().__init__(
            f"{where}個人番号と思われる12桁の数字があります。個人番号は記録できません。",
            hint="番号を削除してから入力し直してください。",
        )
        self.field = field


class ConfigError(CounterAppError):
    """A configuration file is missing, malformed or holds a wrong value."""

    def __init__(self, file: str, key: str | None, expected: str) -> None:
        where = f"{file} の「{key}」" if key else file
        super().__init__(f"設定ファイルの誤り: {where}: {expected}")
        self.file = file
        self.key = key
        self.expected = expected


class PermissionDenied(CounterAppError):
    """The acting staff member's role may not do this."""


class StorageError(CounterAppError):
    """The environment prevents storing or reading data (disk full, locked, read-only...)."""


class DiskFull(StorageError):
    """The disk is full (ENOSPC writing a file; SQLITE_FULL, or an I/O error with almost no
    space left, in the database: :mod:`counter_app.store.sqlite.errors`).

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
