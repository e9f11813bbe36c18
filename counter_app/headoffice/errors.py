"""Head office's errors an administrator can act on (Japanese, shown as is)."""

from __future__ import annotations

from counter_app.errors import CounterAppError


class HeadOfficeError(CounterAppError):
    """Something head office's administrator must fix (connection, CA, enrolment)."""


class ServerTooOld(HeadOfficeError):
    def __init__(self, version: int) -> None:
        super().__init__(
            f"本部のPostgreSQLが古すぎます（{version // 10000}）。15 以上が必要です。",
            hint="PostgreSQL 15 以上に更新してから、もう一度実行してください。",
        )


def connection_failed(failure: Exception) -> HeadOfficeError:
    """What an ``hq`` command says when head office's database refuses or cannot be reached
    (the driver's first line goes in the hint, for the administrator)."""
    text = str(failure).strip()
    first_line = text.splitlines()[0] if text else ""
    return HeadOfficeError(
        "本部のデータベースに接続できないか、処理できませんでした。",
        hint=f"接続先 (--dsn)、パスワード (PGPASSWORD)、証明書を確認してください。({first_line[:200]})",
    )
