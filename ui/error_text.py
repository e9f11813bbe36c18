"""What to tell the person at the counter about an error (a Japanese sentence, never a
traceback). Used by every window and dialog; it asks nothing and shows nothing itself."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)


def user_text(exc: BaseException) -> str:
    """What to tell the person at the counter about ``exc``.

    A :class:`CounterAppError` carries its own Japanese message; anything else is a bug: the
    traceback goes to the log and the user gets a plain apology, never the traceback.
    """
    from counter_app.echo import shown_message
    from counter_app.errors import CounterAppError

    if isinstance(exc, CounterAppError):
        return shown_message(exc.user_text())  # what it quotes cut to a readable length
    log.error("unexpected error", exc_info=exc)
    return QCoreApplication.translate(
        "Dialogs",
        "予期しないエラーが発生しました。入力した内容は残っています。管理者に連絡してください。",
    )
