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
