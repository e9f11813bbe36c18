"""The Japanese sentence a person at the counter sees for each :class:`SyncErrorKind`.

Every sentence says what happened and that nothing typed at the counter is lost: the outbox
keeps every change until head office acknowledged it, and the counter goes on taking requests
offline. The hint says what to do. docs/sync.md ("Errors") lists them.
"""

from __future__ import annotations

from collections.abc import Mapping

from counter_app.sync.protocol import SQLSTATE_OF_KIND, SyncError, SyncErrorKind

_KEPT = "受付はこのまま続けられます。未送信の変更は端末に残り、あとで送られます。"

SENTENCE_OF_KIND: Mapping[SyncErrorKind, tuple[str, str]] = {
    SyncErrorKind.UNREACHABLE: (
        "本部に接続できません（ネットワークまたは本部のサーバーが止まっています）。",
        _KEPT,
    ),
    SyncErrorKind.CERTIFICATE: (
        "本部との安全な接続を確認できません（端末の証明書の期限切れ・失効、"
        "または接続先の証明書の誤り）。",
        "本部の管理者に端末の再登録を依頼してください。" + _KEPT,
    ),
    SyncErrorKind.PASSPHRASE_MISSING: (
        "端末の鍵のパスフレーズが見つからないか、正しくありません。",
        "本部から受け取ったパスフレーズで登録をやり直してください。" + _KEPT,
    ),
    SyncErrorKind.NOT_ENROLLED: (
        "この端末は本部に登録されていません（単独で使用中）。",
        "本部の管理者から登録ファイルを受け取り、登録してください。",
    ),
    SyncErrorKind.GAP: (
        "本部が受け取った続きから送られていないため、本部が受け取りませんでした。",
        "本部の管理者に連絡してください。" + _KEPT,
    ),
    SyncErrorKind.CONFLICT: (
        "本部に届いている同じ番号の変更と内容が違うため、送信を止めました。"
        "本部に警告が記録されています。",
        "本部の管理者に連絡してください。" + _KEPT,
    ),
    SyncErrorKind.AUDIT_BREAK: (
        "操作記録のつながりが本部の記録と合いません（古いバックアップから戻した可能性が"
        "あります）。本部に警告が記録されています。",
        "本部の管理者に連絡してください。" + _KEPT,
    ),
    SyncErrorKind.SCHEMA: (
        "更新が必要です。この端末と本部でデータの版が合いません。",
        "プログラムを最新の版に更新してください。" + _KEPT,
    ),
    SyncErrorKind.FORBIDDEN: (
        "この端末には、その送信または参照が許可されていません。",
        "本部の管理者に連絡してください。" + _KEPT,
    ),
    SyncErrorKind.SERVER_FULL: (
        "本部のサーバーの記憶領域がいっぱいで、本部が受け取れません。",
        "本部の管理者に連絡してください。" + _KEPT,
    ),
    SyncErrorKind.CLOCK: (
        "この端末の時計が本部の時計とずれています。",
        "パソコンの日付と時刻を正しく合わせてから、もう一度送信してください。" + _KEPT,
    ),
    SyncErrorKind.INVALID: (
        "送信データの形式が正しくないため、本部が受け取りませんでした。",
        "本部の管理者に連絡してください。" + _KEPT,
    ),
}

KIND_OF_SQLSTATE: Mapping[str, SyncErrorKind] = {v: k for k, v in SQLSTATE_OF_KIND.items()}


def sync_error(kind: SyncErrorKind, detail: str = "", *, message: str | None = None) -> SyncError:
    """The :class:`SyncError` of ``kind`` with its sentence and hint (``detail`` for the log)."""
    sentence, hint = SENTENCE_OF_KIND[kind]
    return SyncError(kind, message or sentence, hint, detail)
