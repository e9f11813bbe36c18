"""``counter-app --head-office``: sign in with a desk account, then the desk window."""

from __future__ import annotations

import datetime as dt
import sys
from zoneinfo import ZoneInfo

JST = ZoneInfo("Asia/Tokyo")


def run_desk(options) -> int:  # options: ui.app.Options
    from PySide6.QtWidgets import QApplication, QDialog

    from counter_app.domain.calendar import default_calendar
    from ui.app import setup_application
    from ui.headoffice.sign_in import DeskSignIn
    from ui.headoffice.window import DeskWindow

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "counter-app"])
    setup_application(app, options)
    dialog = DeskSignIn()
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.account is None:
        return 0
    window = DeskWindow(
        dialog.connection, dialog.account, dt.datetime.now(JST).date(), default_calendar()
    )
    window.show()
    window.load()
    return app.exec()
