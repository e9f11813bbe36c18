"""``counter-app --head-office``: sign in with a desk account, then the desk window."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

JST = ZoneInfo("Asia/Tokyo")


def run_desk(setup: Callable[[QApplication], None]) -> int:
    """The desk window program; ``setup`` applies the fonts, translations and style the
    counter's window uses (ui.app passes it in: this module does not import ui.app back)."""
    from PySide6.QtWidgets import QApplication, QDialog

    from counter_app.services.rules import rules_in_force
    from ui.headoffice.sign_in import DeskSignIn
    from ui.headoffice.window import DeskWindow

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "counter-app"])
    setup(app)
    dialog = DeskSignIn()
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.account is None:
        return 0
    today = dt.datetime.now(JST).date()
    window = DeskWindow(dialog.connection, dialog.account, today, rules_in_force(today).calendar)
    window.show()
    window.load()
    return app.exec()
